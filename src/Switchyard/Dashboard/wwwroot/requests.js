// The live request feed and a request's detail (the request-log routes of the admin API).
import { ApiError, get } from './api.js';
import { h, num, replace, time } from './dom.js';

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

export async function showRequests(main) {
  const body = h('tbody', {});
  const state = h('p', { id: 'feed-state', class: 'muted', role: 'status' }, 'Connecting…');
  const cache = h('details', { id: 'prompt-cache' }, h('summary', {}, 'Prompt cache hit rate'));
  replace(main, h('section', { class: 'card', 'aria-labelledby': 'feed-title' },
    h('div', { class: 'row' }, h('h2', { id: 'feed-title' }, 'Requests'), state),
    h('table', { id: 'feed' },
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
      body),
    cache));
  showCache(cache);

  let recent;
  try {
    recent = await get('requests?limit=50');
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      state.textContent = 'The request log is not available on this gateway.';
      return () => {};
    }
    throw e;
  }
  const items = Array.isArray(recent) ? recent : recent?.items ?? recent?.requests ?? [];
  replace(body, items.map(row));

  const source = new EventSource('/admin/api/requests/live');
  source.addEventListener('open', () => { state.textContent = 'Live'; });
  source.addEventListener('error', () => { state.textContent = 'Reconnecting…'; });
  source.addEventListener('request', (event) => {
    const r = JSON.parse(event.data);
    body.querySelector(`tr[data-id="${CSS.escape(r.id)}"]`)?.remove();
    body.prepend(row(r));
    while (body.rows.length > 200) body.lastElementChild.remove();
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
        h('ul', { class: 'small muted' }, (p.items ?? []).map((i) => h('li', {}, i.text))))))],
    h('h3', {}, 'Attempts'),
    h('table', { id: 'attempts' },
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
        h('td', {}, a.decision ?? ''))))),
    (r.repairs ?? []).length === 0 ? null : [
      h('h3', {}, 'Repairs'),
      h('ul', { id: 'repairs' }, r.repairs.map((x) => h('li', {}, h('strong', {}, x.kind), ' ', x.detail ?? '')))]));
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
