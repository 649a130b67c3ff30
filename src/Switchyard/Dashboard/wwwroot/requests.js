// The live request feed and a request's detail (the request-log routes of the admin API).
import { ApiError, get } from './api.js';
import { h, num, replace, time } from './dom.js';
import { curlSection } from './curl.js';

const columns = ['Time', 'Protocol', 'Model', 'Account', 'Status', 'Latency', 'Tokens in/out', 'Attempts', ''];

function row(r) {
  const failed = r.status >= 400 || r.error;
  return h('tr', { 'data-id': r.id, class: failed ? 'failed' : '' },
    h('td', {}, time(r.startedAt)),
    h('td', {}, r.protocol ?? ''),
    h('td', {}, r.requestedModel ?? '', r.mappedModel && r.mappedModel !== r.requestedModel ? h('div', { class: 'muted small' }, '→ ', r.mappedModel) : null),
    h('td', {}, r.account ?? h('span', { class: 'muted' }, '–')),
    h('td', {}, h('span', { class: `code ${failed ? 'bad' : 'good'}` }, String(r.status ?? ''))),
    h('td', {}, r.latencyMs === null || r.latencyMs === undefined ? '' : `${num(r.latencyMs)} ms`),
    h('td', {}, `${num(r.inputTokens)} / ${num(r.outputTokens)}`),
    h('td', {}, String(r.attempts ?? ''), r.repairs ? h('span', { class: 'muted small' }, ` (${r.repairs} repair${r.repairs === 1 ? '' : 's'})`) : null),
    h('td', {}, h('a', { href: `#/requests/${encodeURIComponent(r.id)}` }, 'Details')));
}

// The filters in force: kept while the dashboard is open (memory only), sent as the admin API's query parameters.
const filters = { from: '', to: '', protocol: '', model: '', account: '', status: '', session: '' };
const PROTOCOLS = ['anthropic', 'openai', 'gemini'];

function query() {
  const params = new URLSearchParams({ limit: '50' });
  for (const [key, value] of Object.entries(filters)) {
    if (!value) continue;
    params.set(key, key === 'from' || key === 'to' ? new Date(value).toISOString() : value.trim());
  }
  return params.toString();
}

/** Whether a live summary matches the filters the summary can be checked against. */
function matches(r) {
  const has = (text, part) => (text ?? '').toLowerCase().includes(part.trim().toLowerCase());
  if (filters.protocol && r.protocol !== filters.protocol) return false;
  if (filters.model && !(has(r.requestedModel, filters.model) || has(r.mappedModel, filters.model))) return false;
  if (filters.account && !has(r.account, filters.account)) return false;
  if (filters.status) {
    const s = String(r.status);
    if (/^[1-5]xx$/i.test(filters.status) ? s[0] !== filters.status[0] : s !== filters.status) return false;
  }
  if (filters.to && new Date(r.startedAt) >= new Date(filters.to)) return false;
  return !filters.session; // a summary has no session: a session filter shows the search only
}

export async function showRequests(main) {
  const body = h('tbody', {});
  const state = h('p', { id: 'feed-state', class: 'muted', role: 'status' }, 'Connecting…');
  const cache = h('details', { id: 'prompt-cache' }, h('summary', {}, 'Prompt cache hit rate'));
  const error = h('p', { id: 'filter-error', class: 'error', role: 'alert' });
  const pause = h('button', { type: 'button', id: 'feed-pause', class: 'secondary', 'aria-pressed': 'false' }, 'Pause');
  const field = (key, label, control) => {
    control.id = `f-${key}`;
    control.value = filters[key];
    return h('label', { for: control.id }, label, control);
  };
  const form = h('form', { id: 'request-filters', class: 'toolbar', role: 'search', 'aria-label': 'Requests' },
    field('from', 'From', h('input', { type: 'datetime-local' })),
    field('to', 'To', h('input', { type: 'datetime-local' })),
    field('protocol', 'Protocol', h('select', {}, h('option', { value: '' }, 'Any'), PROTOCOLS.map((p) => h('option', { value: p }, p)))),
    field('model', 'Model', h('input', { type: 'search', size: 16 })),
    field('account', 'Account', h('input', { type: 'search', size: 16 })),
    field('status', 'Status', h('input', { type: 'search', size: 5, placeholder: '429 or 5xx' })),
    field('session', 'Session', h('input', { type: 'search', size: 12 })),
    h('button', { type: 'submit', id: 'apply-filters' }, 'Search'),
    h('button', { type: 'reset', class: 'secondary', id: 'clear-filters' }, 'Clear'));
  replace(main, h('section', { class: 'card', 'aria-labelledby': 'feed-title' },
    h('div', { class: 'row' }, h('h2', { id: 'feed-title' }, 'Requests'), h('div', { class: 'row' }, state, pause)),
    form, error,
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Requests table' },
      h('table', { id: 'feed' },
        h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c || h('span', { class: 'visually-hidden' }, 'Link'))))),
        body)),
    cache));
  showCache(cache);

  const load = async () => {
    error.textContent = '';
    const recent = await get('requests?' + query());
    const items = Array.isArray(recent) ? recent : recent?.items ?? recent?.requests ?? [];
    replace(body, items.map(row));
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const key of Object.keys(filters)) filters[key] = form.querySelector(`#f-${key}`).value;
    try { await load(); } catch (e) { error.textContent = e.message; }
  });
  form.addEventListener('reset', () => {
    for (const key of Object.keys(filters)) filters[key] = '';
    setTimeout(() => load().catch((e) => { error.textContent = e.message; }));
  });

  try {
    await load();
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      state.textContent = 'The request log is not available on this gateway.';
      return () => {};
    }
    if (e instanceof ApiError && e.status === 400) error.textContent = e.message;
    else throw e;
  }

  // While paused, new requests wait here; Resume shows them.
  let paused = false;
  const held = [];
  const show = (r) => {
    body.querySelector(`tr[data-id="${CSS.escape(r.id)}"]`)?.remove();
    body.prepend(row(r));
    while (body.rows.length > 200) body.lastElementChild.remove();
  };
  pause.addEventListener('click', () => {
    paused = !paused;
    pause.setAttribute('aria-pressed', String(paused));
    pause.textContent = paused ? 'Resume' : 'Pause';
    if (!paused) { held.splice(0).forEach(show); }
    state.textContent = paused ? 'Paused' : 'Live';
  });
  const source = new EventSource('/admin/api/requests/live');
  source.addEventListener('open', () => { state.textContent = paused ? 'Paused' : 'Live'; });
  source.addEventListener('error', () => { state.textContent = 'Reconnecting…'; });
  source.addEventListener('request', (event) => {
    const r = JSON.parse(event.data);
    if (!matches(r)) return;
    if (paused) {
      held.push(r);
      state.textContent = `Paused (${held.length} new)`;
      return;
    }
    show(r);
  });
  return () => source.close();
}

export async function showRequest(main, id) {
  const r = await get(`requests/${encodeURIComponent(id)}`);
  const field = (label, value) => [h('dt', {}, label), h('dd', {}, value ?? '–')];
  replace(main, h('section', { id: 'request-detail', class: 'card', 'aria-labelledby': 'detail-title' },
    h('p', {}, h('a', { href: '#/requests' }, '← Requests')),
    h('h2', { id: 'detail-title' }, `Request ${r.id}`),
    h('dl', { class: 'fields' },
      field('Started', r.startedAt ? new Date(r.startedAt).toLocaleString() : null),
      field('Protocol / endpoint', `${r.protocol ?? ''} ${r.endpoint ?? ''}`),
      field('Model', r.mappedModel && r.mappedModel !== r.requestedModel ? `${r.requestedModel} → ${r.mappedModel}` : r.requestedModel),
      field('Account', r.account),
      field('Status', String(r.status ?? '')),
      field('Latency / first byte', `${num(r.latencyMs)} ms / ${num(r.ttfbMs)} ms`),
      field('Tokens in / out / thinking', `${num(r.inputTokens)} / ${num(r.outputTokens)} / ${num(r.thinkingTokens)}`),
      field('Stream', r.stream ? 'yes' : 'no'),
      field('Client key', r.clientKey),
      field('Waited', r.waitedMs ? `${num(r.waitedMs)} ms` : null),
      field('Cached tokens', r.cachedTokens != null ? num(r.cachedTokens) : null),
      field('Credits spent', r.creditsConsumed != null ? String(r.creditsConsumed) : null),
      field('Decision', r.decision),
      r.trace?.background ? field('Background work', `${r.trace.background} (asked for ${r.trace.backgroundFrom ?? '?'})`) : null,
      r.trace?.cacheMove ? field('Cache move', `${r.trace.cacheMove.fromAccountId} → ${r.trace.cacheMove.toAccountId}: about ${num(r.trace.cacheMove.expectedLostTokens)} cached tokens lost (${r.trace.cacheMove.reason})`) : null,
      r.error ? field('Error', r.error) : null),
    (r.trace?.picks ?? []).length === 0 ? null : [
      h('h3', {}, 'Scheduler decisions'),
      h('ol', { id: 'decision-trace' }, r.trace.picks.map((p) => h('li', {},
        h('strong', {}, `${p.outcome} ${p.accountEmail ?? p.accountId ?? ''}`.trim()),
        ` in ${p.pool}: ${p.reason}${p.delayMs ? ` (${num(p.delayMs)} ms)` : ''}${p.credits ? ', credits' : ''}`,
        p.details ? candidates(p.details) : h('ul', { class: 'small muted' }, (p.items ?? []).map((i) => h('li', {}, i.text))))))],
    h('h3', {}, 'Attempts'),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Attempts table' }, h('table', { id: 'attempts' },
      h('thead', {}, h('tr', {}, ['#', 'Account', 'Pool', 'Host', 'Status', 'Outcome', 'Duration', 'Wait', 'Why'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, (r.attempts ?? []).map((a) => h('tr', {},
        h('td', {}, String(a.number)),
        h('td', {}, a.accountEmail ?? a.accountId ?? ''),
        h('td', {}, a.pool ?? ''),
        h('td', {}, a.host ?? ''),
        h('td', {}, String(a.status ?? '')),
        h('td', {}, a.outcome ?? ''),
        h('td', {}, `${num(a.durationMs)} ms`),
        h('td', {}, a.waitMs ? `${num(a.waitMs)} ms` : '–'),
        h('td', {}, a.decision ?? '')))))),
    (r.repairs ?? []).length === 0 ? null : [
      h('h3', {}, 'Repairs'),
      h('ul', { id: 'repairs' }, r.repairs.map((x) => h('li', {}, h('strong', {}, x.kind), ' ', x.detail ?? '')))],
    curlSection(r)));
  return () => {};
}

const rate = (u) => (u.hitRate == null ? '–' : `${Math.round(u.hitRate * 100)} %`);

// Prompt-cache hit rates per account and recent session (GET cache), below the feed.
async function showCache(into) {
  let c;
  try {
    c = await get('cache');
  } catch {
    return;
  }
  const table = (title, key, items) => [h('h3', {}, title), h('table', {},
    h('thead', {}, h('tr', {}, [key, 'Requests', 'Prompt tokens', 'Cached', 'Hit rate'].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, items.map((u) => h('tr', {},
      h('td', {}, u.key), h('td', {}, num(u.requests)), h('td', {}, num(u.promptTokens)), h('td', {}, num(u.cachedTokens)), h('td', {}, rate(u))))))];
  into.append(...table('Accounts', 'Account', c.accounts ?? []).flat(), ...table('Recent sessions', 'Session', c.sessions ?? []).flat());
}

// The scheduler's structured reasoning for one pick: every account it considered, why it was skipped or how it scored.
function candidates(d) {
  const session = d.session ? `session ${d.session.key}: ${d.session.binding}${d.session.boundTo ? ` (was ${d.session.boundTo})` : ''}` : null;
  const facts = [`strategy ${d.strategy}${d.mode ? ` (${d.mode})` : ''}`, session, d.tier ? `tier ${d.tier}` : null,
    d.offset != null ? `offset ${d.offset} (${d.offsetSource})` : null, d.waitSeconds ? `wait ${d.waitSeconds} s` : null,
    d.fallbackFrom ? `fell back from ${d.fallbackFrom}` : null, d.credits ? 'credits' : null, ...(d.notes ?? [])].filter(Boolean);
  const score = (c) => (c.score ? `${num(Math.round(c.score.total))}${c.score.pressurePoints ? ` (pressure ${num(Math.round(c.score.pressurePoints))})` : ''}` : '–');
  return h('div', { class: 'small' },
    h('p', { class: 'muted' }, facts.join(' · ')),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Accounts considered' }, h('table', { class: 'candidates' },
      h('thead', {}, h('tr', {}, ['Account', 'Tier', 'Status', 'Why', 'Score'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, (d.candidates ?? []).map((c) => h('tr', {},
        h('td', {}, c.accountId), h('td', {}, c.tier ?? ''), h('td', {}, c.skip ? `skipped: ${c.skip}` : c.status),
        h('td', {}, c.detail ?? ''), h('td', {}, score(c))))))));
}
