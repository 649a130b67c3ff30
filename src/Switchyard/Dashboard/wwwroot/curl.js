// "Copy as curl" for a logged request: the same endpoint on this gateway with the body as the log kept it (the log
// redacts secrets); the client key is never shown, only a shell variable stands in for it.
import { h, toast } from './dom.js';

const KEY_HEADERS = {
  anthropic: ['x-api-key: $SWITCHYARD_API_KEY', 'anthropic-version: 2023-06-01'],
  gemini: ['x-goog-api-key: $SWITCHYARD_API_KEY'],
};

const quote = (text) => `'${String(text).replaceAll("'", "'\\''")}'`;

/** The command; secrets-looking values in the body are masked once more in case a client put one there. */
export function curlFor(r) {
  const headers = KEY_HEADERS[r.protocol] ?? ['Authorization: Bearer $SWITCHYARD_API_KEY'];
  const lines = [`curl ${quote(location.origin + (r.endpoint ?? '/'))}`, `  -H 'Content-Type: application/json'`];
  for (const header of headers) lines.push(`  -H "${header}"`);
  if (r.requestBody) lines.push(`  --data-raw ${quote(redact(r.requestBody))}`);
  return lines.join(' \\\n');
}

function redact(body) {
  return body
    .replace(/("(?:api[_-]?key|authorization|access_token|refresh_token|token|secret|password)"\s*:\s*")[^"]*"/gi, '$1[redacted]"')
    .replace(/\b(sk-[A-Za-z0-9_-]{6})[A-Za-z0-9_-]+/g, '$1…[redacted]')
    .replace(/\bya29\.[A-Za-z0-9._-]+/g, 'ya29.[redacted]');
}

export function curlSection(r) {
  const text = curlFor(r);
  const pre = h('pre', { id: 'curl', class: 'curl', tabindex: 0, 'aria-label': 'curl command' }, text);
  const copy = h('button', { type: 'button', id: 'copy-curl', class: 'secondary', onclick: async () => {
    try {
      await navigator.clipboard.writeText(text);
      toast('Copied the curl command', 'ok');
    } catch {
      toast('The browser refused the clipboard; select the command below instead.', 'error');
    }
  } }, 'Copy as curl');
  return h('section', { 'aria-labelledby': 'curl-title' },
    h('div', { class: 'row' }, h('h3', { id: 'curl-title' }, 'Replay'), copy),
    r.requestBody ? null : h('p', { class: 'muted small' }, 'The log kept no body for this request (RequestLog:CaptureBodies); the command has none.'),
    pre);
}
