// The add-in's task pane: pick a stored scenario of an account plan, evaluate it, see what moves
// its NPV (tornado, spider, a discount × payment-days heatmap), the negotiation frontier with the
// zone of agreement and the spread of outcomes, and write any table into the workbook at the
// selected cell. The requests and charts are the workbench's own (../workbench/figures.js, charts.js).

import * as echarts from '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';
import { ApiProblem, get, post, signIn, signOut, signedIn, whenKeyMissing } from '../workbench/api.js';
import { el } from '../workbench/editor.js';
import { defaultPositions, frontierRequest, heatmapRequest, monteCarloRequest, spiderRequest, tornadoRequest } from '../workbench/figures.js';
import { frontierOption, heatmapOption, histogramOption, spiderOption, tornadoOption } from '../workbench/charts.js';
import { frontierTable, percentileTable, spiderTable, sweepMatrix, tornadoTable } from './sheet.js';

const SUMMARY_ROWS = ['npv', 'npvBaseline', 'concessionCost', 'customerNpv', 'customerSavings',
  'contributionMarginPct', 'minYearContributionMarginPct', 'valueLeverage', 'paybackPeriod'];

/** A task pane is about 350 pixels wide: lever names get a third of it, the bars the rest. */
const PANE_LABEL_WIDTH = 120;

/**
 * The views after the evaluation, in the order they are asked for (one at a time: the service
 * limits heavy work). Each builds its request from the scenario and the answers before it.
 */
const VIEWS = [
  { name: 'tornado', title: 'What moves the NPV', path: '/api/v1/analyses/tornado',
    request: (scenario) => tornadoRequest(scenario),
    option: (answer) => tornadoOption(answer, { labelWidth: PANE_LABEL_WIDTH }), table: tornadoTable },
  { name: 'spider', title: 'The NPV as each lever moves', path: '/api/v1/analyses/spider',
    request: (scenario, answers) => spiderRequest(scenario, answers.tornado), option: spiderOption, table: spiderTable },
  { name: 'heatmap', title: 'Discount × payment days', path: '/api/v1/analyses/sweep', query: '?layout=table',
    request: (scenario) => heatmapRequest(scenario), option: heatmapOption, table: sweepMatrix },
  { name: 'frontier', title: 'Negotiation frontier and zone of agreement', path: '/api/v1/optimize/frontier',
    request: (scenario, answers) => {
      const { walkAway, demand } = defaultPositions(answers.evaluate.summary);
      return frontierRequest(scenario, walkAway, demand);
    }, option: frontierOption, table: frontierTable },
  { name: 'monteCarlo', title: 'Spread of outcomes', path: '/api/v1/analyses/monte-carlo',
    request: (scenario) => monteCarloRequest(scenario), option: histogramOption, table: percentileTable },
];

/** What the pane asked and was answered, per view, for inspection (the browser tests read it). */
const pane = { last: {} };
window.parleyPane = pane;

/** The sign-in page Parley serves for the Office dialog (signin.html), and the dialog's size in % of the window. */
const SIGN_IN_PAGE = 'signin.html';
const DIALOG_SIZE = { height: 45, width: 35 };

/**
 * Builds the pane in root; tables are written into the workbook through excel (Office's Excel
 * object), the sign-in dialog opened through office (Office's Office object).
 */
export async function mount(root, excel, office = globalThis.Office) {
  const plans = el('select', { id: 'plan' });
  const scenarios = el('select', { id: 'scenario' });
  const evaluateButton = el('button', { type: 'button', id: 'evaluate' }, 'Evaluate');
  const message = el('p', { class: 'error', id: 'message', role: 'alert' });
  const results = el('div', { id: 'results' });
  const signInBox = signInForm(office, () => listPlans());
  root.replaceChildren(signInBox,
    el('label', {}, 'Account plan ', plans), el('label', {}, 'Scenario ', scenarios), evaluateButton, message, results);
  window.echarts ??= echarts;

  const fail = (e) => { message.textContent = reason(e); };
  // an Office host has no prompt: a 401 stands, and the pane asks for a key in its sign-in form
  whenKeyMissing(() => { signInBox.showSignedIn(false); return null; });
  const listScenarios = async () => {
    const items = plans.value ? (await get(`/api/v1/plans/${plans.value}/scenarios`)).scenarios : [];
    scenarios.replaceChildren(...items.map((s) => el('option', { value: s.id }, `${s.name}${s.agreed ? ' (agreed)' : ''}`)));
  };
  plans.addEventListener('change', () => listScenarios().catch(fail));
  evaluateButton.addEventListener('click', () => {
    message.textContent = '';
    evaluate(plans.value, scenarios.value, results, excel).catch(fail);
  });

  async function listPlans() {
    message.textContent = '';
    try {
      const page = await get('/api/v1/plans?size=100&sort=account');
      plans.replaceChildren(...page.items.map((p) => el('option', { value: p.id }, `${p.account} (plan ${p.id}, ${p.status})`)));
      await listScenarios();
    } catch (e) {
      plans.replaceChildren();
      scenarios.replaceChildren();
      fail(e);
    }
  }

  await listPlans();
  root.dataset.ready = 'true';
}

/**
 * Sign-in: a key (`pk_…`) or an OIDC token typed here, or brought back from Parley's sign-in page
 * opened in an Office dialog (displayDialogAsync; the page sends it with messageParent). Either way
 * it is kept for the session (workbench/api.js) and every call carries it; then onSignedIn runs.
 */
function signInForm(office, onSignedIn) {
  const key = el('input', { id: 'key', type: 'password', autocomplete: 'off', placeholder: 'pk_… or a token' });
  const use = el('button', { type: 'submit', id: 'sign-in' }, 'Sign in');
  const dialog = el('button', { type: 'button', id: 'sign-in-dialog' }, 'Sign in in a Parley window');
  const out = el('button', { type: 'button', id: 'sign-out' }, 'Sign out');
  const said = el('span', { id: 'signed-in', role: 'status' });
  const problem = el('small', { class: 'error', 'data-error-for': 'sign-in' });
  const keyLabel = el('label', {}, 'Parley key ', key);
  const form = el('form', { id: 'signin', class: 'signin' }, keyLabel, use, dialog, out, said, problem);
  const show = (yes) => {
    form.dataset.signedIn = String(yes);
    said.textContent = yes ? 'signed in' : 'not signed in';
    keyLabel.hidden = use.hidden = dialog.hidden = yes;
    out.hidden = !yes;
    if (!office?.context?.ui?.displayDialogAsync) dialog.hidden = true;
  };
  form.showSignedIn = show;
  const kept = (value) => {
    if (!signIn(value)) return;
    key.value = '';
    problem.textContent = '';
    show(true);
    onSignedIn();
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); kept(key.value); });
  out.addEventListener('click', () => { signOut(); show(false); onSignedIn(); });
  dialog.addEventListener('click', () => openSignInDialog(office, kept, (text) => { problem.textContent = text; }));
  show(signedIn());
  return form;
}

/** Opens Parley's sign-in page in an Office dialog; its message is {key}, or the dialog is closed without one. */
function openSignInDialog(office, kept, fail) {
  const page = new URL(SIGN_IN_PAGE, import.meta.url).href; // beside this script, whatever page loaded it
  office.context.ui.displayDialogAsync(page, { ...DIALOG_SIZE, displayInIframe: true }, (opened) => {
    if (opened.status === office.AsyncResultStatus.Failed) {
      fail(`The sign-in window did not open: ${opened.error.message}`);
      return;
    }
    const dialog = opened.value;
    dialog.addEventHandler(office.EventType.DialogMessageReceived, (arg) => {
      dialog.close();
      let answer;
      try {
        answer = JSON.parse(arg.message);
      } catch {
        answer = {};
      }
      if (answer.key) kept(answer.key);
      else fail('The sign-in window sent no key');
    });
    // 12006: closed by the person before signing in
    dialog.addEventHandler(office.EventType.DialogEventReceived, () => fail('The sign-in window was closed before signing in'));
  });
}

async function evaluate(plan, scenarioId, results, excel) {
  delete results.dataset.scenario;
  pane.last = {};
  const stored = await get(`/api/v1/plans/${plan}/scenarios/${scenarioId}`);
  const scenario = stored.scenario;
  const evaluation = await post('/api/v1/evaluate', scenario);
  pane.last.evaluate = { request: scenario, answer: evaluation };
  const summary = [['metric', 'value'], ...SUMMARY_ROWS.map((m) => [m, evaluation.summary[m] ?? ''])];
  results.replaceChildren(table('summary', summary, excel, { open: '' }));

  const answers = { evaluate: evaluation };
  for (const view of VIEWS) {
    const error = el('p', { class: 'error', 'data-error-for': view.name });
    const box = el('div', { id: `${view.name}-chart`, class: 'chart' });
    const section = el('section', { 'data-view': view.name }, el('h3', {}, view.title), error, box);
    results.append(section);
    try {
      const request = view.request(scenario, answers);
      const answer = await post(view.path, request, { query: view.query ?? '' });
      answers[view.name] = answer;
      pane.last[view.name] = { request, answer };
      echarts.init(box).setOption(view.option(answer));
      section.append(table(view.name, view.table(answer), excel));
    } catch (e) {
      error.textContent = reason(e); // one view failing leaves the others standing
      box.remove();
    }
  }
  results.dataset.scenario = scenarioId;
}

function reason(e) {
  if (!(e instanceof ApiProblem)) return `Parley did not answer: ${e.message}`;
  return e.errors.map((x) => `${x.pointer ?? ''} ${x.message}`.trim()).join('; ');
}

/** A table shown in the pane with a button that writes it into the sheet at the selected cell. */
function table(name, rows, excel, attributes = {}) {
  const write = el('button', { type: 'button', 'data-write': name }, 'Write to sheet');
  write.addEventListener('click', () => writeToSheet(rows, excel));
  const format = (v) => (typeof v === 'number' ? v.toLocaleString('en-GB', { maximumFractionDigits: 4 }) : v);
  return el('details', { class: 'table', ...attributes }, el('summary', {}, 'Table ', write), el('table', { 'data-table': name },
    ...rows.map((r, i) => el('tr', {}, ...r.map((v) => el(i === 0 ? 'th' : 'td', {}, String(format(v))))))));
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
  Office.onReady(() => mount(document.getElementById('taskpane'), window.Excel, Office));
}
