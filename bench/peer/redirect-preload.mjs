// Loaded with `node --import` in front of antigravity-claude-proxy (bench code, not part of the peer):
// sends its Google calls to the Switchyard emulator and keeps its listener on loopback.
//   EMULATOR_URL  e.g. http://127.0.0.1:40123/  (required)
import net from 'node:net';

const emulator = process.env.EMULATOR_URL.replace(/\/?$/, '/');
const routes = [
  ['https://daily-cloudcode-pa.sandbox.googleapis.com/', emulator + 'daily-sandbox/'],
  ['https://daily-cloudcode-pa.googleapis.com/', emulator + 'daily/'],
  ['https://cloudcode-pa.googleapis.com/', emulator + 'prod/'],
  ['https://oauth2.googleapis.com/token', emulator + 'token'],
  ['https://www.googleapis.com/oauth2/v1/userinfo', emulator + 'oauth2/v2/userinfo'],
  ['https://www.googleapis.com/oauth2/v2/userinfo', emulator + 'oauth2/v2/userinfo'],
];

const originalFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  for (const [from, to] of routes) {
    if (url.startsWith(from)) {
      const target = to + url.slice(from.length);
      return originalFetch(typeof input === 'string' || input instanceof URL ? target : new Request(target, input), init);
    }
  }
  return originalFetch(input, init);
};

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function')) {
    args.splice(1, 0, '127.0.0.1');
  } else if (args[0] && typeof args[0] === 'object' && !args[0].host) {
    args[0] = { ...args[0], host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
