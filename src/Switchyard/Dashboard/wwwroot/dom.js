// Tiny DOM helpers: elements are built with text nodes only (no HTML strings), so data cannot inject markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElementNS(tag === 'svg' || attrs.svg ? 'http://www.w3.org/2000/svg' : 'http://www.w3.org/1999/xhtml', tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'svg' || value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = value;
    else if (key === 'style' && typeof value === 'object') Object.assign(el.style, value); // CSSOM: allowed by the CSP
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export const s = (tag, attrs = {}, ...children) => h(tag, { ...attrs, svg: true }, ...children);

export function replace(container, ...children) {
  container.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

let toastTimer = 0;
export function toast(message, kind = 'info') {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.className = 'show ' + kind;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.className = ''; }, 6000);
}

/** "3h 12m", "45s": the time until an ISO instant (or "now"). */
export function until(iso) {
  const ms = new Date(iso).getTime() - Date.now();
  if (!(ms > 0)) return 'now';
  const sec = Math.round(ms / 1000);
  const d = Math.floor(sec / 86400), hr = Math.floor((sec % 86400) / 3600), m = Math.floor((sec % 3600) / 60), x = sec % 60;
  if (d) return `${d}d ${hr}h`;
  if (hr) return `${hr}h ${m}m`;
  if (m) return `${m}m ${x}s`;
  return `${x}s`;
}

export const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '');
export const num = (n) => (n === null || n === undefined ? '–' : Number(n).toLocaleString());

/**
 * A modal dialog (native <dialog>: focus is trapped, Escape closes it). Resolves to the input's value (or true) when
 * confirmed, null when cancelled. `input` is {label, type, autocomplete} for one field.
 */
export function ask({ title, message, input, confirm = 'OK', danger = false }) {
  return new Promise((resolve) => {
    const field = input ? h('input', { id: 'dialog-input', type: input.type ?? 'text', autocomplete: input.autocomplete ?? 'off' }) : null;
    const error = h('p', { class: 'error small', role: 'alert' });
    const ok = h('button', { type: 'submit', class: danger ? 'danger-fill' : '' }, confirm);
    const cancel = h('button', { type: 'button', class: 'secondary', value: 'cancel' }, 'Cancel');
    const form = h('form', { method: 'dialog' },
      h('h2', { id: 'dialog-title' }, title),
      message ? h('p', {}, message) : null,
      field ? [h('label', { for: 'dialog-input' }, input.label), field] : null,
      error,
      h('div', { class: 'dialog-actions' }, cancel, ok));
    const dialog = h('dialog', { 'aria-labelledby': 'dialog-title', class: 'card' }, form);
    let result = null;
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', (event) => {
      if (field && input.minlength && field.value.length < input.minlength) {
        event.preventDefault();
        error.textContent = `At least ${input.minlength} characters.`;
        field.focus();
        return;
      }
      result = field ? field.value : true;
    });
    dialog.addEventListener('close', () => { dialog.remove(); resolve(result); });
    document.body.append(dialog);
    dialog.showModal();
    (field ?? ok).focus();
  });
}
