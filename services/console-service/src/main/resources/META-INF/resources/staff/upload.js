// 上传填报 · The upload page: a filled-in template (CSV or XLSX) is first previewed by the sector service
// (POST /api/v1/sectors/{sector}/uploads?dryRun=true: the rows accepted, the rows refused and why; nothing stored), and sent
// for real only when the user confirms a preview without a refused row. The template comes from the same sector service.
'use strict';
(function () {
  const { $, el, call, download, Problem } = Staff;
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  let previewed = null; // the file (and its type) of the last preview without a refused row

  const sector = () => $('sector').value;

  function contentType(file) {
    return /\.xlsx$/i.test(file.name) || file.type === XLSX ? XLSX : 'text/csv; charset=' + $('charset').value;
  }

  async function preview(event) {
    event.preventDefault();
    $('upload-error').textContent = '';
    $('stored').hidden = true;
    $('confirm-button').disabled = true;
    previewed = null;
    const file = $('file').files[0];
    if (!file) {
      $('upload-error').textContent = '请选择文件 · choose a file';
      return;
    }
    const type = contentType(file);
    try {
      const p = (await call('POST', '/api/v1/sectors/' + sector() + '/uploads?dryRun=true', file, type)).body;
      showPreview(p);
      if (!p.refusedRows.length && p.status < 300) {
        previewed = { file, type };
        $('confirm-button').disabled = false;
      }
    } catch (e) {
      $('preview').hidden = true;
      $('upload-error').textContent = e.message + (e instanceof Problem
        ? e.errors.map((x) => ' · ' + (x.field ? x.field + ': ' : '') + x.message).join('') : '');
    }
  }

  function showPreview(p) {
    $('preview').hidden = false;
    const ok = !p.refusedRows.length && p.status < 300;
    $('preview-summary').dataset.state = ok ? 'valid' : 'invalid';
    $('preview-summary').textContent = p.rows + ' 行 rows · ' + (ok
      ? '✓ 可以上传 ready to upload (' + p.results.length + ' 份报表 reports)'
      : '✗ 有未通过的行，整个文件不会保存 · rows refused: nothing of the file would be stored');
    $('accepted-count').textContent = '(' + p.acceptedRows.length + ')';
    $('refused-count').textContent = '(' + new Set(p.refusedRows.map((r) => r.row)).size + ')';
    $('accepted-rows').replaceChildren(...p.acceptedRows.map((r) => el('span', { class: 'row-chip', 'data-row': String(r), text: String(r) })));
    $('refused-rows').replaceChildren(...p.refusedRows.map((r) => el('tr', { 'data-row': String(r.row) },
      el('td', { text: String(r.row) }), el('td', { text: r.column || '' }), el('td', { text: r.message }))));
  }

  async function confirmUpload() {
    if (!previewed) {
      return;
    }
    $('confirm-button').disabled = true;
    try {
      const results = (await call('POST', '/api/v1/sectors/' + sector() + '/uploads', previewed.file, previewed.type)).body;
      $('stored').hidden = false;
      $('stored-results').replaceChildren(...results.map((r) => el('tr', {},
        el('td', { text: r.reportId }), el('td', { text: String(r.revision) }), el('td', { text: r.status }))));
      previewed = null;
    } catch (e) {
      $('upload-error').textContent = e.message;
    }
  }

  async function template(format) {
    $('upload-error').textContent = '';
    try {
      await download('/api/v1/sectors/' + sector() + '/template?format=' + format + '&period=' + $('period').value,
        sector() + '-template-' + $('period').value + '.' + format);
    } catch (e) {
      $('upload-error').textContent = e.message;
    }
  }

  async function start() {
    try {
      const forms = (await Staff.get('/api/v1/sectors')).body;
      $('sector').replaceChildren(...forms.sectors.map((s) => el('option', { value: s.sector, text: s.zh + ' ' + s.en })));
      const own = [...Staff.roles()].map((r) => /^feed:(\w+)$/.exec(r)).find(Boolean);
      if (own) {
        $('sector').value = own[1];
      }
    } catch (e) {
      $('upload-error').textContent = e.message;
      return;
    }
    Staff.fillYears($('period'), Staff.lastYear());
    $('upload-form').addEventListener('submit', preview);
    $('file').addEventListener('change', () => { $('confirm-button').disabled = true; previewed = null; });
    $('sector').addEventListener('change', () => { $('confirm-button').disabled = true; previewed = null; });
    $('confirm-button').addEventListener('click', confirmUpload);
    $('template-xlsx').addEventListener('click', () => template('xlsx'));
    $('template-csv').addEventListener('click', () => template('csv'));
    document.body.dataset.ready = 'true';
  }

  Staff.start(start);
}());
