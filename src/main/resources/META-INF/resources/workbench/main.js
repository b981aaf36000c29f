// The workbench: edit a scenario, see it evaluated as you type, and the analyses redrawn after.
// Every figure shown is the API's; state.last keeps each request and answer for inspection.

import * as echarts from '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';
import { ApiProblem, call, get, post } from './api.js';
import { renderEditor, el } from './editor.js';
import { bridgeRequest, defaultPositions, frontierRequest, heatmapRequest, monteCarloRequest, priceWaterfall, spiderRequest, tornadoRequest, WATERFALL_STEPS } from './figures.js';
import { bridgeOption, frontierOption, heatmapOption, histogramOption, spiderOption, tornadoOption, waterfallOption } from './charts.js';
import { parent, valueAt } from './pointer.js';
import { CONTRACT_JSON, schemaResolver } from './schema.js';

/** Evaluation waits this long after the last keystroke, so typing "0.08" is one request, not four. */
const EVALUATE_DELAY_MS = 250;
/** The analyses are heavier: they wait until the typing has settled and the evaluation succeeded. */
const ANALYSE_DELAY_MS = 700;

const KEY_FIGURES = [
  ['npv', 'NPV to us', 'money'], ['concessionCost', 'concession cost', 'money'],
  ['customerNpv', 'customer NPV', 'money'], ['contributionMarginPct', 'contribution margin', 'percent'],
];

/** `compareWith` is scenario A of the comparison: the example as loaded, until the user pins another. */
const state = { scenario: null, compareWith: null, version: 0, last: {}, walkAway: undefined, demand: undefined };
window.parleyWorkbench = state;
window.echarts = echarts; // the browser tests read each chart's option through it

const $ = (selector) => document.querySelector(selector);
const charts = {};
const chart = (id) => (charts[id] ??= echarts.init(document.getElementById(id)));
// the editor is a form only for its layout and labels: Enter in a field must not submit (reload) the page
// (a listener rather than an inline onsubmit, which the page's Content-Security-Policy refuses)
$('#editor').addEventListener('submit', (event) => event.preventDefault());

let evaluateTimer;
let analyseTimer;
let inFlight = { evaluate: null, analyses: null };

/** The contract's Scenario schema, which the editor is generated from: read once. */
let contract;

async function load(file) {
  try {
    contract ??= await scenarioSchema();
  } catch (e) {
    $('#problem').textContent = `The contract could not be read (${CONTRACT_JSON}): ${e.message}`;
    return;
  }
  const response = await call(`examples/${file}`);
  state.scenario = await response.json();
  state.compareWith = structuredClone(state.scenario);
  edited();
}

async function scenarioSchema() {
  const document = await get(CONTRACT_JSON);
  const resolve = schemaResolver(document);
  return { scenario: resolve(document.components.schemas.Scenario), resolve };
}

function edited() {
  renderEditor($('#editor'), state.scenario, () => changed(), contract.scenario, contract.resolve);
  changed();
}

function changed() {
  state.version++;
  $('#status').dataset.version = state.version;
  clearTimeout(evaluateTimer);
  clearTimeout(analyseTimer);
  evaluateTimer = setTimeout(evaluate, EVALUATE_DELAY_MS);
}

async function evaluate() {
  const version = state.version;
  const scenario = structuredClone(state.scenario);
  inFlight.evaluate?.abort();
  const controller = (inFlight.evaluate = new AbortController());
  setStatus('evaluating…');
  try {
    const answer = await post('/api/v1/evaluate', scenario, { signal: controller.signal });
    if (version !== state.version) return;
    state.last.evaluate = { version, request: scenario, answer };
    clearErrors();
    showFigures(answer, scenario);
    $('#figures').dataset.version = version;
    setStatus('evaluated');
    analyseTimer = setTimeout(() => analyse(version, scenario, answer), ANALYSE_DELAY_MS);
  } catch (e) {
    if (e.name === 'AbortError' || version !== state.version) return;
    showProblem(e, '');
    $('#figures').dataset.version = version;
    setStatus('the scenario has errors: see the fields marked');
  }
}

function showFigures(answer, scenario) {
  const s = answer.summary;
  $('#key-figures').replaceChildren(...KEY_FIGURES.map(([key, label, unit]) =>
    el('div', { class: 'figure' }, el('span', {}, label),
      el('strong', { 'data-metric': key, 'data-value': String(s[key]) }, format(s[key], unit, answer.currency)))));
  const waterfalls = answer.products.map((p) => priceWaterfall(p, s, scenario)).filter(Boolean);
  state.last.waterfalls = { version: state.version, waterfalls };
  const picker = $('#waterfall-product');
  const chosen = waterfalls.some((w) => w.id === picker.value) ? picker.value : waterfalls[0]?.id;
  picker.replaceChildren(...waterfalls.map((w) => el('option', { value: w.id }, w.id)));
  picker.value = chosen ?? '';
  drawWaterfall(answer.currency);
  $('#waterfall-table').replaceChildren(waterfallTable(waterfalls));
  const positions = defaultPositions(s);
  $('#walk-away').placeholder = positions.walkAway;
  $('#demand').placeholder = positions.demand;
}

function drawWaterfall(currency) {
  const w = state.last.waterfalls?.waterfalls.find((x) => x.id === $('#waterfall-product').value);
  if (!w) return;
  chart('waterfall-chart').setOption(waterfallOption(w, WATERFALL_STEPS, currency), true);
  $('#waterfall-chart').dataset.version = state.last.waterfalls.version;
}

function waterfallTable(waterfalls) {
  const names = ['listPrice', 'discount', 'rebate', 'paymentTerms', 'costToServe', 'unitCost', 'margin'];
  const cell = (v) => el('td', {}, v.toFixed(4));
  return el('table', { class: 'grid numbers' },
    el('thead', {}, el('tr', {}, el('th', {}, 'per unit'), ...names.map((n) => el('th', { title: WATERFALL_STEPS[n] }, n)))),
    el('tbody', {}, ...waterfalls.map((w) => el('tr', { 'data-product': w.id }, el('th', {}, w.id),
      cell(w.listPrice), ...w.steps.map((s) => cell(-s.perUnit)), cell(w.margin)))));
}

async function analyse(version, scenario, evaluation) {
  inFlight.analyses?.abort();
  const controller = (inFlight.analyses = new AbortController());
  const positions = defaultPositions(evaluation.summary);
  const walkAway = state.walkAway ?? positions.walkAway;
  const demand = state.demand ?? positions.demand;
  // each view's request is built from the scenario and the answers before it (the spider's legs are
  // the tornado's widest bars); a view whose request cannot be built says why and the others go on
  const runs = [
    ['bridge', '/api/v1/analyses/bridge', () => bridgeRequest(state.compareWith, scenario), bridgeOption],
    ['tornado', '/api/v1/analyses/tornado', () => tornadoRequest(scenario), tornadoOption],
    ['spider', '/api/v1/analyses/spider', (answers) => spiderRequest(scenario, answers.tornado), spiderOption],
    ['heatmap', '/api/v1/analyses/sweep', () => heatmapRequest(scenario), heatmapOption, '?layout=table'],
    ['frontier', '/api/v1/optimize/frontier', () => frontierRequest(scenario, walkAway, demand), frontierOption],
    ['monteCarlo', '/api/v1/analyses/monte-carlo', () => monteCarloRequest(scenario), histogramOption],
  ];
  const answers = {};
  // one after the other: the service limits heavy work, and the machine may be a laptop
  for (const [name, path, build, option, query = ''] of runs) {
    const box = document.getElementById(`${name}-chart`);
    const error = document.querySelector(`[data-error-for="${name}"]`);
    let request;
    try {
      request = build(answers);
      const answer = await post(path, request, { signal: controller.signal, query });
      if (version !== state.version) return;
      answers[name] = answer;
      state.last[name] = { version, request, answer };
      error.textContent = '';
      chart(box.id).setOption(option(answer), true);
      if (name === 'bridge') showComparison(answer);
    } catch (e) {
      if (e.name === 'AbortError' || version !== state.version) return;
      state.last[name] = { version, request, problem: e.problem };
      if (name === 'bridge') { $('#comparison').replaceChildren(); $('#compared-levers').replaceChildren(); }
      error.textContent = e instanceof ApiProblem ? e.errors.map((x) => `${x.pointer} ${x.message}`.trim()).join('; ') : String(e);
      if (e instanceof ApiProblem) showProblem(e, name);
    }
    box.dataset.version = version;
  }
  setStatus('up to date');
}

/** A and B side by side, each figure as the bridge answered it, and the levers that differ. */
function showComparison(answer) {
  const label = Object.fromEntries(KEY_FIGURES.map(([key, text, unit]) => [key, { text, unit }]));
  const currency = state.scenario.currency;
  const cell = (value, unit) => el('td', { 'data-value': String(value) }, format(value, unit, currency));
  $('#comparison').replaceChildren(el('table', { class: 'grid numbers' },
    el('thead', {}, el('tr', {}, el('th'), el('th', {}, 'A'), el('th', {}, 'B (as edited)'), el('th', {}, 'B − A'))),
    el('tbody', {}, ...answer.metrics.map((m) => el('tr', { 'data-metric': m.metric },
      el('th', {}, label[m.metric]?.text ?? m.metric),
      cell(m.baseline, label[m.metric]?.unit), cell(m.variant, label[m.metric]?.unit), cell(m.change, label[m.metric]?.unit))))));
  $('#compared-levers').replaceChildren(...(answer.levers.length === 0
    ? [el('li', {}, 'B is A: no lever differs')]
    : answer.levers.map((l) => el('li', { 'data-lever': l.lever }, `${l.lever}: ${l.from ?? '…'} → ${l.to ?? '…'}`))));
}

/** Places each error of a problem beside the field its pointer names (or the nearest enclosing one). */
function showProblem(e, request) {
  if (!(e instanceof ApiProblem)) {
    $('#problem').textContent = String(e);
    return;
  }
  if (request === '') clearErrors();
  for (const { pointer, message } of e.errors) {
    // an analysis request holds the scenario under /scenario
    const inScenario = request === '' ? pointer : pointer.startsWith('/scenario') ? pointer.slice('/scenario'.length) : null;
    if (inScenario === null) continue;
    let at = inScenario;
    let slot = null;
    while (true) {
      slot = document.querySelector(`[data-error-for="${CSS.escape(at)}"]`) ??
        document.querySelector(`[data-pointer="${CSS.escape(at)}"]`);
      if (slot || at === '') break;
      at = parent(at);
    }
    if (slot && slot.dataset.errorFor !== undefined) {
      slot.textContent = message;
      document.querySelector(`[data-pointer="${CSS.escape(at)}"]`)?.setAttribute('aria-invalid', 'true');
    } else if (slot) {
      slot.insertAdjacentElement('afterend', el('small', { class: 'error', 'data-error-for': at }, message));
    } else {
      $('#problem').textContent = `${pointer}: ${message}`;
    }
  }
}

function clearErrors() {
  $('#problem').textContent = '';
  document.querySelectorAll('#editor [data-error-for]').forEach((n) => { n.textContent = ''; });
  document.querySelectorAll('[aria-invalid]').forEach((n) => n.removeAttribute('aria-invalid'));
}

function setStatus(text) {
  $('#status').textContent = text;
}

function format(value, unit, currency) {
  if (value === null || value === undefined) return '—';
  if (unit === 'percent') return `${(value * 100).toFixed(1)} %`;
  return `${Math.round(value).toLocaleString('en-GB')} ${currency}`;
}

const number = (text) => (text.trim() === '' ? undefined : Number(text));
$('#walk-away').addEventListener('change', (e) => { state.walkAway = number(e.target.value); changed(); });
$('#demand').addEventListener('change', (e) => { state.demand = number(e.target.value); changed(); });
$('#waterfall-product').addEventListener('change', () => drawWaterfall(state.last.evaluate?.answer.currency));
$('#example').addEventListener('change', (e) => load(e.target.value));
$('#pin').addEventListener('click', () => { state.compareWith = structuredClone(state.scenario); changed(); });
$('#editor').addEventListener('submit', (e) => e.preventDefault()); // Enter in a field never reloads the page
window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));

for (const [step, text] of Object.entries(WATERFALL_STEPS)) $('#waterfall-steps').append(el('li', { 'data-step': step }, text));
load($('#example').value);
