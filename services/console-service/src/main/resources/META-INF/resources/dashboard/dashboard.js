/*
 * The Synergy dashboard: reads the console service's figures of the results (/api/v1/dashboard/*, built from results.v1)
 * and its ops API, draws with ECharts (served from the org.webjars.npm:echarts artifact), and refreshes when results change (server-sent events from
 * /api/v1/dashboard/changes; polling while the event stream is down). Plain browser JavaScript, no build step.
 *
 * Each panel loads and fails on its own: a 404 problem from the API means "no data for this year yet" and is shown as
 * such, any other error is shown in that panel only, so one missing piece never blanks the whole page.
 */
(function () {
  'use strict';

  const CITY = '370200';
  const RESULTS_POLL_MS = 5000;   // only while the event stream is down
  const PIPELINE_POLL_MS = 10000; // the ops figures change continuously; the server samples them every 10 s anyway

  const STATUS = {
    ACHIEVED: { zh: '已完成', en: 'achieved', color: '#1e9e4a' },
    ON_TRACK: { zh: '符合序时进度', en: 'on track', color: '#7cc36b' },
    LAGGING: { zh: '滞后', en: 'lagging', color: '#f2a93b' },
    OFF_TRACK: { zh: '偏离', en: 'off track', color: '#d9423b' },
    NO_DATA: { zh: '无数据', en: 'no data', color: '#b7bec8' },
    // no target applies to the unit (targetSource NONE): shown, not judged
    NO_TARGET: { zh: '无目标', en: 'no target', color: '#b7bec8' }
  };

  // The ten grades of D (method §4), lower bound inclusive, from 极度失调 to 优质协调.
  const GRADES = [
    [0.0, '极度失调', 'extreme imbalance', '#b2182b'],
    [0.1, '严重失调', 'severe imbalance', '#d6604d'],
    [0.2, '中度失调', 'moderate imbalance', '#f4a582'],
    [0.3, '轻度失调', 'mild imbalance', '#fddbc7'],
    [0.4, '濒临失调', 'verge of imbalance', '#f7f7f7'],
    [0.5, '勉强协调', 'barely coordinated', '#e0f3db'],
    [0.6, '初级协调', 'primary coordination', '#c7e9c0'],
    [0.7, '中级协调', 'intermediate coordination', '#a1d99b'],
    [0.8, '良好协调', 'good coordination', '#74c476'],
    [0.9, '优质协调', 'high-quality coordination', '#31a354']
  ];

  // The state of a year (docs/method.md §3): only complete and closed years are settled.
  const YEAR_STATES = {
    COMPLETE: { zh: '完整', en: 'complete' },
    CLOSED: { zh: '已关账', en: 'closed' },
    PROVISIONAL: { zh: '暂定', en: 'provisional' }
  };

  const SECTORS = [
    ['energy', '能源', 'energy', '#0f4c81'],
    ['transport', '交通', 'transport', '#e76f51'],
    ['building', '建筑', 'building', '#2a9d8f'],
    ['agriculture', '农业', 'agriculture', '#8ab17d'],
    ['waste', '固废', 'waste', '#9c6ade'],
    ['all', '全行业合计', 'all sectors', '#1f2a37']
  ];

  const FRESHNESS = [
    ['UP_TO_DATE', '按时', 'up to date', '#1e9e4a'],
    ['DUE', '待报', 'due', '#f2d13b'],
    ['OVERDUE', '逾期', 'overdue', '#f2a93b'],
    ['NEVER_REPORTED', '从未报送', 'never reported', '#d9423b']
  ];

  const state = {
    year: null,
    links: null,
    yearChosen: false,
    years: [],
    yearStates: {},
    yearStatesKey: null,
    effectSector: 'all',
    fingerprint: null,
    live: 'connecting',
    charts: {},
    busy: false,
    again: false
  };

  const $ = (id) => document.getElementById(id);

  // ---- helpers ----------------------------------------------------------------------------------------------------

  async function getJson(url) {
    let response;
    try {
      response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    } catch (e) {
      throw Object.assign(new Error('服务不可达 · service unreachable'), { unreachable: true });
    }
    if (response.ok) {
      return response.json();
    }
    const problem = await response.json().catch(() => ({}));
    if (response.status === 404) {
      throw Object.assign(new Error(problem.detail || 'no data'), { noData: true });
    }
    if (response.status === 401) {
      showSignIn();
      throw Object.assign(new Error('需要登录 · sign in with a token'), { forbidden: true, unauthenticated: true });
    }
    if (response.status === 403 && /\/kafka-not-authorized$/.test(problem.type || '')) {
      // the user may operate, but Kafka refused the service's ops principal: an ACL is missing, Kafka itself is up
      throw Object.assign(new Error(problem.detail || 'Kafka refused the operation'), { kafkaDenied: true });
    }
    if (response.status === 403) {
      throw Object.assign(new Error('需要运维权限 · requires the ops role'), { forbidden: true });
    }
    throw new Error((problem.title || ('HTTP ' + response.status)) + (problem.detail ? ' — ' + problem.detail : ''));
  }

  function escapeHtml(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  function fmt(v, digits) {
    if (v == null || Number.isNaN(v)) {
      return '–';
    }
    const d = digits == null ? (Math.abs(v) >= 1000 ? 0 : Math.abs(v) >= 100 ? 1 : 2) : digits;
    return Number(v).toLocaleString('zh-CN', { minimumFractionDigits: d, maximumFractionDigits: d });
  }

  function withUnit(v, unit) {
    if (v == null) {
      return '–';
    }
    return fmt(v) + (unit ? (unit === '%' ? ' %' : ' ' + unit) : '');
  }

  function gradeOf(d) {
    let g = GRADES[0];
    for (const candidate of GRADES) {
      if (d >= candidate[0]) {
        g = candidate;
      }
    }
    return g;
  }

  function chart(id) {
    const el = $(id);
    let c = state.charts[id];
    if (!c || c.isDisposed()) {
      el.innerHTML = '';
      c = echarts.init(el, null, { renderer: 'canvas' });
      state.charts[id] = c;
    }
    return c;
  }

  /** Replaces a panel's content by a message; kind: empty (no data yet), error, forbidden, loading. */
  function showState(id, kind, zh, en) {
    const el = $(id);
    const c = state.charts[id];
    if (c && !c.isDisposed()) {
      c.dispose();
    }
    delete state.charts[id];
    el.innerHTML = '<div class="state ' + kind + '">' + escapeHtml(zh) + (en ? '<br>' + escapeHtml(en) : '') + '</div>';
    el.dataset.state = kind;
  }

  function showError(id, e) {
    if (e.noData) {
      showState(id, 'empty', '暂无数据', 'No data for ' + (state.year || 'this year') + ' yet');
    } else if (e.kafkaDenied) {
      showState(id, 'denied', 'Kafka 未授权（ACL）', 'Not authorised by Kafka: ' + e.message);
    } else if (e.forbidden) {
      showState(id, 'forbidden', '需要运维权限', 'Requires the ops role');
    } else {
      showState(id, 'error', '加载失败', e.message);
    }
  }

  // ---- years ------------------------------------------------------------------------------------------------------

  /** The years with results, each one's state, and the year to open on: the latest complete or closed one. */
  function updateYears(data) {
    const years = data.years || [];
    const select = $('year');
    const key = JSON.stringify(data.states || []);
    const same = key === state.yearStatesKey;
    state.years = years;
    state.yearStatesKey = key;
    state.yearStates = Object.fromEntries((data.states || []).map((s) => [s.year, s]));
    if (!state.yearChosen || !years.includes(state.year)) {
      state.year = data.defaultYear != null ? data.defaultYear : (years.length ? years[years.length - 1] : null);
    }
    if (!same || select.options.length === 0) {
      select.innerHTML = years.length
        ? years.map((y) => '<option value="' + y + '">' + y + ' 年' + (isProvisional(y) ? '（暂定 provisional）' : '') + '</option>').join('')
        : '<option value="">—</option>';
    }
    if (state.year != null) {
      select.value = String(state.year);
    }
    renderYearStates();
    renderProvisional();
    renderReportLink();
  }

  // ---- links to the other services' pages ---------------------------------------------------------------------------

  /** Where the assessment report is (the aggregation service's page, /api/v1/dashboard/links); absent: no link. */
  async function loadLinks() {
    try {
      state.links = await getJson('/api/v1/dashboard/links');
    } catch (e) {
      state.links = null;
    }
    renderReportLink();
  }

  /** The link to the chosen year's assessment report of the city (a navigation: the CSP's connect-src is not asked). */
  function renderReportLink() {
    const a = $('report-link');
    if (!state.links || !state.links.assessmentReport || state.year == null) {
      a.hidden = true;
      return;
    }
    a.href = state.links.assessmentReport + '?period=' + encodeURIComponent(state.year) + '&orgUnit=' + CITY;
    a.hidden = false;
  }

  function isProvisional(year) {
    const s = state.yearStates[year];
    return !s || s.provisional;
  }

  function coverageText(c) {
    return c ? c.indicatorsIn + ' / ' + c.indicatorsExpected + ' 项指标 indicators · ' + c.districtsIn + ' / ' + c.districtsExpected
      + ' 区(市) districts' : '';
  }

  function chooseYear(year) {
    state.year = year;
    state.yearChosen = true;
    renderReportLink();
    refreshResults();
  }

  /** One chip per year: its state, and for a provisional year how much of the synergy set is in. */
  function renderYearStates() {
    const nav = $('year-states');
    nav.innerHTML = state.years.map((y) => {
      const s = state.yearStates[y] || { state: 'PROVISIONAL', provisional: true };
      const label = YEAR_STATES[s.state] || YEAR_STATES.PROVISIONAL;
      const counts = s.provisional && s.coverage ? ' · ' + s.coverage.indicatorsIn + '/' + s.coverage.indicatorsExpected : '';
      return '<button type="button" class="year-state" data-year="' + y + '" data-state="' + escapeHtml(s.state) + '" aria-current="'
        + (y === state.year) + '" title="' + escapeHtml(coverageText(s.coverage)) + '"><b>' + y + '</b>' + label.zh + ' ' + label.en + counts
        + '</button>';
    }).join('');
    nav.querySelectorAll('button').forEach((b) => b.addEventListener('click', () => chooseYear(Number(b.dataset.year))));
  }

  /** A provisional year is marked plainly: a badge on D and a banner saying how much of it is in. */
  function renderProvisional() {
    const on = state.year != null && isProvisional(state.year);
    const s = state.yearStates[state.year] || {};
    $('kpi-provisional').hidden = !on;
    const banner = $('provisional-banner');
    banner.hidden = !on;
    banner.innerHTML = on ? '<span class="provisional-badge">暂定 provisional</span>' + state.year + ' 年数据尚不完整，结果可能变化 · '
      + state.year + ' is not complete yet and its figures may change: ' + escapeHtml(coverageText(s.coverage)) : '';
  }

  // ---- results panels ---------------------------------------------------------------------------------------------

  const rowOk = (r) => r && r.computable !== false && r.d != null && !Number.isNaN(Number(r.d));

  /**
   * The D chart: the history endpoint's rows — the complete and closed years scored in one evaluation (comparable across
   * years), then each provisional year on its own window, drawn hollow and labelled 暂定.
   */
  async function loadSynergy() {
    if (state.years.length === 0) {
      showState('chart-synergy', 'empty', '暂无协同度结果', 'No synergy results yet: waiting for the sector feeds');
      return;
    }
    let h;
    try {
      h = await getJson('/api/v1/dashboard/synergy/history?orgUnit=' + CITY);
    } catch (e) {
      showError('chart-synergy', e);
      return;
    }
    const rows = h.years || [];
    const years = rows.map((y) => String(y.period));
    const pick = (field) => rows.map((y) => (rowOk(y) && y[field] != null ? Number(Number(y[field]).toFixed(4)) : null));
    const d = pick('d');
    const computable = d.filter((v) => v != null).length;
    if (computable === 0) {
      showState('chart-synergy', 'empty', '协同度尚不可计算', 'Not computable yet' + (h.reason ? ': ' + h.reason : ''));
      return;
    }
    const bands = GRADES.map((g, i) => [
      { yAxis: g[0], name: g[1], itemStyle: { color: g[3], opacity: 0.35 } },
      { yAxis: i + 1 < GRADES.length ? GRADES[i + 1][0] : 1 }
    ]);
    const provisionalPoint = { symbol: 'emptyCircle', symbolSize: 12, itemStyle: { color: '#f2a93b', borderWidth: 2 } };
    const c = chart('chart-synergy');
    c.setOption({
      animation: false,
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const y = rows[params[0].dataIndex];
          let s = '<b>' + y.period + '</b>' + (y.provisional ? ' 暂定 provisional · ' + coverageText(y.coverage) : '');
          if (!rowOk(y)) {
            return s + '<br>不可计算 not computable' + (y.reason ? '：' + escapeHtml(y.reason) : '');
          }
          params.forEach((p) => { s += '<br>' + p.marker + p.seriesName + '：' + fmt(p.value, 3); });
          if (y.grade && y.grade.zh) {
            s += '<br>等级 grade：' + y.grade.zh + ' · ' + y.grade.en;
          }
          return s;
        }
      },
      legend: { top: 0, data: ['协同度 D', 'U1 减污 pollution', 'U2 降碳 carbon'] },
      grid: { left: 44, right: 40, top: 34, bottom: 28 }, // room for the last label, "1.000 暂定"
      xAxis: { type: 'category', data: years, boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 1, interval: 0.1, name: '指数 index', nameGap: 8, splitLine: { show: false } },
      series: [
        {
          name: '协同度 D', type: 'line', symbolSize: 9, lineStyle: { width: 3 }, itemStyle: { color: '#0f4c81' }, z: 5,
          data: d.map((v, i) => (rows[i].provisional ? Object.assign({ value: v }, provisionalPoint) : v)),
          label: {
            show: true, position: 'top', fontWeight: 600,
            formatter: (p) => (p.value == null ? '' : fmt(p.value, 3) + (rows[p.dataIndex].provisional ? ' 暂定' : ''))
          },
          markArea: { silent: true, data: bands, label: { position: 'insideLeft', fontSize: 10, color: '#6b7785' } },
          markLine: state.year == null ? undefined : {
            silent: true, symbol: 'none', lineStyle: { color: '#6b7785', type: 'dotted' }, label: { formatter: String(state.year) },
            data: [{ xAxis: String(state.year) }]
          }
        },
        { name: 'U1 减污 pollution', type: 'line', data: pick('u1'), symbolSize: 6, lineStyle: { type: 'dashed' }, itemStyle: { color: '#2a9d8f' } },
        { name: 'U2 降碳 carbon', type: 'line', data: pick('u2'), symbolSize: 6, lineStyle: { type: 'dashed' }, itemStyle: { color: '#e76f51' } }
      ]
    }, true);
    const el = $('chart-synergy');
    el.dataset.state = 'ready';
    el.dataset.points = String(computable);
    el.dataset.provisional = rows.filter((y) => y.provisional).map((y) => y.period).join(',');
    const first = rows.length ? rows[0].period : '';
    const note = h.evaluatedYear
      ? '完整年份按 ' + first + '–' + h.evaluatedYear + ' 统一评价，暂定年份按自身窗口（空心点）· complete years scored in one evaluation, '
        + first + '–' + h.evaluatedYear + '; provisional years (hollow) on their own window.'
      : (h.reason || '');
    $('synergy-hint').textContent = '背景色带为协同等级（十级）· Background bands: the ten coordination grades. ' + note;
  }

  /** The key figures: the selected year's own synergy result, the latest and the official one beside it. */
  async function loadKpis() {
    if (state.year == null) {
      setKpis(null);
      renderViews(null, null);
      return;
    }
    const url = '/api/v1/dashboard/synergy?period=' + state.year + '&orgUnit=' + CITY;
    let latest = null;
    let official = null;
    try {
      latest = await getJson(url);
      setKpis(latest);
    } catch (e) {
      setKpis(e.noData ? null : { computable: false, reason: e.message });
    }
    try {
      official = await getJson(url + '&view=official');
    } catch (e) {
      official = null;
    }
    renderViews(latest, official);
  }

  /** A count of data sets: 已审定 12 / 50 个数据集 · accepted 12 of 50 data sets. */
  function dataSetsText(d) {
    return d ? '已审定 ' + d.accepted + ' / ' + d.expected + ' 个数据集 · accepted ' + d.accepted + ' of ' + d.expected + ' data sets' : '';
  }

  /**
   * The official figure beside the latest: D in both views, and how many of the year's data sets the city's sector bureaus
   * accepted. Until every data set is accepted the official figure rests on fewer reports; where the two differ it says so.
   */
  function renderViews(latest, official) {
    const el = $('views');
    const d = (v) => (rowOk(v) ? fmt(v.d, 3) : '–');
    const note = $('kpi-d-official');
    if (latest == null && official == null) {
      el.innerHTML = '';
      el.dataset.state = 'empty';
      note.textContent = '';
      return;
    }
    const counted = (official && official.dataSets) || (latest && latest.dataSets);
    const differs = d(latest) !== d(official);
    el.innerHTML = '<span class="view-figure view-official" data-view="official">审定口径 official D<b>' + d(official) + '</b></span>'
      + '<span class="view-figure view-latest" data-view="latest">最新口径 latest D<b>' + d(latest) + '</b></span>'
      + '<span class="data-sets" id="data-sets">' + escapeHtml(dataSetsText(counted)) + '</span>'
      + (differs ? '<span class="differs">审定数与最新数不同：尚有数据集未审定 · the official figure differs: not every data set is accepted yet</span>' : '');
    el.dataset.state = 'ready';
    el.dataset.differs = String(differs);
    note.textContent = '审定 official ' + d(official) + (counted ? ' · ' + counted.accepted + '/' + counted.expected : '');
  }

  function setKpis(y) {
    const ok = y && y.computable;
    $('kpi-d').textContent = ok ? fmt(y.d, 3) : '–';
    $('kpi-grade').textContent = ok && y.grade ? y.grade.zh + ' · ' + y.grade.en : (y && y.reason ? y.reason : '');
    $('kpi-u1').textContent = ok ? fmt(y.u1, 3) : '–';
    $('kpi-u2').textContent = ok ? fmt(y.u2, 3) : '–';
    $('kpi-lag').textContent = ok && y.lagZh ? y.lagZh + (y.lag ? ' · ' + y.lag.toLowerCase().replace(/_/g, ' ') : '') : '';
    $('kpi-ct').textContent = ok ? 'C ' + fmt(y.c, 3) + ' · T ' + fmt(y.t, 3) : '';
  }

  async function loadAttainment() {
    const el = $('lights');
    if (state.year == null) {
      showState('lights', 'empty', '暂无数据', 'No results yet');
      $('kpi-attainment').textContent = '–';
      return;
    }
    try {
      const url = '/api/v1/dashboard/attainment?period=' + state.year + '&orgUnit=' + CITY;
      const a = await getJson(url);
      const official = await getJson(url + '&view=official').catch(() => null);
      const officialRows = {};
      (official ? official.indicators : []).forEach((r) => { officialRows[r.indicator] = r; });
      el.innerHTML = a.indicators.map((r) => lightCard(r, officialRows[r.indicator])).join('');
      el.dataset.state = 'ready';
      const counts = a.summary || {};
      const judged = Object.keys(counts).filter((k) => k !== 'NO_DATA').reduce((s, k) => s + counts[k], 0);
      $('kpi-attainment').textContent = (counts.ACHIEVED || 0) + (counts.ON_TRACK || 0) + ' / ' + judged;
      $('kpi-attainment-note').textContent = '已完成或符合进度 achieved or on track' + (counts.NO_DATA ? ' · ' + counts.NO_DATA + ' 无数据' : '');
    } catch (e) {
      showError('lights', e);
      $('kpi-attainment').textContent = '–';
      $('kpi-attainment-note').textContent = '';
    }
  }

  /** One indicator's light, its latest value and, beside it, its official one (marked where they differ). */
  function lightCard(a, official) {
    const s = STATUS[a.status] || STATUS.NO_DATA;
    const target = a.target == null ? '–'
      : withUnit(a.target, a.unit) + (a.keptEveryYear ? '（每年 every year）' : '（' + a.targetYear + '）');
    const figures = [
      ['现值 value', withUnit(a.value, a.unit)],
      ['审定值 official', withUnit(official ? official.value : null, a.unit)],
      ['目标 target', target],
      [a.keptEveryYear ? '底线 floor' : '序时值 trajectory', withUnit(a.trajectoryValue, a.unit)]
    ];
    if (a.completion != null) {
      figures.push(['完成度 completion', fmt(a.completion * 100, 1) + ' %']);
    }
    if (a.targetDocument) {
      figures.push([a.targetSource === 'ALLOCATED' ? '分解文件 allocated by' : '依据 document', a.targetDocument]);
    }
    return '<div class="light-card" data-indicator="' + escapeHtml(a.indicator) + '" data-status="' + escapeHtml(a.status) + '">'
      + '<span class="light ' + escapeHtml(a.status) + '" title="' + s.zh + ' ' + s.en + '"></span>'
      + '<div><div class="light-name"><span class="code">' + escapeHtml(a.indicator) + '</span>' + escapeHtml(a.zh) + '</div>'
      + '<div class="light-en">' + escapeHtml(a.en) + '</div></div>'
      + '<div class="light-status" style="color:' + s.color + '">' + s.zh + ' · ' + s.en + '</div>'
      + '<dl class="light-figures">' + figures.map((f) => '<dt>' + f[0] + '</dt><dd' + (f[0] === '审定值 official' && f[1] !== figures[0][1]
        ? ' class="differs" data-view="official"' : (f[0] === '审定值 official' ? ' data-view="official"' : '')) + '>' + escapeHtml(f[1]) + '</dd>').join('') + '</dl>'
      + '</div>';
  }

  async function loadDistricts() {
    if (state.year == null) {
      showState('chart-districts', 'empty', '暂无数据', 'No results yet');
      return;
    }
    try {
      const r = await getJson('/api/v1/dashboard/synergy/districts?period=' + state.year);
      $('districts-hint').textContent = '区县面板口径，可跨区、跨年比较 · District panel basis, comparable across districts and years.'
        + (r.provisional ? ' 暂定 provisional：' + state.year + ' 年数据尚不完整 · not complete yet.' : '');
      const ranked = r.districts.filter((x) => x.computable).sort((a, b) => a.d - b.d);
      if (ranked.length === 0) {
        showState('chart-districts', 'empty', '各区协同度尚不可计算', 'District synergy not computable yet');
        return;
      }
      const c = chart('chart-districts');
      c.setOption({
        animation: false,
        tooltip: {
          trigger: 'item',
          formatter: (p) => {
            const x = ranked[p.dataIndex];
            return '<b>' + x.name.zh + '</b> ' + x.name.en + '<br>第 ' + x.rank + ' 名 · rank ' + x.rank + '<br>D ' + fmt(x.d, 3)
              + (x.grade && x.grade.zh ? '（' + x.grade.zh + ' · ' + x.grade.en + '）' : '') + '<br>U1 ' + fmt(x.u1, 3) + ' · U2 ' + fmt(x.u2, 3);
          }
        },
        grid: { left: 8, right: 120, top: 8, bottom: 24, containLabel: true },
        xAxis: { type: 'value', min: 0, max: 1, name: 'D', splitLine: { lineStyle: { color: '#eef1f5' } } },
        yAxis: { type: 'category', data: ranked.map((x) => x.name.zh + ' ' + x.name.en), axisLabel: { fontSize: 11 } },
        series: [{
          type: 'bar', barMaxWidth: 18,
          data: ranked.map((x) => ({ value: Number(x.d.toFixed(4)), itemStyle: { color: gradeOf(x.d)[3], borderColor: '#5b6b7a', borderWidth: 0.5 } })),
          label: { show: true, position: 'right', formatter: (p) => fmt(p.value, 3) + ' ' + ((ranked[p.dataIndex].grade || {}).zh || ''), fontSize: 11 }
        }]
      }, true);
      $('chart-districts').dataset.state = 'ready';
    } catch (e) {
      showError('chart-districts', e);
    }
  }

  function renderSectorTabs() {
    const tabs = $('effect-sectors');
    tabs.innerHTML = [['all-sectors', '各行业 every sector', '']].concat(SECTORS.filter((s) => s[0] !== 'all').map((s) => [s[0], s[1] + ' ' + s[2], s[3]]))
      .map((s) => '<button type="button" role="tab" data-sector="' + s[0] + '" aria-selected="' + (state.effectSector === s[0] || (s[0] === 'all-sectors' && state.effectSector === 'all')) + '">' + s[1] + '</button>')
      .join('');
    tabs.querySelectorAll('button').forEach((b) => b.addEventListener('click', () => {
      state.effectSector = b.dataset.sector === 'all-sectors' ? 'all' : b.dataset.sector;
      renderSectorTabs();
      loadEffects();
    }));
  }

  async function loadEffects() {
    if (state.year == null) {
      showState('chart-quadrant', 'empty', '暂无数据', 'No results yet');
      return;
    }
    const from = state.year - 1;
    try {
      const r = await getJson('/api/v1/dashboard/effects?from=' + from + '&to=' + state.year + '&orgUnit=' + CITY);
      const rows = r.effects.filter((e) => e.deltaP != null && e.deltaC != null
        && (state.effectSector === 'all' || e.sector === state.effectSector));
      if (rows.length === 0) {
        showState('chart-quadrant', 'empty', '需要连续两年的排放数据', 'Needs the emissions of ' + from + ' and ' + state.year);
        return;
      }
      const extent = Math.max(2, ...rows.map((e) => Math.abs(e.deltaP * 100)), ...rows.map((e) => Math.abs(e.deltaC * 100))) * 1.25;
      const m = Math.ceil(extent);
      const quadrants = [
        [-m, -m, 0, 0, '协同减排 co-reduction', 'rgba(30,158,74,0.10)'],
        [-m, 0, 0, m, '降碳增污 carbon↓ pollution↑', 'rgba(242,169,59,0.12)'],
        [0, -m, m, 0, '减污增碳 pollution↓ carbon↑', 'rgba(242,169,59,0.12)'],
        [0, 0, m, m, '协同增排 co-increase', 'rgba(217,66,59,0.10)']
      ];
      const series = SECTORS.filter((s) => rows.some((e) => e.sector === s[0])).map((s) => ({
        name: s[1] + ' ' + s[2], type: 'scatter', symbol: s[0] === 'all' ? 'diamond' : 'circle', symbolSize: s[0] === 'all' ? 16 : 12,
        itemStyle: { color: s[3], opacity: 0.85 },
        label: { show: true, position: 'right', fontSize: 10, formatter: (p) => p.data[2] },
        data: rows.filter((e) => e.sector === s[0]).map((e) => [Number((e.deltaC * 100).toFixed(2)), Number((e.deltaP * 100).toFixed(2)),
          e.pollutant, e.elasticity, e.quadrantZh, s[1]])
      }));
      series.push({
        name: 'quadrants', type: 'scatter', data: [], silent: true,
        markArea: {
          silent: true,
          label: { fontSize: 12, color: '#4a5563', fontWeight: 600 },
          data: quadrants.map((q) => [
            { coord: [q[0], q[1]], name: q[4], itemStyle: { color: q[5] },
              label: { position: q[1] < 0 ? (q[0] < 0 ? 'insideBottomLeft' : 'insideBottomRight') : (q[0] < 0 ? 'insideTopLeft' : 'insideTopRight') } },
            { coord: [q[2], q[3]] }])
        }
      });
      const c = chart('chart-quadrant');
      c.setOption({
        animation: false,
        legend: { top: 0, data: series.filter((s) => s.name !== 'quadrants').map((s) => s.name) },
        tooltip: {
          trigger: 'item',
          formatter: (p) => p.data && p.data.length > 2 ? '<b>' + p.data[5] + ' · ' + p.data[2] + '</b><br>ΔC ' + fmt(p.data[0], 2) + ' %<br>ΔP '
            + fmt(p.data[1], 2) + ' %<br>弹性 elasticity ' + fmt(p.data[3], 2) + '<br>' + p.data[4] : ''
        },
        grid: { left: 52, right: 24, top: 36, bottom: 40 },
        xAxis: { type: 'value', min: -m, max: m, name: 'ΔC CO₂ %', nameLocation: 'middle', nameGap: 24, splitLine: { show: false } },
        yAxis: { type: 'value', min: -m, max: m, name: 'ΔP 污染物 pollutant %', nameLocation: 'middle', nameGap: 34, splitLine: { show: false } },
        series: series
      }, true);
      $('chart-quadrant').dataset.state = 'ready';
      $('quadrant-hint').textContent = 'ΔC：CO₂ 排放相对变化；ΔP：大气污染物排放相对变化（' + from + '→' + state.year + '）· relative changes, '
        + from + ' to ' + state.year + '. 标签为污染物 · labels: pollutants.'
        + (r.provisional ? ' 暂定 provisional：' + r.provisionalYears.join('、') + ' 年数据尚不完整 · not complete yet.' : '');
    } catch (e) {
      if (e.noData) {
        showState('chart-quadrant', 'empty', '需要 ' + from + ' 和 ' + state.year + ' 两年的数据', 'Needs data of ' + from + ' and ' + state.year);
      } else {
        showError('chart-quadrant', e);
      }
    }
  }

  async function refreshResults() {
    if (state.busy) {
      state.again = true;
      return;
    }
    state.busy = true;
    try {
      updateYears(await getJson('/api/v1/dashboard/years'));
      await Promise.all([loadSynergy(), loadKpis(), loadAttainment(), loadDistricts(), loadEffects()]);
      $('updated').textContent = '更新于 updated ' + new Date().toLocaleTimeString('zh-CN', { hour12: false });
    } catch (e) {
      showError('chart-synergy', e);
    } finally {
      state.busy = false;
      if (state.again) {
        state.again = false;
        refreshResults();
      }
    }
  }

  // ---- pipeline panel ---------------------------------------------------------------------------------------------

  async function refreshPipeline() {
    const [topics, consumers, deadLetters, freshness] = await Promise.allSettled([
      getJson('/api/v1/ops/topics'), getJson('/api/v1/ops/consumers'), getJson('/api/v1/ops/dead-letters?limit=1'), getJson('/api/v1/ops/freshness')
    ]);
    renderBadges(topics, consumers, deadLetters, freshness);
    settled(topics, 'topics', renderTopics);
    settled(consumers, 'chart-lag', renderLag);
    settled(deadLetters, 'dead-letters', renderDeadLetters);
    settled(freshness, 'chart-freshness', renderFreshness);
  }

  function settled(result, id, render) {
    if (result.status === 'fulfilled') {
      try {
        render(result.value);
      } catch (e) {
        showError(id, e);
      }
    } else {
      showError(id, result.reason);
    }
  }

  function renderBadges(topics, consumers, deadLetters, freshness) {
    const badges = [];
    const badge = (cls, value, label) => badges.push('<span class="badge ' + cls + '"><b>' + value + '</b>' + label + '</span>');
    if (consumers.status === 'fulfilled') {
      const lag = consumers.value.reduce((s, g) => s + g.totalLag, 0);
      badge(lag === 0 ? 'ok' : lag < 1000 ? 'warn' : 'bad', fmt(lag, 0), '待消费 records behind');
    } else {
      const reason = consumers.reason;
      badge('bad', '?', reason.kafkaDenied ? 'Kafka 未授权 not authorised (ACL)' : reason.forbidden ? '需要运维权限 ops role needed'
        : 'Kafka 不可达 unreachable');
    }
    if (deadLetters.status === 'fulfilled') {
      const depth = deadLetters.value.reduce((s, t) => s + t.depth, 0);
      badge(depth === 0 ? 'ok' : 'bad', fmt(depth, 0), '死信 dead letters');
    }
    if (freshness.status === 'fulfilled') {
      const overdue = freshness.value.sectors.reduce((s, x) => s + x.overdueYears, 0);
      badge(overdue === 0 ? 'ok' : 'warn', fmt(overdue, 0), '逾期区县年 overdue district-years');
    }
    if (topics.status === 'fulfilled') {
      const rate = topics.value.topics.reduce((s, t) => s + (t.rates && t.rates.lastMinute ? t.rates.lastMinute.perSecond : 0), 0);
      badge('ok', fmt(rate, 1), '条/秒 msgs/s (1 min)');
    }
    $('pipeline-badges').innerHTML = badges.join('');
  }

  function renderTopics(view) {
    const rate = (r) => (r ? fmt(r.perSecond, 2) : '–');
    const rows = view.topics.filter((t) => t.kind !== 'dead-letter').map((t) => '<tr><td title="' + escapeHtml(t.eventType || '') + '">' + escapeHtml(t.name)
      + '</td><td>' + (t.exists ? t.partitions : '<span style="color:#d9423b">缺失 missing</span>') + '</td><td>' + fmt(t.endOffset, 0) + '</td><td>'
      + rate(t.rates && t.rates.lastMinute) + '</td><td>' + rate(t.rates && t.rates.last5Minutes) + '</td><td>'
      + (t.deadLetters ? fmt(t.deadLetters.depth, 0) : '') + '</td></tr>').join('');
    $('topics').innerHTML = '<table class="compact"><thead><tr><th>主题 topic</th><th>分区</th><th>消息 msgs</th><th>1 min</th><th>5 min</th><th>死信 DLQ</th></tr></thead><tbody>'
      + rows + '</tbody></table>';
    $('topics').dataset.state = 'ready';
  }

  function renderLag(groups) {
    const trendColor = { growing: '#d9423b', shrinking: '#f2a93b', steady: '#1e9e4a' };
    const c = chart('chart-lag');
    c.setOption({
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const g = groups[p.dataIndex];
          return '<b>' + g.group + '</b><br>状态 state ' + g.state + ' · ' + g.memberCount + ' 成员 members<br>延迟 lag ' + fmt(g.totalLag, 0)
            + (g.lagTrend ? '（' + g.lagTrend + '）' : '');
        }
      },
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { show: false }, splitLine: { lineStyle: { color: '#eef1f5' } } },
      yAxis: { type: 'category', inverse: true, data: groups.map((g) => g.group), axisLabel: { fontSize: 11 } },
      series: [{
        type: 'bar', barMaxWidth: 14,
        data: groups.map((g) => ({ value: g.totalLag, itemStyle: { color: g.totalLag === 0 ? '#1e9e4a' : trendColor[g.lagTrend] || '#f2a93b' } })),
        label: { show: true, position: 'right', fontSize: 11, formatter: (p) => fmt(p.value, 0) + ' · ' + groups[p.dataIndex].state.toLowerCase() }
      }]
    }, true);
    $('chart-lag').dataset.state = 'ready';
  }

  function renderDeadLetters(topics) {
    $('dead-letters').innerHTML = topics.map((t) => {
      const newest = t.messages && t.messages[0];
      return '<div class="dlq"><span>' + escapeHtml(t.topic) + ' <span class="depth ' + (t.depth > 0 ? 'nonzero' : '') + '">' + fmt(t.depth, 0)
        + '</span></span><span class="reason" title="' + escapeHtml(newest ? newest.reason : '') + '">'
        + (newest ? '最新 newest：' + escapeHtml(newest.reason || '(no reason header)') : '—') + '</span></div>';
    }).join('');
    $('dead-letters').dataset.state = 'ready';
  }

  function renderFreshness(view) {
    const statusIndex = Object.fromEntries(FRESHNESS.map((f, i) => [f[0], i]));
    const sectors = view.sectors;
    const districts = sectors.length ? sectors[0].districts : [];
    const data = [];
    sectors.forEach((s, y) => s.districts.forEach((d, x) => data.push([x, y, statusIndex[d.status]])));
    const c = chart('chart-freshness');
    c.setOption({
      animation: false,
      tooltip: {
        formatter: (p) => {
          const s = sectors[p.data[1]];
          const d = s.districts[p.data[0]];
          const f = FRESHNESS[p.data[2]];
          return '<b>' + s.zh + ' · ' + d.zh + '</b><br>' + f[1] + ' ' + f[2] + '<br>最近报送 last report：'
            + (d.lastReportAt ? new Date(d.lastReportAt).toLocaleString('zh-CN', { hour12: false }) : '—')
            + (d.missing.length ? '<br>缺 missing：' + d.missing.map((m) => m.year + (m.overdue ? '（逾期 overdue）' : '')).join('、') : '');
        }
      },
      grid: { left: 8, right: 8, top: 8, bottom: 36, containLabel: true },
      xAxis: { type: 'category', data: districts.map((d) => d.zh), axisLabel: { fontSize: 10, interval: 0 }, splitArea: { show: true } },
      yAxis: { type: 'category', data: sectors.map((s) => s.zh + ' ' + s.en), axisLabel: { fontSize: 11 } },
      visualMap: {
        type: 'piecewise', orient: 'horizontal', left: 'center', bottom: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 },
        pieces: FRESHNESS.map((f, i) => ({ value: i, label: f[1] + ' ' + f[2], color: f[3] }))
      },
      series: [{ type: 'heatmap', data: data, itemStyle: { borderColor: '#fff', borderWidth: 2 } }]
    }, true);
    $('chart-freshness').dataset.state = 'ready';
  }

  // ---- live updates -----------------------------------------------------------------------------------------------

  function setLive(s) {
    state.live = s;
    const el = $('live');
    el.dataset.state = s;
    el.textContent = { live: '● 实时 live', polling: '● 轮询 polling', connecting: '● 连接中 connecting', error: '● 离线 offline' }[s];
  }

  function connectLive() {
    if (!window.EventSource) {
      setLive('polling');
      return;
    }
    const events = new EventSource('/api/v1/dashboard/changes');
    events.onopen = () => setLive('live');
    events.onmessage = (message) => {
      const f = JSON.parse(message.data);
      const fingerprint = f.results + ':' + f.versionSum + ':' + f.lastComputedAt;
      if (fingerprint !== state.fingerprint) {
        state.fingerprint = fingerprint;
        refreshResults();
        refreshPipeline(); // new results mean the pipeline moved: show its figures of now, not of up to 10 s ago
      }
    };
    // EventSource reconnects by itself; until it does, the results are polled
    events.onerror = () => setLive('polling');
  }

  // ---- access: the read API needs a bearer token (role reader; the pipeline panel: ops) ----------------------------
  // The token arrives in the URL fragment (#token=…, never sent to a server) or is pasted below, and is sent once, in the
  // Authorization header, to POST /api/v1/session: the server answers with its session cookie (HttpOnly, so this script
  // never holds the token afterwards; SameSite=Strict), which the browser sends with every read and the event stream (an
  // EventSource cannot set a header). The cookie authorises reads only: the page makes no writes.

  async function startSession(token) {
    const response = await fetch('/api/v1/session', {
      method: 'POST', cache: 'no-store', credentials: 'same-origin',
      headers: { Accept: 'application/json', Authorization: 'Bearer ' + token.trim() }
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error((problem.title || ('HTTP ' + response.status)) + (problem.detail ? ' — ' + problem.detail : ''));
    }
    return response.json();
  }

  async function adoptTokenFromFragment() {
    const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (m) {
      // out of the address bar (and the history) before anything else
      history.replaceState(null, '', location.pathname + location.search);
      try {
        await startSession(decodeURIComponent(m[1]));
      } catch (e) {
        showSignIn(e.message);
      }
    }
  }

  function showSignIn(message) {
    const box = $('signin');
    if (!box) {
      return;
    }
    if (message) {
      $('signin-error').textContent = message;
    }
    if (!box.hidden) {
      return;
    }
    box.hidden = false;
    $('signin-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await startSession($('signin-token').value);
        location.reload();
      } catch (err) {
        box.hidden = true;
        showSignIn(err.message);
      }
    }, { once: true });
  }

  async function start() {
    await adoptTokenFromFragment();
    const params = new URLSearchParams(location.search);
    if (params.get('year')) {
      state.year = Number(params.get('year'));
      state.yearChosen = true;
    }
    $('year').addEventListener('change', (e) => {
      if (e.target.value) {
        chooseYear(Number(e.target.value));
      }
    });
    window.addEventListener('resize', () => Object.values(state.charts).forEach((c) => c.isDisposed() || c.resize()));
    renderSectorTabs();
    if (typeof echarts === 'undefined') {
      ['chart-synergy', 'chart-districts', 'chart-quadrant', 'chart-lag', 'chart-freshness'].forEach((id) =>
        showState(id, 'error', '图表库未加载', 'ECharts did not load from /webjars/echarts'));
      return;
    }
    loadLinks();
    refreshResults();
    refreshPipeline();
    connectLive();
    setInterval(() => { if (state.live !== 'live') { refreshResults(); } }, RESULTS_POLL_MS);
    setInterval(refreshPipeline, PIPELINE_POLL_MS);
  }

  start();
}());
