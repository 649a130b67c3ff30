// Requests, tokens and rate limits per account and hour, drawn as SVG by hand.
import { ApiError, get } from './api.js';
import { h, replace, s } from './dom.js';

const palette = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];

export async function showCharts(main) {
  let stats;
  try {
    stats = await get('stats?by=account');
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      replace(main, h('section', { class: 'card' }, h('h2', {}, 'Charts'), h('p', { class: 'muted' }, 'The request log is not available on this gateway.')));
      return () => {};
    }
    throw e;
  }
  const series = stats?.series ?? [];
  const legend = h('ul', { class: 'legend', 'aria-label': 'Accounts' },
    series.map((x, i) => h('li', {}, h('span', { class: 'swatch', style: { background: palette[i % palette.length] } }), x.key)));
  replace(main, h('section', { class: 'card', id: 'charts' },
    h('h2', {}, 'Per account, per hour'),
    series.length === 0 ? h('p', { class: 'muted' }, 'No requests recorded yet.') : [
      legend,
      chart('Requests', series, (p) => p.requests),
      chart('Tokens (input + output)', series, (p) => (p.inputTokens ?? 0) + (p.outputTokens ?? 0)),
      chart('Rate limited', series, (p) => p.rateLimited),
    ]));
  return () => {};
}

function chart(title, series, value) {
  const W = 720, H = 200, L = 56, B = 28, T = 10, R = 36;
  const hours = [...new Set(series.flatMap((x) => x.points.map((p) => p.hour)))].sort();
  const max = Math.max(1, ...series.flatMap((x) => x.points.map((p) => value(p) ?? 0)));
  const xAt = (hour) => L + (hours.length <= 1 ? (W - L - R) / 2 : (hours.indexOf(hour) * (W - L - R)) / (hours.length - 1));
  const yAt = (v) => T + (H - T - B) * (1 - v / max);
  const grid = [0, 0.5, 1].map((f) => {
    const v = Math.round(max * f);
    return [s('line', { x1: L, x2: W - R, y1: yAt(v), y2: yAt(v), class: 'grid' }),
      s('text', { x: L - 6, y: yAt(v) + 4, 'text-anchor': 'end', class: 'axis' }, v.toLocaleString())];
  });
  const step = Math.max(1, Math.ceil(hours.length / 8));
  const labels = hours.filter((_, i) => i % step === 0).map((hour) =>
    s('text', { x: xAt(hour), y: H - 8, 'text-anchor': 'middle', class: 'axis' }, new Date(hour).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
  const lines = series.map((x, i) => {
    const pts = x.points.slice().sort((a, b) => (a.hour < b.hour ? -1 : 1)).map((p) => `${xAt(p.hour)},${yAt(value(p) ?? 0)}`);
    const color = palette[i % palette.length];
    return [s('polyline', { points: pts.join(' '), fill: 'none', stroke: color, 'stroke-width': 2 }),
      x.points.map((p) => s('circle', { cx: xAt(p.hour), cy: yAt(value(p) ?? 0), r: 3, fill: color },
        s('title', {}, `${x.key} · ${new Date(p.hour).toLocaleString()}: ${(value(p) ?? 0).toLocaleString()}`)))];
  });
  return h('figure', { class: 'chart' },
    h('figcaption', {}, title),
    s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${title} per account per hour` }, grid, labels, lines));
}
