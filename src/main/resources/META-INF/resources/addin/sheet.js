// Sheets as scenarios and answers as sheets: pure functions, no Office here.
//
// The layout of a scenario on a sheet (docs/spreadsheets.md; scenarios/packaging-retailer-renewal.sheet.csv is an example):
//   - a row "<field path>, <value>" sets one field: name, horizon.years, terms.paymentDays, …
//   - a row "<list>, <column>, <column>, …" starts a table of that list (products, terms.rebate.tiers,
//     terms.services, baseline.services); each following row with an empty first cell is one element
//   - in products, the columns "discount" and "baselineDiscount" are the product's entries in
//     terms.discounts and baseline.discounts
//   - empty rows are skipped; cells are numbers where they read as numbers, text otherwise.

const LISTS = ['products', 'terms.rebate.tiers', 'terms.services', 'baseline.services'];
const PRODUCT_MAP_COLUMNS = { discount: 'terms.discounts', baselineDiscount: 'baseline.discounts' };

/** The scenario a range holds (its values, rows of cells). */
export function scenarioFromRange(values) {
  const scenario = {};
  let table = null;
  values.forEach((row, r) => {
    const cells = row.map(cell);
    const first = cells[0];
    if (cells.every((c) => c === '')) return;
    if (first === '') {
      if (!table) throw new SheetError(`row ${r + 1}: a table row with no table above it`);
      addElement(scenario, table, cells, r);
    } else if (LISTS.includes(first)) {
      table = { list: first, columns: cells.slice(1).filter((c) => c !== '') };
      if (!at(scenario, first)) put(scenario, first, []);
    } else {
      table = null;
      if (cells.length < 2 || cells[1] === '') throw new SheetError(`row ${r + 1}: ${first} has no value`);
      put(scenario, first, cells[1]);
    }
  });
  return scenario;
}

function addElement(scenario, table, cells, r) {
  const element = {};
  table.columns.forEach((column, i) => {
    const value = cells[i + 1] ?? '';
    if (value === '') return;
    if (table.list === 'products' && column in PRODUCT_MAP_COLUMNS) return;
    element[column] = value;
  });
  if (table.list === 'products') {
    if (element.id === undefined) throw new SheetError(`row ${r + 1}: a product needs an id`);
    table.columns.forEach((column, i) => {
      const value = cells[i + 1] ?? '';
      if (column in PRODUCT_MAP_COLUMNS && value !== '') put(scenario, `${PRODUCT_MAP_COLUMNS[column]}.${element.id}`, value);
    });
  }
  at(scenario, table.list).push(element);
}

/** A cell's value as the API should see it: numbers stay numbers, text is trimmed, numeric text is a number. */
function cell(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = String(value).trim();
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
}

function at(object, path) {
  return path.split('.').reduce((node, key) => node?.[key], object);
}

function put(object, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  let node = object;
  for (const key of keys) node = node[key] ??= {};
  node[last] = value;
}

/** Lever overrides from alternating path and value arguments: ["terms.paymentDays", 45, …]. */
export function overridesFromPairs(pairs) {
  // Excel hands a repeating parameter over as an array, and may add its invocation object last
  const flat = pairs.flat(2).filter((v) => ['string', 'number', 'boolean'].includes(typeof v) && v !== '');
  if (flat.length % 2 !== 0) throw new SheetError('lever overrides come in pairs: a lever path, then its value');
  const set = {};
  for (let i = 0; i < flat.length; i += 2) set[String(flat[i])] = cell(flat[i + 1]);
  return set;
}

/**
 * Variants from a range: a header row ("name", lever path, lever path, …), then one row per
 * variant: its name and the lever values (an empty cell leaves that lever as in the baseline).
 */
export function variantsFromRange(values) {
  const [header, ...rows] = values.map((row) => row.map(cell));
  const paths = header.slice(1);
  return rows.filter((row) => row[0] !== '').map((row) => {
    const set = {};
    paths.forEach((path, i) => { if (path !== '' && row[i + 1] !== '') set[path] = row[i + 1]; });
    return { name: String(row[0]), set };
  });
}

/** The metrics a function was asked for: a range, a comma-separated text, or the default. */
export function metricList(metrics, fallback) {
  if (metrics === null || metrics === undefined || metrics === '') return fallback;
  const list = (Array.isArray(metrics) ? metrics.flat(2) : String(metrics).split(','))
    .map((m) => String(m).trim()).filter((m) => m !== '');
  return list.length > 0 ? list : fallback;
}

/** A compare answer as a spilled array: a header row, the baseline, then each variant. */
export function compareTable(answer, metrics) {
  const row = (name, summary) => [name, ...metrics.map((m) => summary[m] ?? '')];
  return [['variant', ...metrics], row('baseline', answer.baseline.summary),
    ...answer.variants.map((v) => row(v.name, v.summary))];
}

/** A sweep answer as a spilled array: the column names, then one row per point. */
export function sweepTable(answer) {
  return [answer.columns, ...answer.rows.map((r) => r.map((v) => v ?? ''))];
}

/** A tornado answer as a table: a row per lever, widest swing first. */
export function tornadoTable(answer) {
  return [['lever', 'low', 'high', 'npv at low', 'npv at high', 'swing'],
    ...answer.metrics[0].bars.map((b) => [b.lever, b.low, b.high, b.atLow, b.atHigh, b.swing])];
}

/** A spider answer as a table: a row per relative change, a column per lever. */
export function spiderTable(answer) {
  const legs = answer.metrics[0].legs;
  return [['change', ...legs.map((l) => l.lever)], ...answer.changes.map((c, i) => [c, ...legs.map((l) => l.results[i] ?? '')])];
}

/** A two-way sweep table as a sheet: the corner names both levers, then the values across and down. */
export function sweepMatrix(answer) {
  const table = answer.tables[0];
  return [[`${answer.rowLever} ↓, ${answer.columnLever} →`, ...answer.columnValues],
    ...answer.rowValues.map((v, r) => [v, ...table.cells[r].map((x) => x ?? '')])];
}

/** A frontier answer as a table: a row per solved point, the chosen terms in its columns. */
export function frontierTable(answer) {
  const solved = answer.points.filter((p) => p.supplier !== undefined);
  const terms = solved[0]?.decisions.map((d) => d.name) ?? [];
  return [['customer level', answer.customer, answer.supplier, ...terms],
    ...solved.map((p) => [p.level, p.customer, p.supplier, ...p.decisions.map((d) => d.value ?? String(d.included))])];
}

/** A Monte Carlo answer's percentiles as a table. */
export function percentileTable(answer) {
  const metric = answer.metrics[0];
  return [['percentile', metric.metric], ...metric.percentiles.map((p) => [`P${Math.round(p.p * 100)}`, p.value])];
}

/** A layout mistake in a sheet; shown in the cell like an API error. */
export class SheetError extends Error {}
