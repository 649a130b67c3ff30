// Runtime settings (GET/PATCH /admin/api/settings): each with its effective value, whether a runtime override sets it,
// and the validation messages the API answers with, next to the field. Every setting the API lists applies without a
// restart; everything else lives in switchyard.json and needs one.
import { ApiError, get, patch } from './api.js';
import { h, replace, toast } from './dom.js';

const idOf = (key) => 'set-' + key.replace(/[^A-Za-z0-9]+/g, '-');

export async function showSettings(main) {
  const section = h('section', { class: 'card', id: 'settings', 'aria-labelledby': 'settings-title' });
  replace(main, section);
  let version = 0;
  const draw = (data) => {
    version = data.version;
    const rows = data.settings.map((s) => {
      const id = idOf(s.key);
      const input = h('input', { id, name: s.key, value: s.value ?? '', 'aria-describedby': `${id}-help ${id}-error`, autocomplete: 'off' });
      const error = h('div', { id: `${id}-error`, class: 'field-error', role: 'alert' });
      const save = async (value) => {
        error.textContent = '';
        input.removeAttribute('aria-invalid');
        try {
          const result = await patch('settings', { [s.key]: value }, { 'If-Match': `"${version}"` });
          draw(result);
          toast(`Saved ${s.key}`, 'ok');
          document.getElementById(id)?.focus();
        } catch (e) {
          if (e instanceof ApiError && e.status === 400) {
            const messages = Object.entries(e.fields).filter(([k]) => k.toLowerCase() === s.key.toLowerCase() || !k.includes(':')).flatMap(([, v]) => [].concat(v));
            error.textContent = (messages.length ? messages : [e.message]).join(' ');
            input.setAttribute('aria-invalid', 'true');
            input.focus();
          } else if (e instanceof ApiError && e.status === 409) {
            toast('The settings changed elsewhere; reloaded.', 'error');
            draw(await get('settings'));
          } else {
            toast(e.message, 'error');
          }
        }
      };
      const form = h('form', { class: 'setting-form', 'data-key': s.key, onsubmit: (e) => { e.preventDefault(); save(input.value.trim() === '' ? null : input.value.trim()); } },
        input, error);
      return h('tr', { 'data-key': s.key },
        h('th', { scope: 'row' }, h('label', { for: id }, h('code', {}, s.key)), h('div', { id: `${id}-help`, class: 'muted small' }, s.description)),
        h('td', {}, form),
        h('td', {}, s.overridden ? h('span', { class: 'badge' }, 'set here') : h('span', { class: 'muted small' }, 'from configuration')),
        h('td', { class: 'small' }, 'No: applies at once'),
        h('td', { class: 'actions' },
          h('button', { type: 'button', class: 'small', 'data-action': 'save', onclick: () => form.requestSubmit() }, 'Save'),
          s.overridden ? h('button', { type: 'button', class: 'small secondary', 'data-action': 'reset', onclick: () => save(null) }, 'Reset') : null));
    });
    replace(section,
      h('h2', { id: 'settings-title' }, 'Settings'),
      h('p', { class: 'muted small' }, 'These settings change while the gateway runs and are kept in the data directory. Every other setting ',
        '(ports, OAuth, upstream hosts, the request log, …) is read from switchyard.json at start-up and needs a restart.'),
      h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Runtime settings table' },
        h('table', { id: 'settings-table', class: 'settings' },
          h('thead', {}, h('tr', {}, ['Setting', 'Value', 'Source', 'Restart needed', ''].map((t) => h('th', { scope: 'col' }, t || h('span', { class: 'visually-hidden' }, 'Actions'))))),
          h('tbody', {}, rows))),
      h('p', { id: 'settings-version', class: 'muted small' }, `Version ${data.version}`));
  };
  draw(await get('settings'));
  return () => {};
}
