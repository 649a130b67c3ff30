// Banners for what needs the operator: the upstream refusing the client version (the version-floor notice), with the
// setting to change, as the admin API's /status reports it. Polled while the dashboard is open.
import { get } from './api.js';
import { h, replace, time } from './dom.js';

let timer = 0;

export async function showBanners(container) {
  const draw = async () => {
    let status;
    try {
      status = await get('status');
    } catch {
      return; // signed out or the gateway is gone: the view says so
    }
    const v = status?.versionFloor;
    replace(container, v ? h('section', { id: 'version-banner', class: 'banner error', role: 'alert' },
      h('strong', {}, 'The upstream refuses this gateway\u2019s client version. '),
      'Change the setting ', h('code', { id: 'version-setting' }, v.setting),
      ' (now ', h('code', {}, v.userAgent), ') to a current Antigravity version and restart. ',
      h('span', { class: 'small' }, `${v.host} answered at ${time(v.since)}: \u201c`, v.notice, '\u201d')) : null);
  };
  clearInterval(timer);
  timer = setInterval(draw, 10000);
  await draw();
}
