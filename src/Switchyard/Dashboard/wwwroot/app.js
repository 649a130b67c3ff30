// Switchyard dashboard: a hash router over a few views. Plain ES modules, no build step, no CDN.
import { ApiError, get, post, setCsrf } from './api.js';
import { h, replace, toast } from './dom.js';
import { showPool } from './pool.js';
import { showRequests, showRequest } from './requests.js';
import { showCharts } from './charts.js';
import { showSettings } from './settings.js';
import { showBanners } from './banners.js';

const main = document.getElementById('main');
let leave = () => {};

async function route() {
  leave();
  leave = () => {};
  let session;
  try {
    session = await get('session');
  } catch (e) {
    replace(main, h('p', { class: 'error', role: 'alert' }, e.message));
    return;
  }
  setCsrf(session.csrfToken);
  document.getElementById('logout').hidden = !(session.passwordSet && session.authenticated && !session.open);
  if (!session.authenticated) {
    document.getElementById('nav').hidden = true;
    document.body.classList.add('signed-out');
    replace(document.getElementById('banners'));
    showLogin(session);
    return;
  }
  document.body.classList.remove('signed-out');
  document.getElementById('nav').hidden = false;
  showBanners(document.getElementById('banners'));
  const [, view, id] = (location.hash || '#/pool').split('/');
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.view === (view || 'pool')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.title = `${(view || 'pool').replace(/^./, (c) => c.toUpperCase())} · Switchyard`;
  try {
    if (view === 'requests' && id) leave = await showRequest(main, decodeURIComponent(id));
    else if (view === 'requests') leave = await showRequests(main);
    else if (view === 'charts') leave = await showCharts(main);
    else if (view === 'settings') leave = await showSettings(main);
    else leave = await showPool(main);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { showLogin(session); return; }
    replace(main, h('p', { class: 'error', role: 'alert' }, e.message));
  }
}

function showLogin(session) {
  if (!session.passwordSet) {
    replace(main, h('section', { class: 'card narrow' },
      h('h2', {}, 'Admin key required'),
      h('p', {}, 'This gateway has an admin key but no admin password. Set a password with ',
        h('code', {}, 'switchyard admin set-password'), ' to use the dashboard.')));
    return;
  }
  const error = h('p', { id: 'login-error', class: 'error', role: 'alert' });
  const password = h('input', { id: 'password', type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { id: 'login-form', class: 'card narrow', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Sign in'),
    h('label', { for: 'password' }, 'Admin password'), password, button, error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    error.textContent = '';
    try {
      await post('login', { password: password.value });
      route();
    } catch (e) {
      error.textContent = e.status === 401 ? 'Wrong password.' : e.message;
      password.select();
    } finally {
      button.disabled = false;
    }
  });
  replace(main, form);
  password.focus();
}

document.getElementById('logout').addEventListener('click', async () => {
  await post('logout');
  route();
});

// Coming back from adding an account: report, then tidy the address bar.
const params = new URLSearchParams(location.search);
if (params.has('added')) toast(`Added ${params.get('added')}`, 'ok');
if (params.has('signin-error')) toast(params.get('signin-error'), 'error');
if (params.has('added') || params.has('signin-error')) history.replaceState(null, '', '/' + location.hash);

window.addEventListener('hashchange', route);
route();
