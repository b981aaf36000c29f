// Parley's Excel custom functions (namespace PARLEY, metadata in functions.json), run in the
// add-in's shared runtime. The cells of one recalculation that evaluate scenarios are gathered
// and sent as one /compare per baseline, not one request per cell.

import { ApiProblem, get, post } from '../workbench/api.js';
import { SheetError, compareTable, metricList, overridesFromPairs, scenarioFromRange, sweepTable, variantsFromRange } from './sheet.js';

/**
 * Calls arriving within this window join one request. Excel calls a recalculation's functions in
 * a quick burst; a few milliseconds gather them without a delay anyone notices.
 */
export const BATCH_WINDOW_MS = 25;
/** The API's limit on variants in one comparison. */
export const MAX_VARIANTS = 100;
/** Excel shows at most this many characters of an error's message. */
const MESSAGE_LIMIT = 255;
const KEY_METRICS = ['npv', 'concessionCost', 'customerNpv', 'contributionMarginPct'];

/** The stored scenarios read so far: a plan's scenario never changes once stored, so one read is enough. */
const stored = new Map();
/** Open batches by baseline key; each becomes one /compare. */
const batches = new Map();

/** =PARLEY.METRIC(plan, scenario, metric, [lever path, value]…): a metric of a stored scenario, levers overridden. */
export function metric(plan, scenario, metricName, ...pairs) {
  return guarded(async () => {
    const set = overridesFromPairs(pairs);
    const key = `plan ${plan} scenario ${scenario}`;
    const summary = await enqueue(key, () => storedScenario(plan, scenario),
      Object.keys(set).length === 0 ? null : { set });
    return figure(summary, metricName);
  });
}

/** =PARLEY.EVALUATE(range, metric): a metric of the scenario laid out in a range. */
export function evaluate(range, metricName) {
  return guarded(async () => {
    const scenario = scenarioFromRange(range);
    const summary = await enqueue('sheet', null, { scenario });
    return figure(summary, metricName);
  });
}

/** =PARLEY.COMPARE(scenario range, variants range, [metrics]): a table of the variants' metrics. */
export function compare(range, variants, metrics) {
  return guarded(async () => {
    const body = { baseline: scenarioFromRange(range), variants: variantsFromRange(variants) };
    return compareTable(await post('/api/v1/compare', body), metricList(metrics, KEY_METRICS));
  });
}

/** =PARLEY.SWEEP(scenario range, lever path, from, to, steps, [metrics]): a data table over one lever. */
export function sweep(range, path, from, to, steps, metrics) {
  return guarded(async () => {
    const body = { scenario: scenarioFromRange(range), metrics: metricList(metrics, ['npv']),
      levers: [{ path, from, to, steps }] };
    return sweepTable(await post('/api/v1/analyses/sweep', body));
  });
}

async function storedScenario(plan, scenario) {
  const key = `${plan}/${scenario}`;
  if (!stored.has(key)) {
    const reading = get(`/api/v1/plans/${encodeURIComponent(plan)}/scenarios/${encodeURIComponent(scenario)}`)
      .then((answer) => answer.scenario);
    reading.catch(() => stored.delete(key)); // a failed read is tried again next time
    stored.set(key, reading);
  }
  return stored.get(key);
}

/**
 * Adds one cell's variant to the open batch for its baseline and resolves with that variant's
 * summary (the baseline's for a null variant). A batch for a sheet has no baseline of its own:
 * its first scenario is the baseline.
 */
function enqueue(key, baseline, variant) {
  let batch = batches.get(key);
  if (!batch) {
    batch = { baseline, cells: [] };
    batches.set(key, batch);
    setTimeout(() => { batches.delete(key); send(batch); }, BATCH_WINDOW_MS);
  }
  return new Promise((resolve, reject) => batch.cells.push({ variant, resolve, reject }));
}

async function send(batch) {
  let stored = null;
  try {
    stored = batch.baseline ? await batch.baseline() : null;
  } catch (e) {
    batch.cells.forEach((c) => c.reject(e));
    return;
  }
  // cells asking for the same variant share it (one asks for npv, another for customerNpv)
  const groups = new Map();
  for (const c of batch.cells) {
    const id = JSON.stringify(c.variant);
    if (!groups.has(id)) groups.set(id, []);
    groups.get(id).push(c);
  }
  const entries = [...groups.entries()];
  for (let i = 0; i < entries.length; i += MAX_VARIANTS) {
    await compareGroups(stored, entries.slice(i, i + MAX_VARIANTS));
  }
}

/**
 * One /compare for the groups; a variant the API rejects fails its own cells, the others are
 * asked again. Without a stored scenario (sheet ranges), the first variant is also the baseline,
 * so a problem with the baseline is that variant's.
 */
async function compareGroups(stored, entries) {
  const baseline = stored ?? JSON.parse(entries[0][0]).scenario;
  const asked = entries.filter(([id]) => id !== 'null');
  const variants = asked.map(([id], i) => ({ name: `cell ${i + 1}`, ...JSON.parse(id) }));
  if (variants.length === 0) variants.push({ name: 'as stored', scenario: baseline });
  let answer;
  try {
    answer = await post('/api/v1/compare', { baseline, variants });
  } catch (e) {
    const rejected = e instanceof ApiProblem ? rejectedVariants(e, stored === null) : new Map();
    if (rejected.size === 0) {
      entries.forEach(([, cells]) => cells.forEach((c) => c.reject(e)));
      return;
    }
    rejected.forEach((message, i) => asked[i][1].forEach((c) => c.reject(new SheetError(message))));
    const rest = entries.filter((entry) => !rejected.has(asked.indexOf(entry)));
    if (rest.length > 0) await compareGroups(stored, rest);
    return;
  }
  for (const [id, cells] of entries) {
    const summary = id === 'null' ? answer.baseline.summary : answer.variants[asked.findIndex(([k]) => k === id)].summary;
    cells.forEach((c) => c.resolve(summary));
  }
}

/**
 * The variants a problem names (/variants/<i>/…), each with its errors' messages; when the
 * baseline is the first variant, a problem with /baseline/… is that variant's.
 */
function rejectedVariants(problem, baselineIsFirst) {
  const rejected = new Map();
  for (const { pointer, message } of problem.errors) {
    const match = /^\/variants\/(\d+)(.*)$/.exec(pointer ?? '') ??
      (baselineIsFirst ? /^\/baseline()(.*)$/.exec(pointer ?? '') : null);
    if (!match) continue;
    const i = Number(match[1]);
    const where = match[2].replace(/^\/(set|scenario)/, '');
    if (!rejected.has(i)) rejected.set(i, new Set());
    rejected.get(i).add(`${where ? where + ': ' : ''}${message}`); // the baseline's and variant 0's are the same
  }
  return new Map([...rejected].map(([i, messages]) => [i, [...messages].join('; ')]));
}

function figure(summary, metricName) {
  if (!(metricName in summary)) throw new SheetError(`no metric '${metricName}'; GET /api/v1/metrics lists them`);
  const value = summary[metricName];
  if (value === null) throw excelError('notAvailable', `${metricName} has no value for this scenario`);
  return value;
}

/** Runs a function's work and turns every failure into an Excel error carrying the reason. */
async function guarded(work) {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ApiProblem || e instanceof SheetError) throw excelError('invalidValue', e.message);
    if (isExcelError(e)) throw e;
    throw excelError('notAvailable', `Parley did not answer: ${e.message}`);
  }
}

function excelError(code, message) {
  const text = message.length > MESSAGE_LIMIT ? message.slice(0, MESSAGE_LIMIT - 1) + '…' : message;
  return new CustomFunctions.Error(CustomFunctions.ErrorCode[code], text);
}

function isExcelError(e) {
  return typeof CustomFunctions !== 'undefined' && e instanceof CustomFunctions.Error;
}

if (typeof CustomFunctions !== 'undefined') {
  CustomFunctions.associate('METRIC', metric);
  CustomFunctions.associate('EVALUATE', evaluate);
  CustomFunctions.associate('COMPARE', compare);
  CustomFunctions.associate('SWEEP', sweep);
}
