// The pool at a glance: accounts with tier, status, both quota windows per family, credits, pools and cooldowns;
// scheduling controls.
import { del, get, patch, post } from './api.js';
import { ask, h, replace, toast, until } from './dom.js';
import { checks, credits, hasQuotaLeft, leastLeft, pools, quotaWindows } from './quota.js';

// What the operator chose: kept while the dashboard is open (memory only).
const view = { search: '', sort: 'email', tier: '', status: '', family: '', selected: new Set() };

export async function showPool(main) {
  const accounts = h('div', { id: 'pool' });
  const scheduling = h('section', { class: 'card', 'aria-labelledby': 'scheduling-title' });
  const addButton = h('button', { type: 'button', id: 'add-account' }, 'Add by sign-in');
  addButton.addEventListener('click', async () => {
    try {
      const start = await post('accounts/login');
      location.assign(start.authorizeUrl);
    } catch (e) {
      toast(e.message, 'error');
    }
  });
  const importInput = h('input', { id: 'import-file', type: 'file', accept: '.json,.txt,application/json,text/plain', class: 'visually-hidden-file' });
  const importLabel = h('label', { for: 'import-file', class: 'button secondary', tabindex: -1 }, 'Import file…');
  const exportButton = h('button', { type: 'button', id: 'export-accounts', class: 'secondary' }, 'Export');
  const controls = h('div', { id: 'pool-controls' });
  const forecast = h('ul', { id: 'forecast', class: 'small', 'aria-label': 'Forecast' });
  let list = [];
  const draw = () => renderAccounts(accounts, list, refresh);
  const refresh = async () => {
    const [accountsNow, sched] = await Promise.all([get('accounts'), get('scheduling')]);
    list = accountsNow;
    for (const id of [...view.selected]) if (!list.some((a) => a.id === id)) view.selected.delete(id);
    renderControls(controls, list, draw);
    draw();
    renderScheduling(scheduling, sched, list, refresh);
    get('quotas/forecast').then((f) => replace(forecast, f.map(forecastLine))).catch(() => {});
  };
  importInput.addEventListener('change', async () => {
    const file = importInput.files?.[0];
    importInput.value = '';
    if (file) await importFile(file, refresh);
  });
  exportButton.addEventListener('click', () => exportAccounts());
  replace(main,
    h('section', { class: 'card', 'aria-labelledby': 'pool-title' },
      h('div', { class: 'row' }, h('h2', { id: 'pool-title' }, 'Accounts'),
        h('div', { class: 'row' }, addButton, importLabel, importInput, exportButton)),
      forecast,
      controls,
      accounts),
    scheduling);

  await refresh();
  const poll = setInterval(() => refresh().catch(() => {}), 10000);
  const tick = setInterval(() => {
    for (const el of main.querySelectorAll('[data-until]')) el.textContent = until(el.dataset.until);
  }, 1000);
  return () => { clearInterval(poll); clearInterval(tick); };
}

async function importFile(file, refresh) {
  try {
    const text = await file.text();
    let passphrase;
    if (text.includes('switchyard-accounts-encrypted')) {
      passphrase = await ask({ title: 'Encrypted export', message: `${file.name} is encrypted.`, input: { label: 'Passphrase', type: 'password' }, confirm: 'Import' });
      if (passphrase === null) return;
    }
    const result = await post('accounts/import', { text, passphrase });
    toast(`Imported ${result.emails.length} account(s): ${result.added} added, ${result.updated} updated`, 'ok');
    await refresh();
  } catch (e) {
    toast(e.message, 'error');
  }
}

async function exportAccounts() {
  const passphrase = await ask({
    title: 'Export accounts',
    message: 'The file holds every refresh token, so it is encrypted. Import it with the same passphrase.',
    input: { label: 'Passphrase (8 characters or more)', type: 'password', autocomplete: 'new-password', minlength: 8 },
    confirm: 'Export',
  });
  if (passphrase === null) return;
  try {
    const text = await post('accounts/export', { passphrase });
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = h('a', { href: url, download: 'switchyard-accounts.json', hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  } catch (e) {
    toast(e.message, 'error');
  }
}

function option(value, label, selected) {
  return h('option', { value, selected: value === selected }, label);
}

function renderControls(container, list, draw) {
  if (container.childElementCount > 0) return; // built once; the list changes under it
  const search = h('input', { id: 'pool-search', type: 'search', value: view.search, placeholder: 'email or project', oninput: (e) => { view.search = e.target.value; draw(); } });
  const sort = h('select', { id: 'pool-sort', onchange: (e) => { view.sort = e.target.value; draw(); } },
    option('email', 'Email', view.sort), option('tier', 'Tier', view.sort), option('status', 'Status', view.sort),
    option('quota', 'Quota left (least first)', view.sort), option('added', 'Newest first', view.sort));
  const tiers = [...new Set(list.map((a) => a.tier))].sort();
  const tier = h('select', { id: 'filter-tier', onchange: (e) => { view.tier = e.target.value; draw(); } },
    option('', 'Any', view.tier), ['Free', 'Pro', 'Ultra', ...tiers].filter((t, i, all) => all.indexOf(t) === i).map((t) => option(t, t, view.tier)));
  const status = h('select', { id: 'filter-status', onchange: (e) => { view.status = e.target.value; draw(); } },
    option('', 'Any', view.status), ['ok', 'cooling', 'verify', 'disabled'].map((t) => option(t, t, view.status)));
  const family = h('select', { id: 'filter-family', onchange: (e) => { view.family = e.target.value; draw(); } },
    option('', 'Any', view.family), option('gemini', 'Gemini left', view.family), option('3p', 'Claude / GPT left', view.family));
  const field = (label, control) => h('label', {}, label, control);
  replace(container, h('div', { class: 'toolbar', role: 'search', 'aria-label': 'Accounts' },
    field('Search', search), field('Sort by', sort), field('Tier', tier), field('Status', status), field('Family', family)));
}

function visible(list) {
  const q = view.search.trim().toLowerCase();
  const shown = list.filter((a) =>
    (!q || a.email.toLowerCase().includes(q) || (a.projectId ?? '').toLowerCase().includes(q))
    && (!view.tier || a.tier.toLowerCase() === view.tier.toLowerCase())
    && (!view.status || a.status === view.status)
    && (!view.family || hasQuotaLeft(a, view.family)));
  const order = { ok: 0, cooling: 1, verify: 2, disabled: 3 };
  const by = {
    email: (a, b) => a.email.localeCompare(b.email),
    tier: (a, b) => a.tier.localeCompare(b.tier) || a.email.localeCompare(b.email),
    status: (a, b) => (order[a.status] ?? 9) - (order[b.status] ?? 9) || a.email.localeCompare(b.email),
    quota: (a, b) => leastLeft(a) - leastLeft(b) || a.email.localeCompare(b.email),
    added: (a, b) => (a.addedAt < b.addedAt ? 1 : a.addedAt > b.addedAt ? -1 : 0),
  }[view.sort] ?? ((a, b) => a.email.localeCompare(b.email));
  return shown.sort(by);
}

function renderAccounts(container, list, refresh) {
  if (list.length === 0) {
    replace(container, h('p', { class: 'muted' }, 'No accounts yet. Add one by signing in, or import a file.'));
    return;
  }
  const act = (label, fn, attrs = {}) => h('button', {
    type: 'button', class: 'small', ...attrs,
    onclick: async () => {
      try { await fn(); await refresh(); } catch (e) { toast(e.message, 'error'); }
    },
  }, label);
  const shown = visible(list);
  const selectedShown = () => shown.filter((a) => view.selected.has(a.id));
  const count = h('span', { id: 'selected-count', class: 'muted small', role: 'status' });
  const bulkButtons = [];
  const updateBulk = () => {
    const n = selectedShown().length;
    count.textContent = n ? `${n} selected` : 'Select rows for bulk actions';
    for (const b of bulkButtons) b.disabled = n === 0;
  };
  const bulk = (id, label, fn, cls = 'small') => {
    const b = h('button', { type: 'button', id, class: cls, disabled: true, onclick: async () => {
      const chosen = selectedShown();
      if (chosen.length === 0) return;
      try {
        if (await fn(chosen) === false) return;
        toast(`${label}: ${chosen.length} account(s)`, 'ok');
      } catch (e) {
        toast(e.message, 'error');
      }
      await refresh();
    } }, label);
    bulkButtons.push(b);
    return b;
  };
  const all = h('input', { type: 'checkbox', id: 'select-all', 'aria-label': 'Select all shown accounts',
    onchange: (e) => {
      for (const a of shown) { if (e.target.checked) view.selected.add(a.id); else view.selected.delete(a.id); }
      for (const box of container.querySelectorAll('input.select-row')) box.checked = e.target.checked;
      updateBulk();
    } });
  all.checked = shown.length > 0 && shown.every((a) => view.selected.has(a.id));
  const rows = shown.map((a) => h('tr', { 'data-email': a.email, 'data-id': a.id },
    h('td', { class: 'select' }, h('input', { type: 'checkbox', class: 'select-row', 'aria-label': `Select ${a.email}`, checked: view.selected.has(a.id),
      onchange: (e) => { if (e.target.checked) view.selected.add(a.id); else view.selected.delete(a.id); updateBulk(); } })),
    h('th', { scope: 'row' }, h('span', { class: 'email' }, a.email),
      h('div', { class: 'small' }, h('span', { class: 'muted' }, a.tier), a.fixed ? h('span', { class: 'badge pin' }, 'Pinned') : null)),
    h('td', { class: 'status-cell' }, h('span', { class: `status ${a.status}` }, a.status),
      a.status === 'cooling' && a.reason ? h('div', { class: 'muted small' }, a.reason) : null,
      checks(a),
      a.problems?.length ? h('div', { class: 'muted small problems', title: a.problems.join('\n') }, `${a.problems.length} reading problem(s)`) : null),
    h('td', {}, quotaWindows(a.quota)),
    h('td', {}, credits(a.credits), pools(a.pools)),
    h('td', {}, a.cooldowns.length === 0 ? h('span', { class: 'muted small' }, 'none') : h('ul', { class: 'plain small' },
      a.cooldowns.map((c) => h('li', {}, `${c.kind}${c.group ? ` · ${c.group}/${c.pool}` : ''} · `, h('span', { 'data-until': c.until }, until(c.until)))))),
    h('td', { class: 'actions' },
      a.enabled
        ? act('Disable', async () => {
          const reason = await ask({ title: `Disable ${a.email}?`, input: { label: 'Reason (optional)' }, confirm: 'Disable' });
          if (reason !== null) await post(`accounts/${a.id}/disable`, { reason });
        })
        : act('Enable', () => post(`accounts/${a.id}/enable`)),
      a.fixed
        ? act('Unpin', () => patch('scheduling', { fixedAccount: null }))
        : act('Pin', () => patch('scheduling', { fixedAccount: a.id }), { title: 'Use this account for every request while it is usable' }),
      act('Refresh quota', () => post(`accounts/${a.id}/quota/refresh`)),
      act('Remove', async () => {
        if (await ask({ title: `Remove ${a.email}?`, message: 'Its stored tokens are deleted.', confirm: 'Remove', danger: true })) await del(`accounts/${a.id}`);
      }, { class: 'small danger' }))));
  const bar = h('div', { class: 'bulk', role: 'group', 'aria-label': 'Bulk actions' },
    bulk('bulk-enable', 'Enable', (chosen) => Promise.all(chosen.map((a) => post(`accounts/${a.id}/enable`)))),
    bulk('bulk-disable', 'Disable', (chosen) => Promise.all(chosen.map((a) => post(`accounts/${a.id}/disable`, { reason: 'disabled in the dashboard (bulk)' })))),
    bulk('bulk-refresh', 'Refresh quota', (chosen) => Promise.all(chosen.map((a) => post(`accounts/${a.id}/quota/refresh`).catch(() => null)))),
    bulk('bulk-remove', 'Remove', async (chosen) => {
      if (!await ask({ title: `Remove ${chosen.length} account(s)?`, message: chosen.map((a) => a.email).join(', '), confirm: 'Remove', danger: true })) return false;
      await Promise.all(chosen.map((a) => del(`accounts/${a.id}`)));
      for (const a of chosen) view.selected.delete(a.id);
      return true;
    }, 'small danger'),
    count);
  replace(container, bar,
    h('p', { id: 'pool-count', class: 'muted small' }, `${shown.length} of ${list.length} account(s) shown`),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Accounts table' },
      h('table', { id: 'accounts' },
        h('thead', {}, h('tr', {}, h('td', {}, all), ['Account', 'Status', 'Quota (5 h and weekly)', 'Credits and pools', 'Cooldowns', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rows))));
  updateBulk();
}

function renderScheduling(section, s, accounts, refresh) {
  const status = h('span', { id: 'scheduling-status', class: 'muted', role: 'status' });
  const save = async (change) => {
    status.textContent = 'Saving…';
    try {
      await patch('scheduling', change);
      await refresh();
      document.getElementById('scheduling-status').textContent = 'Saved';
    } catch (e) {
      status.textContent = '';
      toast(e.message, 'error');
    }
  };
  const strategy = h('select', { id: 'strategy', onchange: (e) => save({ strategy: e.target.value || null }) },
    h('option', { value: '' }, s.mode ? '(from mode)' : '(default: hybrid)'),
    s.strategies.map((x) => h('option', { value: x, selected: s.strategy === x }, x)));
  const mode = h('select', { id: 'mode', onchange: (e) => save({ mode: e.target.value || null }) },
    h('option', { value: '' }, '(none)'),
    s.modes.map((x) => h('option', { value: x, selected: s.mode === x }, x)));
  const wait = h('input', { id: 'max-wait', type: 'number', min: 0, max: 3600, value: s.maxWaitSeconds });
  wait.addEventListener('change', () => save({ maxWaitSeconds: Number.parseInt(wait.value, 10) }));
  const pinned = accounts.find((a) => a.fixed);
  replace(section,
    h('h2', { id: 'scheduling-title' }, 'Scheduling'),
    h('div', { class: 'grid' },
      h('label', { for: 'strategy' }, 'Strategy'), strategy,
      h('label', { for: 'mode' }, 'Mode'), mode,
      h('label', { for: 'max-wait' }, 'Max wait (s)'), wait,
      h('span', {}, 'Pinned account'), h('span', { id: 'pinned' }, pinned ? pinned.email : s.fixedAccount ?? 'none'),
      h('span', {}, 'In effect'), h('span', { id: 'effective' }, `${s.effectiveStrategy}${s.bindSessions ? ', sessions stay on their account' : ''}`),
      h('span', {}, 'Session bindings'), h('span', {},
        h('span', { id: 'binding-count' }, String(s.bindings)), ' ',
        h('button', { type: 'button', id: 'clear-bindings', class: 'small', onclick: async () => {
          const cleared = await del('bindings');
          toast(`Cleared ${cleared.count} binding(s)`, 'ok');
          await refresh();
        } }, 'Clear'))),
    status);
}

const FAMILY_NAMES = { gemini: 'Gemini', '3p': 'Claude and GPT-OSS' };

// One family's forecast at the recent rate: "Claude and GPT-OSS: runs dry Thu 15:40; 2 accounts left".
function forecastLine(f) {
  const left = f.accountsLeft === 1 ? '1 account left' : `${f.accountsLeft} accounts left`;
  const when = f.runsDryAt
    ? `runs dry ${new Date(f.runsDryAt).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' })}`
    : (f.windows ?? []).some((w) => w.ratePerHour != null) ? 'lasts the week at the recent rate' : 'no recent use to forecast from';
  return h('li', { 'data-family': f.family }, h('strong', {}, `${FAMILY_NAMES[f.family] ?? f.family}: `), `${when}; ${left}`);
}
