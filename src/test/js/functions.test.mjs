// The custom functions: the cells of one recalculation become one /compare, cells asking for the
// same scenario share it, and a problem with one cell's scenario fails that cell only, as an Excel error.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { PAGES } from './pages.mjs';
import { fetchStandIn, sessionStorageStandIn } from './stubs.mjs';

class ExcelError extends Error {
  constructor(code, message) { super(message); this.code = code; }
}
globalThis.CustomFunctions = {
  associated: {}, associate(id, f) { this.associated[id] = f; }, Error: ExcelError,
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
};
const functions = await import(new URL('addin/functions.js', PAGES));

/** A stand-in Parley: a scenario's npv is its payment days × 1,000, its customer NPV minus that. */
const summary = (scenario) => ({ npv: scenario.terms.paymentDays * 1000, customerNpv: -scenario.terms.paymentDays * 1000 });
const withSet = (scenario, set = {}) => ({ ...scenario, terms: { ...scenario.terms, paymentDays: set['terms.paymentDays'] ?? scenario.terms.paymentDays } });
function parley(refuse = () => null) {
  return fetchStandIn(({ url, method, body }) => {
    if (method === 'GET') return { body: { scenario: { terms: { paymentDays: 60 } } } };
    const problem = refuse(body);
    if (problem) return { status: 422, body: problem };
    return { body: { baseline: { summary: summary(body.baseline) },
      variants: body.variants.map((v) => ({ name: v.name, summary: summary(v.scenario ?? withSet(body.baseline, v.set)) })) } };
  });
}
const sheet = (days) => [['name', 'deal'], ['terms.paymentDays', days]];

beforeEach(() => { globalThis.sessionStorage = sessionStorageStandIn(); });

test('the functions are registered under the names functions.json gives them', () => {
  assert.deepEqual(Object.keys(CustomFunctions.associated), ['METRIC', 'EVALUATE', 'COMPARE', 'SWEEP']);
});

test('cells of one recalculation are one /compare, and cells of the same sheet share its variant', async () => {
  globalThis.fetch = parley();
  const cells = [functions.evaluate(sheet(60), 'npv'), functions.evaluate(sheet(45), 'npv'),
    functions.evaluate(sheet(45), 'customerNpv')];
  assert.deepEqual(await Promise.all(cells), [60000, 45000, -45000]);
  assert.equal(fetch.requests.length, 1);
  assert.equal(fetch.requests[0].url, '/api/v1/compare');
  assert.equal(fetch.requests[0].body.variants.length, 2, 'two sheets, two variants');
});

test('metric cells read the stored scenario once and send their overrides as one comparison', async () => {
  globalThis.fetch = parley();
  const cells = [functions.metric(7, 8, 'npv'), functions.metric(7, 8, 'npv', 'terms.paymentDays', 30),
    functions.metric(7, 8, 'customerNpv', ['terms.paymentDays', 30])];
  assert.deepEqual(await Promise.all(cells), [60000, 30000, -30000]);
  assert.deepEqual(fetch.requests.map((r) => `${r.method} ${r.url}`), ['GET /api/v1/plans/7/scenarios/8', 'POST /api/v1/compare']);
  assert.deepEqual(fetch.requests[1].body.variants, [{ name: 'cell 1', set: { 'terms.paymentDays': 30 } }]);
});

test('a cell whose scenario the API refuses shows the rule as #VALUE!, the other cells keep their figures', async () => {
  // the sheet with −5 days is refused at its field; the batch is asked again without it
  globalThis.fetch = parley((body) => {
    const bad = body.variants.findIndex((v) => v.scenario?.terms.paymentDays < 0);
    return bad < 0 ? null : { title: 'Invalid', errors: [{ pointer: `/variants/${bad}/scenario/terms/paymentDays`, message: '-5 is outside 0–365 days' }] };
  });
  const cells = [functions.evaluate(sheet(60), 'npv'), functions.evaluate(sheet(-5), 'npv')];
  const [good, bad] = await Promise.allSettled(cells);
  assert.equal(good.value, 60000);
  assert.equal(bad.reason.code, '#VALUE!');
  assert.equal(bad.reason.message, '/terms/paymentDays: -5 is outside 0–365 days');
  assert.equal(fetch.requests.length, 2);
});

test('a metric the API does not have is an Excel error naming it', async () => {
  globalThis.fetch = parley();
  await assert.rejects(functions.evaluate(sheet(60), 'nvp'), (e) => e.code === '#VALUE!' && /no metric 'nvp'/.test(e.message));
});
