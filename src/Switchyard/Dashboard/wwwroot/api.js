// The admin API: same origin, the session cookie (HttpOnly, SameSite=Strict) travels by itself. Changes carry the
// session's CSRF token, kept in this module's memory only (never in localStorage, sessionStorage or IndexedDB).
export class ApiError extends Error {
  constructor(status, message, fields) {
    super(message);
    this.status = status;
    this.fields = fields ?? {};
  }
}

let csrf = null;
/** The CSRF token from GET session (null when not signed in with a password). */
export function setCsrf(token) { csrf = token ?? null; }

export async function api(method, path, body, headers = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin' };
  if (method !== 'GET' && csrf) init.headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch('/admin/api/' + path, init);
  if (response.status === 204) return null;
  const text = await response.text();
  if (response.ok && !(response.headers.get('Content-Type') ?? '').includes('json')) return text;
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!response.ok) {
    const fields = data?.errors ?? {};
    const detail = Object.entries(fields).map(([k, v]) => `${k}: ${[].concat(v).join(' ')}`).join('; ');
    throw new ApiError(response.status, data?.error ?? (detail || data?.title) ?? `HTTP ${response.status}`, fields);
  }
  if (method === 'POST' && path === 'accounts/export') return text; // the file itself
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body);
export const patch = (path, body, headers) => api('PATCH', path, body, headers);
export const del = (path) => api('DELETE', path);
