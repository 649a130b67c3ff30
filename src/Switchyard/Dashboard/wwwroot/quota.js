// An account's quota as the admin API reports it: two windows (5 h and weekly) per model family, each with the
// fraction left and a reset countdown, marked when stale, paused or held; then its credits, pools and checks.
// Everything is built with text nodes (dom.js): no data ever becomes markup.
import { h, num, until } from './dom.js';

const FAMILIES = [['gemini', 'Gemini'], ['3p', 'Claude / GPT']];
const WINDOWS = [['5h', '5 h'], ['weekly', 'Weekly']];

/** Both windows of each family, one compact line per family (bar, percent, reset countdown), then the image bucket. */
export function quotaWindows(quota, onlyFamily) {
  if (!quota || quota.length === 0) return h('span', { class: 'muted small' }, 'not read yet');
  const byKey = new Map(quota.map((q) => [q.group, q]));
  const weeklyOnly = FAMILIES.every(([f]) => !byKey.has(`${f}-5h`)) && FAMILIES.some(([f]) => byKey.has(`${f}-weekly`));
  const image = byKey.get('image');
  return h('div', { class: 'windows' },
    FAMILIES.filter(([family]) => !onlyFamily || family === onlyFamily).map(([family, label]) => h('div', { class: 'qfam', 'data-family': family },
      h('span', { class: 'flabel' }, family === '3p' ? 'Claude' : label),
      WINDOWS.map(([window]) => windowCell(byKey.get(`${family}-${window}`), family, window, weeklyOnly)),
      family === '3p' && image && !onlyFamily ? h('span', { class: 'image-bucket' }, h('span', { class: 'muted' }, 'img'), meter(image, 'image quota')) : null)));
}

function windowCell(q, family, window, weeklyOnly) {
  const label = window === '5h' ? '5h' : 'wk';
  if (!q) {
    return h('span', { class: 'window muted' }, `${label} `,
      h('span', { 'data-window': `${family}-${window}` }, window === '5h' && weeklyOnly ? 'none (free tier)' : 'unknown'));
  }
  const marks = [];
  if (q.disabled) marks.push(h('span', { class: 'mark paused', title: 'The upstream pauses this window while the weekly one is empty' }, 'paused'));
  if (q.heldUntil) marks.push(h('span', { class: 'mark held', title: 'The gateway keeps this window empty until its reset (a 429 or an empty reading)' }, 'held'));
  if (q.stale) marks.push(h('span', { class: 'mark stale', title: 'Kept from an earlier reading, or read from a host whose figures lag' }, 'stale'));
  if (q.protected) marks.push(h('span', { class: 'mark protected', title: 'Below its protection threshold: not picked' }, 'protected'));
  const reset = q.heldUntil ?? q.resetTime;
  return h('span', { class: 'window', 'data-window': q.group, title: reset ? `${label} window resets ${new Date(reset).toLocaleString()}` : 'no reset time' },
    h('span', { class: 'muted' }, label), meter(q, `${family} ${window} quota`),
    reset ? h('span', { 'data-until': reset, class: 'countdown' }, until(reset)) : null,
    marks);
}

function meter(q, name) {
  const pct = Math.round((q.remainingFraction ?? 0) * 100);
  const level = q.disabled ? 'off' : pct < 20 ? 'low' : pct < 50 ? 'mid' : 'high';
  return h('span', { class: 'meter' },
    h('span', { class: `bar ${level}${q.protected ? ' protected' : ''}`, role: 'meter', 'aria-label': name, 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': pct },
      h('span', { class: 'fill', style: { width: `${pct}%` } })),
    h('span', { class: 'pct' }, `${pct}%`));
}

/** Whether the account has quota left in both windows of a family (unknown windows count as left). */
export function hasQuotaLeft(account, family) {
  const windows = (account.quota ?? []).filter((q) => q.group === `${family}-5h` || q.group === `${family}-weekly`);
  return windows.every((q) => !q.disabled && !q.heldUntil && (q.remainingFraction ?? 0) > 0);
}

/** The least fraction left over an account's windows (for sorting), 1 when nothing was read. */
export function leastLeft(account) {
  const fractions = (account.quota ?? []).filter((q) => q.window).map((q) => (q.heldUntil ? 0 : q.remainingFraction ?? 0));
  return fractions.length ? Math.min(...fractions) : 1;
}

/** Google One AI credits: the mode in force and the balance. */
export function credits(c) {
  if (!c) return h('span', { class: 'muted' }, '–');
  const known = c.balance !== null && c.balance !== undefined;
  const state = c.exhausted ? 'exhausted' : known && !c.usable ? 'below minimum' : null;
  return h('div', { class: 'credits' },
    h('span', { class: 'credit-balance', title: 'Google One AI credits' }, known ? num(c.balance) : 'no credits'),
    state ? h('span', { class: 'mark' }, state) : null,
    h('span', { class: 'muted' }, ' · ', h('span', { class: 'credit-mode' }, c.mode)), ' ');
}

/** The gemini-cli pool: available, unsupported (with the upstream's reason) or not known yet. */
export function pools(p) {
  const value = p?.geminiCli ?? 'unknown';
  return h('span', { class: `pool-flag ${value}`, title: p?.geminiCliReason ?? '' }, `gemini-cli: ${value}`);
}

/**
 * What the account needs from its owner: a VALIDATION_REQUIRED verification link (https only, opened without giving
 * the new page a handle on this one) or the reason it was disabled (a Terms of Service ban says so).
 */
export function checks(a) {
  const items = [];
  if (a.verificationUrl) {
    const url = safeHttps(a.verificationUrl);
    items.push(url
      ? h('a', { class: 'verify-link', href: url, target: '_blank', rel: 'noopener noreferrer' }, 'Verify this account')
      : h('div', { class: 'error small' }, 'Verification needed; the link is not https, so it is not shown as a link.'));
  }
  if (!a.enabled && a.reason) {
    const tos = /terms of service/i.test(a.reason);
    items.push(h('div', { class: `disabled-reason${tos ? ' tos' : ''}` }, tos ? 'Terms of Service: ' : 'Disabled: ', a.reason));
  }
  return items;
}

function safeHttps(text) {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
