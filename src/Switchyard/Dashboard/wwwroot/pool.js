// The pool at a glance: accounts with tier, status, both quota windows per family, credits, pools and cooldowns;
// scheduling controls.
import { del, get, patch, post } from './api.js';
import { h, replace, toast, until } from './dom.js';
import { checks, credits, pools, quotaWindows } from './quota.js';

export async function showPool(main) {
  const accounts = h('div', { id: 'pool' });
  const scheduling = h('section', { class: 'card', 'aria-labelledby': 'scheduling-title' });
  const addButton = h('button', { type: 'button', id: 'add-account' }, 'Add account');
  addButton.addEventListener('click', async () => {
    try {
      const start = await post('accounts/login');
      location.assign(start.authorizeUrl);
    } catch (e) {
      toast(e.message, 'error');
    }
  });
  replace(main,
    h('section', { class: 'card', 'aria-labelledby': 'pool-title' },
      h('div', { class: 'row' }, h('h2', { id: 'pool-title' }, 'Accounts'), addButton),
      accounts),
    scheduling);

  const refresh = async () => {
    const [list, sched] = await Promise.all([get('accounts'), get('scheduling')]);
    renderAccounts(accounts, list, refresh);
    renderScheduling(scheduling, sched, list, refresh);
  };
  await refresh();
  const poll = setInterval(() => refresh().catch(() => {}), 10000);
  const tick = setInterval(() => {
    for (const el of main.querySelectorAll('[data-until]')) el.textContent = until(el.dataset.until);
  }, 1000);
  return () => { clearInterval(poll); clearInterval(tick); };
}

function renderAccounts(container, list, refresh) {
  if (list.length === 0) {
    replace(container, h('p', { class: 'muted' }, 'No accounts yet. Add one to start.'));
    return;
  }
  const act = (label, fn, attrs = {}) => h('button', {
    type: 'button', class: 'small', ...attrs,
    onclick: async () => {
      try { await fn(); await refresh(); } catch (e) { toast(e.message, 'error'); }
    },
  }, label);
  const rows = list.map((a) => h('tr', { 'data-email': a.email, 'data-id': a.id },
    h('th', { scope: 'row' }, a.email, a.fixed ? h('span', { class: 'badge pin' }, 'Pinned') : null),
    h('td', {}, a.tier),
    h('td', { class: 'status-cell' }, h('span', { class: `status ${a.status}` }, a.status),
      a.status === 'cooling' && a.reason ? h('div', { class: 'muted small' }, a.reason) : null,
      checks(a),
      a.problems?.length ? h('div', { class: 'muted small problems', title: a.problems.join('\n') }, `${a.problems.length} reading problem(s)`) : null),
    h('td', {}, quotaWindows(a.quota)),
    h('td', {}, credits(a.credits), pools(a.pools)),
    h('td', {}, a.cooldowns.length === 0 ? h('span', { class: 'muted' }, 'none') : h('ul', { class: 'plain' },
      a.cooldowns.map((c) => h('li', {}, `${c.kind}${c.group ? ` · ${c.group}/${c.pool}` : ''} · `, h('span', { 'data-until': c.until }, until(c.until)))))),
    h('td', { class: 'actions' },
      a.enabled
        ? act('Disable', async () => {
          const reason = prompt(`Disable ${a.email}? Reason (optional):`, '');
          if (reason !== null) await post(`accounts/${a.id}/disable`, { reason });
        })
        : act('Enable', () => post(`accounts/${a.id}/enable`)),
      a.fixed
        ? act('Unpin', () => patch('scheduling', { fixedAccount: null }))
        : act('Pin', () => patch('scheduling', { fixedAccount: a.id }), { title: 'Use this account for every request while it is usable' }),
      act('Refresh quota', () => post(`accounts/${a.id}/quota/refresh`)),
      act('Remove', async () => {
        if (confirm(`Remove ${a.email} and its stored tokens?`)) await del(`accounts/${a.id}`);
      }, { class: 'small danger' }))));
  replace(container, h('table', { id: 'accounts' },
    h('thead', {}, h('tr', {}, ['Account', 'Tier', 'Status', 'Quota (5 h and weekly)', 'Credits and pools', 'Cooldowns', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows)));
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
