// The charts' options hold the API's figures: each series checked against a small answer worked by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGES } from './pages.mjs';

const charts = await import(new URL('workbench/charts.js', PAGES));

test('a tornado bar reaches from the base to the metric at each end, the widest on top', () => {
  const answer = { metrics: [{ metric: 'npv', base: 100, bars: [
    { lever: 'wide', low: 1, high: 3, atLow: 60, atHigh: 130, swing: 70 },
    { lever: 'narrow', low: 1, high: 3, atLow: 95, atHigh: 110, swing: 15 }] }] };
  const option = charts.tornadoOption(answer);
  // ECharts draws the first category at the bottom, so the widest comes last
  assert.deepEqual(option.series[0].data, [-5, -40]);
  assert.deepEqual(option.series[1].data, [10, 30]);
  assert.match(option.yAxis.data[1], /^wide /);
});

test('a spider line is the metric against each change; a leg held at a bound says so in its name', () => {
  const answer = { changes: [-0.2, 0, 0.2], metrics: [{ metric: 'npv', base: 10, legs: [
    { lever: 'terms.renewalProbability', results: [8, 10, 11], clipped: [{ change: 0.2, requested: 1.02, bound: 1 }] },
    { lever: 'terms.paymentDays', results: [11, 10, 9] }] }] };
  const option = charts.spiderOption(answer);
  assert.deepEqual(option.series[0].data, [[-0.2, 8], [0, 10], [0.2, 11]]);
  assert.equal(option.series[0].name, 'terms.renewalProbability (held at 1)');
  assert.equal(option.series[1].name, 'terms.paymentDays');
  assert.equal(charts.spiderLegName({ lever: 'x', clipped: [] }), 'x');
});

test('a heatmap cell is [column, row, value], a missing figure is "-"', () => {
  const answer = { rowLever: 'd', columnLever: 'days', rowValues: [0.1, 0.2], columnValues: [30, 60],
    tables: [{ metric: 'npv', cells: [[1, 2], [3, null]] }] };
  const option = charts.heatmapOption(answer);
  assert.deepEqual(option.series[0].data, [[0, 0, 1], [1, 0, 2], [0, 1, 3], [1, 1, '-']]);
  assert.equal(option.visualMap.min, 1);
  assert.equal(option.visualMap.max, 3);
});

test('histogram bars stand at the bin midpoints with their counts; the lines are the percentiles', () => {
  const answer = { samples: 10, metrics: [{ metric: 'npv', mean: 5, histogram: { edges: [0, 2, 6], counts: [4, 6] },
    percentiles: [{ p: 0.1, value: 1 }, { p: 0.9, value: 5 }] }] };
  const option = charts.histogramOption(answer);
  assert.deepEqual(option.series[0].data, [[1, 4], [4, 6]]);
  assert.deepEqual(option.series[0].markLine.data, [{ name: 'P10', xAxis: 1 }, { name: 'P90', xAxis: 5 }]);
});

test('a bridge step floats from the level before it: gains up, losses down, then B', () => {
  // A = 100, +30 then −50: the gain stands on 100, the loss hangs from 130 down to 80, B = 80
  const answer = { method: 'shapley', metrics: [{ metric: 'npv', baseline: 100, variant: 80, change: -20,
    steps: [{ lever: 'x', contribution: 30 }, { lever: 'y', contribution: -50 }] }] };
  const option = charts.bridgeOption(answer);
  assert.deepEqual(option.xAxis.data, ['A', 'x', 'y', 'B']);
  const data = Object.fromEntries(option.series.map((s) => [s.name, s.data]));
  assert.deepEqual(data.base, [0, 100, 80, 0]);
  assert.deepEqual(data.gain, ['-', 30, '-', '-']);
  assert.deepEqual(data.loss, ['-', '-', 50, '-']);
  assert.deepEqual(data.scenario, [100, '-', '-', 80]);
});

test('the bridge axis starts half the spread below the lowest level, at a round number', () => {
  // levels 100 … 200: spread 100, half 50, unit 10: floor((100 − 50) / 10) × 10 = 50
  assert.equal(charts.axisFloor([100, 200, 150]), 50);
  // levels 5,227,268 … 5,304,311: half the spread 38,521.5, unit 10,000: floor(5,188,746.5 / 10,000) × 10,000
  assert.equal(charts.axisFloor([5227268, 5304311]), 5180000);
});

test('a waterfall step floats on what is left after the steps before it', () => {
  const w = { id: 'p', listPrice: 10, margin: 3, steps: [{ step: 'discount', perUnit: 2 }, { step: 'unitCost', perUnit: 5 }] };
  const option = charts.waterfallOption(w, {}, 'EUR');
  assert.deepEqual(option.xAxis.data, ['listPrice', 'discount', 'unitCost', 'margin']);
  assert.deepEqual(option.series[0].data, [0, 8, 3, 0]);
  assert.deepEqual(option.series[1].data, [10, 2, 5, 3]);
});
