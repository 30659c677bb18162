// 审核矩阵 · The approval matrix: sector × district for a year, each cell coloured by its data set's state (each sector's
// GET /api/v1/sectors/{sector}/approvals). A cell opens its data set: its history, and the actions its state allows that the
// signed-in roles may take — feed:<sector> SUBMIT, reviewer:<sector> (within its districts) APPROVE or RETURN,
// approver:<sector> ACCEPT or REOPEN; RETURN and REOPEN need a comment. The sector service decides in the end.
'use strict';
(function () {
  const { $, el, get, postJson, STATES, ACTIONS } = Staff;
  const ROLE_OF = { SUBMIT: 'feed', APPROVE: 'reviewer', RETURN: 'reviewer', ACCEPT: 'approver', REOPEN: 'approver' };
  const state = { forms: null, matrices: new Map(), chosen: null };

  const period = () => $('period').value;

  function allowed(action, sector, orgUnit) {
    if (!Staff.roles().has(ROLE_OF[action] + ':' + sector)) {
      return false;
    }
    const districts = Staff.districts();
    return !districts || districts.has(orgUnit);
  }

  async function load() {
    $('matrix-error').textContent = '';
    const sectors = state.forms.sectors;
    await Promise.all(sectors.map(async (s) => {
      try {
        state.matrices.set(s.sector, (await get('/api/v1/sectors/' + s.sector + '/approvals?period=' + period())).body);
      } catch (e) {
        state.matrices.set(s.sector, { error: e.message });
      }
    }));
    render();
    if (state.chosen) {
      openCell(state.chosen.sector, state.chosen.orgUnit);
    }
  }

  function render() {
    const sectors = state.forms.sectors;
    $('matrix-head').replaceChildren(el('tr', {}, el('th', { text: '区（市） District' }),
      ...sectors.map((s) => el('th', {}, s.zh, el('br'), el('span', { class: 'en', text: s.en })))));
    $('matrix-body').replaceChildren(...state.forms.districts.map((d) => el('tr', {},
      el('th', {}, d.zh, ' ', el('span', { class: 'en', text: d.en })),
      ...sectors.map((s) => {
        const m = state.matrices.get(s.sector);
        if (!m || m.error) {
          return el('td', { class: 'cell', 'data-state': 'UNKNOWN', title: m ? m.error : '', text: '–' });
        }
        const ds = m.dataSets.find((x) => x.orgUnit === d.code);
        const cell = el('td', {
          class: 'cell', 'data-sector': s.sector, 'data-org-unit': d.code, 'data-state': ds ? ds.state : 'UNKNOWN',
          tabIndex: 0, title: ds && ds.comment ? ds.comment : ''
        }, ds ? STATES[ds.state] || ds.state : '–');
        cell.addEventListener('click', () => openCell(s.sector, d.code));
        return cell;
      }))));
    const failed = sectors.filter((s) => state.matrices.get(s.sector).error);
    $('matrix-error').textContent = failed.map((s) => s.zh + ' ' + s.en + ': ' + state.matrices.get(s.sector).error).join(' · ');
  }

  function openCell(sector, orgUnit) {
    const m = state.matrices.get(sector);
    const ds = m && m.dataSets && m.dataSets.find((x) => x.orgUnit === orgUnit);
    if (!ds) {
      return;
    }
    state.chosen = { sector, orgUnit };
    const s = state.forms.sectors.find((x) => x.sector === sector);
    $('detail').hidden = false;
    $('detail').dataset.sector = sector;
    $('detail').dataset.orgUnit = orgUnit;
    $('detail-title').textContent = s.zh + ' · ' + ds.zh + ' ' + ds.period + ' — ' + (STATES[ds.state] || ds.state)
      + ' · ' + s.en + ', ' + ds.en;
    $('detail-note').textContent = (ds.next.length ? '下一步 next: ' + ds.next.map((a) => ACTIONS[a] || a).join('、')
      + (ds.nextRole ? '（' + ds.nextRole + '）' : '') : '')
      + (ds.unacknowledgedFlags ? ' · ' + ds.unacknowledgedFlags + ' 个待确认的异常值 flagged values to acknowledge' : '');
    const actions = ds.next.filter((a) => allowed(a, sector, orgUnit));
    $('detail-actions').replaceChildren(...actions.map((a) => {
      const b = el('button', { type: 'button', 'data-action': a, text: ACTIONS[a] || a });
      b.addEventListener('click', () => act(sector, orgUnit, ds.period, a));
      return b;
    }));
    if (!actions.length) {
      $('detail-actions').append(el('span', { class: 'hint', text: '您的角色在此状态下无可执行操作 · no action of your roles in this state' }));
    }
    $('detail-error').textContent = '';
    $('detail-history').replaceChildren(...ds.history.slice().reverse().map((t) => el('tr', {},
      el('td', { text: new Date(t.changedAt).toLocaleString('zh-CN') }),
      el('td', { text: ACTIONS[t.action] || t.action }),
      el('td', { text: STATES[t.state] || t.state }),
      el('td', { text: t.actor + (t.role ? ' (' + t.role + ')' : '') }),
      el('td', { text: t.comment || '' }))));
  }

  async function act(sector, orgUnit, year, action) {
    $('detail-error').textContent = '';
    const comment = $('comment').value.trim();
    try {
      await postJson('/api/v1/sectors/' + sector + '/approvals',
        { orgUnit, period: year, action, comment: comment || undefined });
      $('comment').value = '';
      await load();
    } catch (e) {
      $('detail-error').textContent = e.message + (e.errors ? e.errors.map((x) => ' · ' + (x.field ? x.field + ': ' : '') + x.message).join('') : '');
    }
  }

  async function start() {
    try {
      state.forms = (await get('/api/v1/sectors')).body;
    } catch (e) {
      $('matrix-error').textContent = e.message;
      return;
    }
    const p = new URLSearchParams(location.search).get('period');
    Staff.fillYears($('period'), p || Staff.lastYear());
    $('period').addEventListener('change', () => { state.chosen = null; $('detail').hidden = true; load(); });
    await load();
    document.body.dataset.ready = 'true';
  }

  Staff.start(start);
}());
