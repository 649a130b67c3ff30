// Requests, tokens, errors and rate limits per account or model, and latency percentiles, over the last hour, day or
// week: uPlot (vendored, MIT) on a real time axis; drag to zoom, double-click to zoom out, hover for values.
import { ApiError, get } from './api.js';
import { h, replace } from './dom.js';

const RANGES = { hour: { label: 'Hour', seconds: 3600, bucket: 300 }, day: { label: 'Day', seconds: 86400, bucket: 3600 }, week: { label: 'Week', seconds: 7 * 86400, bucket: 6 * 3600 } };
const palette = ['#3b82f6', '#ef4444', '#22c55e', '#f59e0b', '#a855f7', '#06b6d4', '#ec4899', '#84cc16'];
const HOUR = 3600;
const view = { range: 'day', by: 'account' };

export async function showCharts(main) {
  const plots = [];
  const body = h('div', { id: 'chart-body' });
  const state = h('p', { id: 'chart-state', class: 'muted small', role: 'status' });
  const rangeButtons = Object.entries(RANGES).map(([key, r]) => h('button', {
    type: 'button', id: `range-${key}`, class: 'secondary', 'aria-pressed': String(view.range === key),
    onclick: () => { view.range = key; draw(); },
  }, r.label));
  const by = h('select', { id: 'chart-by', onchange: (e) => { view.by = e.target.value; draw(); } },
    h('option', { value: 'account', selected: view.by === 'account' }, 'per account'),
    h('option', { value: 'model', selected: view.by === 'model' }, 'per model'));
  replace(main, h('section', { class: 'card', id: 'charts', 'aria-labelledby': 'charts-title' },
    h('div', { class: 'row' }, h('h2', { id: 'charts-title' }, 'Charts'),
      h('div', { class: 'toolbar' }, h('div', { role: 'group', 'aria-label': 'Range', class: 'row' }, rangeButtons),
        h('label', { for: 'chart-by' }, 'Series ', by))),
    state, body));

  const destroy = () => { for (const p of plots.splice(0)) p.destroy(); };
  const draw = async () => {
    for (const b of rangeButtons) b.setAttribute('aria-pressed', String(b.id === `range-${view.range}`));
    const range = RANGES[view.range];
    const to = new Date();
    const from = new Date(to.getTime() - range.seconds * 1000);
    const query = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    let stats, latency;
    try {
      [stats, latency] = await Promise.all([
        get(`stats?by=${view.by}&${query}`),
        get(`stats/latency?${query}&bucket=${range.bucket}`).catch(() => null),
      ]);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        replace(body, h('p', { class: 'muted' }, 'The request log is not available on this gateway.'));
        return;
      }
      throw e;
    }
    destroy();
    const series = stats?.series ?? [];
    state.textContent = `${range.label}: ${from.toLocaleString()} to ${to.toLocaleString()} · ${series.length} ${view.by === 'account' ? 'account' : 'model'}(s)`;
    body.dataset.range = view.range;
    if (series.length === 0) {
      replace(body, h('p', { class: 'muted', id: 'no-data' }, 'No requests recorded in this range.'));
      return;
    }
    // Every hour of the range, so an idle hour is a zero on the axis, not a jump.
    const start = Math.floor(from.getTime() / 1000 / HOUR) * HOUR;
    const hours = [];
    for (let t = start; t <= to.getTime() / 1000; t += HOUR) hours.push(t);
    for (const s of series) for (const p of s.points) {
      const t = new Date(p.hour).getTime() / 1000;
      if (!hours.includes(t)) hours.push(t);
    }
    hours.sort((a, b) => a - b);
    const column = (value) => series.map((s) => {
      const byHour = new Map(s.points.map((p) => [new Date(p.hour).getTime() / 1000, value(p)]));
      return hours.map((t) => byHour.get(t) ?? 0);
    });
    const blocks = [
      ['Requests', column((p) => p.requests)],
      ['Tokens (input + output)', column((p) => (p.inputTokens ?? 0) + (p.outputTokens ?? 0))],
      ['Errors', column((p) => p.errors ?? 0)],
      ['Rate limited', column((p) => p.rateLimited ?? 0)],
    ];
    const figures = blocks.map(([title]) => h('figure', { class: 'chart', 'aria-label': `${title} ${view.by === 'account' ? 'per account' : 'per model'}` },
      h('figcaption', { class: 'chart-title' }, title)));
    const latencyFigure = h('figure', { class: 'chart', id: 'latency-chart', 'aria-label': 'Latency percentiles' },
      h('figcaption', { class: 'chart-title' }, 'Latency (ms): p50, p90, p99'));
    replace(body, figures, latencyFigure);
    const width = Math.max(280, body.clientWidth - 8);
    const span = [from.getTime() / 1000, to.getTime() / 1000];
    blocks.forEach(([title, ys], i) => {
      plots.push(plot(figures[i], title, width, [hours, ...ys], series.map((s) => s.key), span));
    });
    const points = latency?.points ?? [];
    if (points.length === 0) {
      latencyFigure.append(h('p', { class: 'muted small' }, 'No latencies in this range.'));
    } else {
      const xs = points.map((p) => new Date(p.time).getTime() / 1000);
      plots.push(plot(latencyFigure, 'Latency', width, [xs, points.map((p) => p.p50), points.map((p) => p.p90), points.map((p) => p.p99)], ['p50', 'p90', 'p99'], span));
    }
  };
  await draw();
  const resize = () => { const w = Math.max(280, body.clientWidth - 8); for (const p of plots) p.setSize({ width: w, height: p.height }); };
  window.addEventListener('resize', resize);
  return () => { destroy(); window.removeEventListener('resize', resize); };
}

function plot(figure, title, width, data, names, [min, max]) {
  const css = getComputedStyle(document.documentElement);
  const text = css.getPropertyValue('--muted').trim() || '#4b5563';
  const line = css.getPropertyValue('--line').trim() || '#d1d5db';
  const axis = { stroke: text, grid: { stroke: line, width: 1 }, ticks: { stroke: line, width: 1 } };
  const tooltip = h('div', { class: 'chart-tip', hidden: true });
  const opts = {
    title: undefined,
    width,
    height: 180,
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: true, range: (u, lo, hi) => (u.status ? [lo, hi] : [Math.min(min, lo), Math.max(max, hi)]) } },
    axes: [{ ...axis }, { ...axis, size: 60 }],
    series: [{}, ...names.map((name, i) => ({ label: name, stroke: palette[i % palette.length], width: 2, points: { show: data[0].length < 60 } }))],
    plugins: [tipPlugin(tooltip, names)],
  };
  // eslint-disable-next-line no-undef
  const u = new uPlot(opts, data, figure);
  u.over.append(tooltip);
  u.root.setAttribute('role', 'img');
  u.root.setAttribute('aria-label', `${title}: a chart over time; the legend lists the series`);
  return u;
}

/** A tooltip at the cursor with the time and every series' value. */
function tipPlugin(tip, names) {
  return {
    hooks: {
      setCursor: (u) => {
        const i = u.cursor.idx;
        if (i === null || i === undefined || u.cursor.left < 0) { tip.hidden = true; return; }
        const rows = names.map((n, k) => `${n}: ${(u.data[k + 1][i] ?? 0).toLocaleString()}`);
        tip.textContent = [new Date(u.data[0][i] * 1000).toLocaleString(), ...rows].join('\n');
        tip.hidden = false;
        const left = Math.min(u.cursor.left + 12, u.over.clientWidth - 180);
        tip.style.left = `${Math.max(0, left)}px`;
        tip.style.top = `${Math.max(0, u.cursor.top - 10)}px`;
      },
    },
  };
}
