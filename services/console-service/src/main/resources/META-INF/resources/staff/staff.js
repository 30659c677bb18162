// The staff pages' common part (网页填报 · 上传 · 审核矩阵): sign-in, calls to the console's /api/v1/sectors endpoints, problems.
// Every call sends the user's token in the Authorization header: the writes need it (the session cookie authorises reads only,
// docs/security.md), and the console passes it on to the sector service, which decides what the user may do. The token is kept
// in this tab's sessionStorage, so that the three pages share one sign-in; it is never sent anywhere but this origin and is
// gone when the tab closes or the user signs out. The page reads the token's roles only to offer the actions they allow.
'use strict';
window.Staff = (function () {
  const KEY = 'synergy.staff.token';

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === undefined || v === null || v === false) {
        return;
      }
      if (k === 'class') {
        e.className = v;
      } else if (k === 'text') {
        e.textContent = v;
      } else if (k.startsWith('data-')) {
        e.setAttribute(k, v);
      } else if (k in e) {
        e[k] = v;
      } else {
        e.setAttribute(k, v);
      }
    });
    children.flat().forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return e;
  }

  function token() {
    return sessionStorage.getItem(KEY);
  }

  /** The token's claims (groups, districts, sub), decoded for display only: the services verify it. */
  function claims() {
    const t = token();
    if (!t) {
      return null;
    }
    try {
      const payload = t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const json = decodeURIComponent(Array.from(atob(payload), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
      return JSON.parse(json);
    } catch (e) {
      return null;
    }
  }

  function roles() {
    const c = claims();
    return new Set((c && c.groups) || []);
  }

  function districts() {
    const c = claims();
    return c && Array.isArray(c.districts) ? new Set(c.districts) : null;
  }

  /** A problem (application/problem+json) as an Error: its title, detail, status and field errors. */
  class Problem extends Error {
    constructor(status, body) {
      super((body.title || ('HTTP ' + status)) + (body.detail ? ' — ' + body.detail : ''));
      this.status = status;
      this.problem = body;
      this.errors = Array.isArray(body.errors) ? body.errors : [];
    }
  }

  async function call(method, path, body, contentType) {
    const headers = { Accept: 'application/json, application/problem+json' };
    if (token()) {
      headers.Authorization = 'Bearer ' + token();
    }
    if (body !== undefined && contentType) {
      headers['Content-Type'] = contentType;
    }
    const response = await fetch(path, {
      method, headers, cache: 'no-store', credentials: 'same-origin',
      body: body === undefined ? undefined : body
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      if (response.status === 401) {
        showSignIn('登录已失效，请重新登录 · the sign-in has expired');
      }
      throw new Problem(response.status, problem);
    }
    return { status: response.status, body: await response.json() };
  }

  const get = (path) => call('GET', path);
  const postJson = (path, body) => call('POST', path, JSON.stringify(body), 'application/json');

  /** A download through the API (the template): fetched with the token, then saved by the browser. */
  async function download(path, fileName) {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token() }, cache: 'no-store' });
    if (!response.ok) {
      throw new Problem(response.status, await response.json().catch(() => ({})));
    }
    const url = URL.createObjectURL(await response.blob());
    const a = el('a', { href: url, download: fileName });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function showSignIn(message) {
    const box = $('signin');
    box.hidden = false;
    $('signin-error').textContent = message || '';
  }

  function showUser() {
    const c = claims();
    const who = $('who');
    if (!who) {
      return;
    }
    who.textContent = c ? (c.sub || '') + ' · ' + [...roles()].join(', ')
      + (districts() ? ' · ' + [...districts()].join(',') : '') : '未登录 not signed in';
  }

  /** The top bar (title, the pages, who is signed in) and the sign-in box, the same on every staff page. */
  function chrome() {
    const body = document.body;
    const link = (href, text) => el('a', { href, text });
    const header = el('header', { class: 'topbar' },
      el('div', { class: 'brand' },
        el('div', { class: 'title', text: body.dataset.titleZh }),
        el('div', { class: 'subtitle', text: body.dataset.titleEn + ' · 青岛市减污降碳协同增效' })),
      el('nav', { class: 'staff-nav', 'aria-label': 'pages' },
        link('/', '监测看板 Dashboard'),
        link('/staff/entry.html', '数据填报 Data entry'),
        link('/staff/upload.html', '上传 Upload'),
        link('/staff/approvals.html', '审核矩阵 Approvals'),
        el('span', { id: 'who', class: 'who' }),
        el('button', { type: 'button', id: 'signout', class: 'link', text: '退出 Sign out' })));
    const code = (text) => el('code', { text });
    const signin = el('section', { id: 'signin', class: 'signin', hidden: true },
      el('form', { id: 'signin-form' },
        el('label', { for: 'signin-token' }, '请登录 · Sign in with your token (填报 ', code('feed:<sector>'), ', 审核 ',
          code('reviewer:<sector>'), ', 审定 ', code('approver:<sector>'), '). On the local run: ',
          code('deploy/local/token.sh feed:energy')),
        el('textarea', { id: 'signin-token', rows: 3, placeholder: 'eyJhbGciOiJSUzI1NiIs…', required: true }),
        el('button', { type: 'submit', text: '登录 Sign in' }),
        el('p', { id: 'signin-error', class: 'signin-error', role: 'alert' })));
    body.prepend(header, signin);
  }

  /** Takes a token from the URL fragment (#token=…, as the local run prints it) or the sign-in box; then starts the page. */
  function start(onSignedIn) {
    chrome();
    const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (m) {
      sessionStorage.setItem(KEY, decodeURIComponent(m[1]).trim());
      history.replaceState(null, '', location.pathname + location.search);
    }
    $('signin-form').addEventListener('submit', (e) => {
      e.preventDefault();
      sessionStorage.setItem(KEY, $('signin-token').value.trim());
      $('signin').hidden = true;
      showUser();
      onSignedIn();
    });
    $('signout').addEventListener('click', () => {
      sessionStorage.removeItem(KEY);
      fetch('/api/v1/session', { method: 'DELETE', credentials: 'same-origin' }).catch(() => {});
      location.reload();
    });
    showUser();
    if (token()) {
      onSignedIn();
    } else {
      showSignIn('');
    }
  }

  /** The current year's previous one: annual data is reported for a past year. */
  function lastYear() {
    return new Date().getFullYear() - 1;
  }

  /** The years to choose from: last year back to the plan's base year 2020, and an earlier one a link asks for. */
  function fillYears(select, chosen) {
    select.replaceChildren();
    const asked = Number(chosen);
    const oldest = Number.isInteger(asked) && asked >= 2000 && asked < 2020 ? asked : 2020;
    for (let y = lastYear(); y >= oldest; y--) {
      select.append(el('option', { value: String(y), text: String(y), selected: y === asked }));
    }
  }

  const STATES = {
    OPEN: '填报中 open', SUBMITTED: '已提交 submitted', APPROVED: '已审核 approved',
    ACCEPTED: '已审定 accepted', RETURNED: '已退回 returned'
  };
  const ACTIONS = {
    SUBMIT: '提交 submit', APPROVE: '审核通过 approve', RETURN: '退回 return', ACCEPT: '审定 accept', REOPEN: '重新打开 reopen'
  };

  return { $, el, token, roles, districts, get, postJson, call, download, start, fillYears, lastYear, STATES, ACTIONS, Problem };
}());
