// 数据填报 · The data-entry page: a form per sector generated from the catalogue (GET /api/v1/sectors), checked as the user
// types by the sector service's dry run (POST /api/v1/sectors/{sector}/reports?dryRun=true), each fault shown next to its
// field (the problem's errors[].field: values[i].value is the i-th value sent), then stored, and the data set submitted.
'use strict';
(function () {
  const { $, el, get, postJson, STATES, ACTIONS, Problem } = Staff;
  const DRY_RUN_DELAY_MS = 400;
  const state = { forms: null, form: null, revision: 1, sent: [], timer: null, checkSeq: 0 };

  const sector = () => $('sector').value;
  const orgUnit = () => $('district').value;
  const period = () => $('period').value;
  /** One report per sector, district and year for what is entered here; a correction is its next revision. */
  const reportId = () => 'web/' + sector() + '/' + orgUnit() + '/' + period();

  function params() {
    const p = new URLSearchParams(location.search);
    return { sector: p.get('sector'), district: p.get('district'), period: p.get('period') };
  }

  function renderForm() {
    const form = state.forms.sectors.find((s) => s.sector === sector());
    state.form = form;
    const rules = new Map(form.rules.map((r) => [r.id, r]));
    const names = new Map(form.fields.map((f) => [f.dataElement, f.zh]));
    $('fields').replaceChildren(...form.fields.map((f) => el('tr', { 'data-element': f.dataElement },
      el('td', {}, el('label', { for: 'value-' + f.dataElement }, f.zh, el('br'), el('span', { class: 'en', text: f.en + ' · ' + f.dataElement }))),
      el('td', {}, el('input', {
        id: 'value-' + f.dataElement, type: 'number', step: 'any', min: f.nonNegative ? '0' : undefined,
        'data-element': f.dataElement, inputMode: 'decimal', autocomplete: 'off'
      })),
      el('td', { text: f.unit }),
      el('td', {}, f.rules.map((id) => {
        const r = rules.get(id);
        const other = r.part === f.dataElement ? r.whole : r.part;
        return el('span', {
          class: 'rule', title: id,
          text: (r.part === f.dataElement ? '≤ ' : '≥ ') + (names.get(other) || other)
        });
      })),
      el('td', {}, el('span', { class: 'field-error', id: 'error-' + f.dataElement, role: 'alert' })))));
    $('fields').querySelectorAll('input').forEach((i) => i.addEventListener('input', scheduleCheck));
  }

  /** The report the form holds: the values entered, in the form's order (the order errors[] counts them in). */
  function report() {
    state.sent = [];
    const values = [];
    state.form.fields.forEach((f) => {
      const text = $('value-' + f.dataElement).value.trim();
      if (text !== '') {
        state.sent.push(f.dataElement);
        values.push({ dataElement: f.dataElement, value: Number(text), unit: f.unit });
      }
    });
    return { reportId: reportId(), source: 'web', orgUnit: orgUnit(), period: period(), revision: state.revision, values };
  }

  function clearErrors() {
    document.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
    document.querySelectorAll('tr.invalid').forEach((e) => e.classList.remove('invalid'));
    $('form-errors').textContent = '';
  }

  /** Each fault next to its field: values[i].… is the i-th value sent; orgUnit and period sit by their choices. */
  function showErrors(problem, sent) {
    clearErrors();
    const general = [];
    problem.errors.forEach((e) => {
      const m = /^values\[(\d+)\]/.exec(e.field || '');
      const target = m && sent[Number(m[1])] ? 'error-' + sent[Number(m[1])]
        : (e.field === 'orgUnit' || e.field === 'period') ? 'error-' + e.field : null;
      if (target && $(target)) {
        $(target).textContent = ($(target).textContent ? $(target).textContent + '；' : '') + e.message;
        const row = $(target).closest('tr');
        if (row) {
          row.classList.add('invalid');
        }
      } else {
        general.push((e.field ? e.field + ': ' : '') + e.message);
      }
    });
    if (!problem.errors.length || general.length) {
      $('form-errors').textContent = [problem.message].concat(general).join(' · ');
    }
  }

  function setCheck(s, text) {
    $('check').dataset.state = s;
    $('check').textContent = text;
  }

  function scheduleCheck() {
    clearTimeout(state.timer);
    state.timer = setTimeout(check, DRY_RUN_DELAY_MS);
  }

  function showIndicators(result) {
    $('indicators').replaceChildren(...(result.indicators || []).map((i) => el('tr', {},
      el('td', { text: i.indicator }),
      el('td', { text: i.value === null || i.value === undefined ? '–' : Number(i.value).toLocaleString('zh-CN', { maximumFractionDigits: 4 }) }),
      el('td', { text: i.unit || '' }))));
  }

  /** The live validation: the sector's dry run of what the form holds; only the latest answer is shown. */
  async function check() {
    const r = report();
    if (!r.values.length) {
      clearErrors();
      setCheck('idle', '');
      return;
    }
    const seq = ++state.checkSeq;
    const sent = state.sent.slice();
    setCheck('checking', '校验中 checking…');
    try {
      const answer = await postJson('/api/v1/sectors/' + sector() + '/reports?dryRun=true', r);
      if (seq !== state.checkSeq) {
        return;
      }
      clearErrors();
      setCheck('valid', '✓ 校验通过 valid');
      showIndicators(answer.body);
    } catch (e) {
      if (seq !== state.checkSeq) {
        return;
      }
      if (e instanceof Problem) {
        setCheck('invalid', '✗ ' + (e.errors.length || 1) + ' 处问题 problem(s)');
        showErrors(e, sent);
      } else {
        setCheck('invalid', e.message);
      }
    }
  }

  async function submitReport(event) {
    event.preventDefault();
    clearTimeout(state.timer);
    const r = report();
    const sent = state.sent.slice();
    $('outcome').textContent = '';
    try {
      const answer = await postJson('/api/v1/sectors/' + sector() + '/reports', r);
      clearErrors();
      setCheck('valid', '✓ 已保存 stored');
      $('outcome').textContent = '已保存：' + answer.body.reportId + ' 第 ' + answer.body.revision + ' 版 · stored ('
        + answer.body.status + ')';
      showIndicators(answer.body);
      await loadDataSet();
    } catch (e) {
      if (e instanceof Problem) {
        showErrors(e, sent);
      }
      $('outcome').textContent = e.message;
    }
  }

  async function submitDataSet() {
    $('outcome').textContent = '';
    try {
      const answer = await postJson('/api/v1/sectors/' + sector() + '/approvals',
        { orgUnit: orgUnit(), period: period(), action: 'SUBMIT' });
      showDataSet(answer.body);
      $('outcome').textContent = '数据集已提交 · the data set is submitted';
    } catch (e) {
      $('outcome').textContent = e.message;
    }
  }

  function showDataSet(d) {
    const chip = $('dataset-state');
    chip.dataset.state = d ? d.state : '';
    chip.textContent = d ? (STATES[d.state] || d.state) : '';
    $('dataset-note').textContent = d ? (d.next.length
      ? '下一步 next: ' + d.next.map((a) => ACTIONS[a] || a).join('、') + (d.nextRole ? '（' + d.nextRole + '）' : '')
      : '') + (d.unacknowledgedFlags ? ' · ' + d.unacknowledgedFlags + ' 个待确认的异常值 flagged values to acknowledge' : '') : '';
    $('history').replaceChildren(...(d ? d.history : []).slice().reverse().map((t) => el('tr', {},
      el('td', { text: new Date(t.changedAt).toLocaleString('zh-CN') }),
      el('td', { text: ACTIONS[t.action] || t.action }),
      el('td', { text: STATES[t.state] || t.state }),
      el('td', { text: t.actor + (t.role ? ' (' + t.role + ')' : '') }),
      el('td', { text: t.comment || '' }))));
    const locked = d && d.state !== 'OPEN';
    $('submit-report').disabled = locked;
    $('submit-dataset').disabled = !d || !d.next.includes('SUBMIT');
  }

  /** The data set's state (the sector's approval matrix, this district's row) and this form's report: its last values. */
  async function loadDataSet() {
    clearErrors();
    try {
      const matrix = await get('/api/v1/sectors/' + sector() + '/approvals?period=' + encodeURIComponent(period()));
      showDataSet(matrix.body.dataSets.find((d) => d.orgUnit === orgUnit()) || null);
    } catch (e) {
      showDataSet(null);
      $('dataset-note').textContent = e.message;
    }
    state.revision = 1;
    $('revisions').replaceChildren();
    state.form.fields.forEach((f) => { $('value-' + f.dataElement).value = ''; });
    try {
      const history = (await get('/api/v1/sectors/' + sector() + '/reports/' + reportId())).body;
      state.revision = Math.max(...history.revisions.map((r) => r.revision)) + 1;
      const current = history.revisions.find((r) => r.status === 'CURRENT');
      if (current) {
        current.values.forEach((v) => {
          const input = $('value-' + v.dataElement);
          if (input) {
            input.value = String(v.value);
          }
        });
      }
      $('revisions').replaceChildren(...history.revisions.map((r) => el('tr', {},
        el('td', { text: String(r.revision) }), el('td', { text: r.status }),
        el('td', { text: new Date(r.receivedAt).toLocaleString('zh-CN') }), el('td', { text: r.sentBy || '' }))));
    } catch (e) {
      if (!(e instanceof Problem && e.status === 404)) {
        $('form-errors').textContent = e.message;
      }
    }
  }

  /** Another data set chosen: the address says which (a link to it), and what was shown of the last one goes. */
  function choose() {
    const q = new URLSearchParams({ sector: sector(), district: orgUnit(), period: period() });
    history.replaceState(null, '', location.pathname + '?' + q);
    $('outcome').textContent = '';
    $('indicators').replaceChildren();
    setCheck('idle', '');
  }

  async function start() {
    try {
      state.forms = (await get('/api/v1/sectors')).body;
    } catch (e) {
      $('form-errors').textContent = e.message;
      return;
    }
    const p = params();
    $('sector').replaceChildren(...state.forms.sectors.map((s) => el('option', {
      value: s.sector, text: s.zh + ' ' + s.en, selected: s.sector === p.sector
    })));
    $('district').replaceChildren(...state.forms.districts.map((d) => el('option', {
      value: d.code, text: d.zh + ' ' + d.en + ' ' + d.code, selected: d.code === p.district
    })));
    Staff.fillYears($('period'), p.period || Staff.lastYear());
    if (!p.sector) {
      // a bureau's own sector first: the first feed:<sector> role the token holds
      const own = [...Staff.roles()].map((r) => /^feed:(\w+)$/.exec(r)).find(Boolean);
      if (own) {
        $('sector').value = own[1];
      }
    }
    renderForm();
    $('sector').addEventListener('change', () => { renderForm(); choose(); loadDataSet(); });
    $('district').addEventListener('change', () => { choose(); loadDataSet(); });
    $('period').addEventListener('change', () => { choose(); loadDataSet(); });
    $('entry-form').addEventListener('submit', submitReport);
    $('submit-dataset').addEventListener('click', submitDataSet);
    await loadDataSet();
    document.body.dataset.ready = 'true';
  }

  Staff.start(start);
}());
