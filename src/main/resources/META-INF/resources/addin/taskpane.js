// The add-in's task pane: pick a stored scenario of an account plan, evaluate it, see what moves
// its NPV, and write any table into the workbook at the selected cell.

import * as echarts from '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';
import { ApiProblem, get, post } from '../workbench/api.js';
import { el } from '../workbench/editor.js';
import { tornadoRequest } from '../workbench/figures.js';
import { tornadoOption } from '../workbench/charts.js';

const SUMMARY_ROWS = ['npv', 'npvBaseline', 'concessionCost', 'customerNpv', 'customerSavings',
  'contributionMarginPct', 'minYearContributionMarginPct', 'valueLeverage', 'paybackPeriod'];

/** A task pane is about 350 pixels wide: lever names get a third of it, the bars the rest. */
const PANE_LABEL_WIDTH = 120;

/** Builds the pane in root; tables are written into the workbook through excel (Office's Excel object). */
export async function mount(root, excel) {
  const plans = el('select', { id: 'plan' });
  const scenarios = el('select', { id: 'scenario' });
  const evaluateButton = el('button', { type: 'button', id: 'evaluate' }, 'Evaluate');
  const message = el('p', { class: 'error', id: 'message', role: 'alert' });
  const results = el('div', { id: 'results' });
  root.replaceChildren(
    el('label', {}, 'Account plan ', plans), el('label', {}, 'Scenario ', scenarios), evaluateButton, message, results);
  window.echarts ??= echarts;

  const fail = (e) => { message.textContent = e instanceof ApiProblem ? e.message : `Parley did not answer: ${e.message}`; };
  const listScenarios = async () => {
    const items = plans.value ? (await get(`/api/v1/plans/${plans.value}/scenarios`)).scenarios : [];
    scenarios.replaceChildren(...items.map((s) => el('option', { value: s.id }, `${s.name}${s.agreed ? ' (agreed)' : ''}`)));
  };
  plans.addEventListener('change', () => listScenarios().catch(fail));
  evaluateButton.addEventListener('click', () => evaluate(plans.value, scenarios.value, results, excel).then(
    () => { message.textContent = ''; }, fail));

  try {
    const page = await get('/api/v1/plans?size=100&sort=account');
    plans.replaceChildren(...page.items.map((p) => el('option', { value: p.id }, `${p.account} (plan ${p.id}, ${p.status})`)));
    await listScenarios();
  } catch (e) {
    fail(e);
  }
  root.dataset.ready = 'true';
}

async function evaluate(plan, scenarioId, results, excel) {
  const stored = await get(`/api/v1/plans/${plan}/scenarios/${scenarioId}`);
  const evaluation = await post('/api/v1/evaluate', stored.scenario);
  const summary = [['metric', 'value'], ...SUMMARY_ROWS.map((m) => [m, evaluation.summary[m] ?? ''])];
  const tornado = await post('/api/v1/analyses/tornado', tornadoRequest(stored.scenario));
  const bars = [['lever', 'low', 'high', 'npv at low', 'npv at high', 'swing'],
    ...tornado.metrics[0].bars.map((b) => [b.lever, b.low, b.high, b.atLow, b.atHigh, b.swing])];
  const chartBox = el('div', { id: 'tornado-chart', class: 'chart' });
  results.replaceChildren(
    table('summary', summary, excel), el('h3', {}, 'What moves the NPV'), chartBox, table('tornado', bars, excel));
  echarts.init(chartBox).setOption(tornadoOption(tornado, { labelWidth: PANE_LABEL_WIDTH }));
  results.dataset.scenario = scenarioId;
}

/** A table shown in the pane with a button that writes it into the sheet at the selected cell. */
function table(name, rows, excel) {
  const write = el('button', { type: 'button', 'data-write': name }, 'Write to sheet');
  write.addEventListener('click', () => writeToSheet(rows, excel));
  const format = (v) => (typeof v === 'number' ? v.toLocaleString('en-GB', { maximumFractionDigits: 4 }) : v);
  return el('div', { class: 'table' }, el('table', { 'data-table': name },
    ...rows.map((r, i) => el('tr', {}, ...r.map((v) => el(i === 0 ? 'th' : 'td', {}, String(format(v))))))), write);
}

/** Writes rows (equal lengths) into the active sheet, starting at the selected cell. */
export function writeToSheet(rows, excel) {
  return excel.run(async (context) => {
    const start = context.workbook.getSelectedRange().getCell(0, 0);
    start.getResizedRange(rows.length - 1, rows[0].length - 1).values = rows;
    await context.sync();
  });
}

if (typeof Office !== 'undefined') {
  Office.onReady(() => mount(document.getElementById('taskpane'), window.Excel));
}
