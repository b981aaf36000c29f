// The analysis requests the pages make and the price waterfall, worked by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PAGES, SCENARIOS } from './pages.mjs';

const figures = await import(new URL('workbench/figures.js', PAGES));
const example = () => JSON.parse(readFileSync(new URL('packaging-retailer-renewal.json', SCENARIOS)));

test('the tornado moves every discount, the payment days, every volume and the renewal chance by 10 %', () => {
  const request = figures.tornadoRequest(example());
  assert.equal(request.swing, 0.1);
  assert.deepEqual(request.levers.map((l) => l.path), [
    'terms.discounts[srp-trays]', 'terms.discounts[transit-cases]', 'terms.discounts[ecom-mailers]',
    'terms.discounts[stretch-film]', 'terms.discounts[pos-displays]', 'terms.paymentDays',
    'products[srp-trays].baseVolume', 'products[transit-cases].baseVolume', 'products[ecom-mailers].baseVolume',
    'products[stretch-film].baseVolume', 'products[pos-displays].baseVolume', 'terms.renewalProbability']);
});

test('a lever at zero is left out of the tornado: a relative swing cannot move it', () => {
  const scenario = example();
  scenario.terms.discounts['pos-displays'] = 0;
  scenario.terms.paymentDays = 0;
  const paths = figures.tornadoRequest(scenario).levers.map((l) => l.path);
  assert.ok(!paths.includes('terms.discounts[pos-displays]'));
  assert.ok(!paths.includes('terms.paymentDays'));
  assert.equal(paths.length, 10);
});

test('the spider takes the five widest tornado bars and moves them ±20 % in 5-point steps', () => {
  const bars = [['a', 5], ['b', 60], ['c', 1], ['d', 40], ['e', 70], ['f', 30], ['g', 2]]
    .map(([lever, swing]) => ({ lever, swing }));
  const request = figures.spiderRequest(example(), { metrics: [{ bars }] });
  assert.deepEqual(request.levers, ['e', 'b', 'd', 'f', 'a']);
  assert.deepEqual(request.changeRange, { from: -0.2, to: 0.2, steps: 8 });
  assert.equal(request.changes, undefined, 'a range, not also a list');
});

test('the spider says why it cannot run without a tornado', () => {
  assert.throws(() => figures.spiderRequest(example(), undefined), /tornado has no answer/);
});

test('the heatmap sweeps the largest product by list revenue, 2 points either side, against the payment-day menu', () => {
  // first-year list revenue: srp-trays 2,450,000 × 0.87 = 2,131,500 is the largest (transit-cases 1,581,200)
  const request = figures.heatmapRequest(example());
  assert.deepEqual(request.levers, [
    { path: 'terms.discounts[srp-trays]', from: 0.045, to: 0.085, steps: 4 },
    { path: 'terms.paymentDays', values: [30, 45, 60, 90] },
  ]);
  const small = example();
  small.terms.discounts['srp-trays'] = 0.01;
  assert.equal(figures.heatmapRequest(small).levers[0].from, 0, 'a discount is never swept below 0');
});

test('the price waterfall takes each step per unit and leaves the margin', () => {
  // by hand: 100 units listed at 1,000; discount 50, rebate 10, cost of goods 500; net revenue 940 of the
  // deal's 1,880 (half), so half its cost to serve of 200 = 100; payment terms 940 × 73 / 365 × 0.1 = 18.8
  const product = { id: 'p', volume: 100, listRevenue: 1000, discount: 50, rebate: 10, cogs: 500, netRevenue: 940 };
  const summary = { netRevenue: 1880, costToServe: 200 };
  const scenario = { supplier: { costOfCapital: 0.1 }, terms: { paymentDays: 73 } };
  const w = figures.priceWaterfall(product, summary, scenario);
  assert.equal(w.listPrice, 10);
  const perUnit = Object.fromEntries(w.steps.map((s) => [s.step, s.perUnit]));
  assert.deepEqual(Object.keys(perUnit), ['discount', 'rebate', 'paymentTerms', 'costToServe', 'unitCost']);
  assert.equal(perUnit.discount, 0.5);
  assert.equal(perUnit.rebate, 0.1);
  assert.ok(Math.abs(perUnit.paymentTerms - 0.188) < 1e-15);
  assert.equal(perUnit.costToServe, 1);
  assert.equal(perUnit.unitCost, 5);
  assert.ok(Math.abs(w.margin - 3.212) < 1e-12);
  assert.equal(figures.priceWaterfall({ ...product, volume: 0 }, summary, scenario), null, 'no units, no waterfall');
});

test('until typed, the positions are 95 % of the NPV and the customer NPV, rounded', () => {
  assert.deepEqual(figures.defaultPositions({ npv: 1001, customerNpv: 200.4 }), { walkAway: 951, demand: 200 });
});

test('the frontier offers the two largest products baseline, proposed and 2 points deeper, and the payment-day menu', () => {
  const request = figures.frontierRequest(example(), 950, undefined);
  assert.equal(request.walkAway, 950);
  assert.ok(!('demand' in request), 'a position not given is left out');
  assert.deepEqual(request.decisions.map((d) => d.path),
    ['terms.discounts[srp-trays]', 'terms.discounts[transit-cases]', 'terms.paymentDays']);
  assert.deepEqual(request.decisions[2].values, [30, 45, 60, 90]);
  // srp-trays: baseline 4 %, proposed 6.5 %, deeper 8.5 %
  assert.deepEqual(request.decisions[0].values, [0.04, 0.065, 0.085]);
});
