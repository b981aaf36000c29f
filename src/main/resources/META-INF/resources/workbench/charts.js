// ECharts options built from the API's answers. The series hold the API's figures as they came
// (or, for the tornado and the waterfall, the one subtraction that says how far a bar reaches), so
// a chart can be checked against the answer it was drawn from.

const money = (v) => Math.round(v).toLocaleString('en-GB');
const short = (v) => Number(v.toPrecision(4)).toLocaleString('en-GB', { maximumFractionDigits: 4 });

/**
 * Tornado: per lever, how far the metric moves from its base at the lever's low and high value.
 * Lever names longer than labelWidth pixels are cut short (a task pane is narrow).
 */
export function tornadoOption(answer, { labelWidth = 320 } = {}) {
  const metric = answer.metrics[0];
  const bars = [...metric.bars].reverse(); // the widest swing on top
  return {
    title: { text: `What moves the ${metric.metric} (base ${money(metric.base)})`, left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, data: ['at low', 'at high'] },
    grid: { left: 8, right: 30, top: 35, bottom: 40, containLabel: true },
    xAxis: { type: 'value', name: `change in ${metric.metric}`, nameLocation: 'middle', nameGap: 22, axisLabel: { formatter: money } },
    yAxis: { type: 'category', data: bars.map((b) => `${b.lever} (${short(b.low)} … ${short(b.high)})`),
      axisLabel: { width: labelWidth, overflow: 'truncate' } },
    series: [
      { name: 'at low', type: 'bar', stack: 'swing', data: bars.map((b) => b.atLow - metric.base) },
      { name: 'at high', type: 'bar', stack: 'swing', data: bars.map((b) => b.atHigh - metric.base) },
    ],
  };
}

/** Spider: the metric along each lever's leg, against the relative change of that lever. */
export function spiderOption(answer) {
  const metric = answer.metrics[0];
  return {
    title: { text: `${metric.metric} as each lever moves`, left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 8, right: 20, top: 35, bottom: 55, containLabel: true },
    xAxis: { type: 'value', name: 'change', nameLocation: 'middle', nameGap: 22,
      axisLabel: { formatter: (v) => `${Math.round(v * 100)} %` } },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: money } },
    series: metric.legs.map((leg) => ({
      name: spiderLegName(leg), type: 'line', symbolSize: 4, data: answer.changes.map((c, i) => [c, leg.results[i]]),
    })),
  };
}

/**
 * A spider leg's name: the lever, and where the API held it at its domain's bound (a renewal chance
 * cannot pass 1), that bound: the line runs flat there because the lever cannot go further.
 */
export function spiderLegName(leg) {
  if (!leg.clipped?.length) return leg.lever;
  const bounds = [...new Set(leg.clipped.map((c) => c.bound))];
  return `${leg.lever} (held at ${bounds.map(short).join(' and ')})`;
}

/** Heatmap: a two-way sweep table, the first lever's values down, the second's across. */
export function heatmapOption(answer) {
  const table = answer.tables[0];
  const data = table.cells.flatMap((row, r) => row.map((value, c) => [c, r, value ?? '-']));
  const values = table.cells.flat().filter((v) => v !== null);
  return {
    title: { text: `${table.metric} by ${answer.rowLever} and ${answer.columnLever}`, left: 'center', textStyle: { fontSize: 12 } },
    tooltip: { formatter: (p) => `${answer.rowLever} ${answer.rowValues[p.value[1]]}<br>${answer.columnLever} ${answer.columnValues[p.value[0]]}<br>${money(p.value[2])}` },
    grid: { left: 8, right: 10, top: 35, bottom: 70, containLabel: true },
    xAxis: { type: 'category', name: answer.columnLever, nameLocation: 'middle', nameGap: 22, data: answer.columnValues.map(short) },
    yAxis: { type: 'category', data: answer.rowValues.map(short) },
    visualMap: { min: Math.min(...values), max: Math.max(...values), calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
      itemHeight: 120, formatter: money },
    series: [{ name: table.metric, type: 'heatmap', data, label: { show: true, fontSize: 9, formatter: (p) => money(p.value[2] / 1000) + 'k' } }],
  };
}

/** Frontier: our best figure for each level of the customer's, and the zone of agreement. */
export function frontierOption(answer) {
  const solved = answer.points.filter((p) => p.supplier !== undefined);
  const zone = answer.zone;
  const ends = zone && zone.exists ? [zone.bestForSupplier, zone.bestForCustomer].filter((e) => e && e.supplier !== undefined) : [];
  const marks = [];
  if (zone?.walkAway !== undefined) marks.push({ name: 'our walk-away', yAxis: zone.walkAway });
  if (zone?.demand !== undefined) marks.push({ name: 'customer demand', xAxis: zone.demand });
  const series = [{
    name: 'frontier', type: 'line', data: solved.map((p) => [p.customer, p.supplier]), symbolSize: 8,
    markLine: { symbol: 'none', label: { formatter: '{b}' }, lineStyle: { type: 'dashed' }, data: marks },
  }];
  if (ends.length > 0) {
    series.push({ name: 'zone of agreement', type: 'scatter', symbolSize: 14, data: ends.map((e) => [e.customer, e.supplier]),
      markArea: { itemStyle: { color: 'rgba(60, 160, 90, 0.15)' },
        data: [[{ xAxis: zone.demand ?? 'min', yAxis: zone.walkAway ?? 'min' }, { xAxis: 'max', yAxis: 'max' }]] } });
  }
  return {
    title: { text: zone ? `Zone of agreement: ${zone.exists ? 'exists' : 'none'}` : 'Negotiation frontier', left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'item', formatter: (p) => `${p.seriesName}<br>${answer.customer} ${money(p.value[0])}<br>${answer.supplier} ${money(p.value[1])}` },
    legend: { bottom: 0 },
    grid: { left: 80, right: 30, top: 35, bottom: 55 },
    xAxis: { type: 'value', scale: true, name: answer.customer, nameLocation: 'middle', nameGap: 25, axisLabel: { formatter: money, hideOverlap: true } },
    yAxis: { type: 'value', scale: true, name: answer.supplier, axisLabel: { formatter: money } },
    series,
  };
}

/** Histogram of the first metric's samples, bars at bin midpoints, the percentiles as lines. */
export function histogramOption(answer) {
  const metric = answer.metrics[0];
  const { edges, counts } = metric.histogram;
  const data = counts.map((count, i) => [(edges[i] + edges[i + 1]) / 2, count]);
  return {
    title: { text: `${metric.metric}: ${answer.samples} samples, mean ${money(metric.mean)}`, left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 30, top: 35, bottom: 40 },
    xAxis: { type: 'value', scale: true, name: metric.metric, nameLocation: 'middle', nameGap: 25, axisLabel: { formatter: money } },
    yAxis: { type: 'value', name: 'samples' },
    series: [{
      name: 'samples', type: 'bar', barWidth: '90%', data,
      markLine: { symbol: 'none', label: { formatter: '{b}' },
        data: metric.percentiles.map((p) => ({ name: `P${Math.round(p.p * 100)}`, xAxis: p.value })) },
    }],
  };
}

/** Waterfall: list price down to margin, each step a floating bar (an invisible base under it). */
export function waterfallOption(waterfall, labels, currency) {
  const names = ['listPrice', ...waterfall.steps.map((s) => s.step), 'margin'];
  const base = [0];
  const bars = [waterfall.listPrice];
  let level = waterfall.listPrice;
  for (const s of waterfall.steps) {
    level -= s.perUnit;
    base.push(level);
    bars.push(s.perUnit);
  }
  base.push(0);
  bars.push(waterfall.margin);
  return {
    title: { text: `${waterfall.id}: price waterfall per unit (${currency})`, left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis', formatter: (ps) => { const p = ps.find((x) => x.seriesName === 'step'); return `${labels[names[p.dataIndex]]}<br>${p.value.toFixed(4)}`; } },
    grid: { left: 60, right: 20, top: 35, bottom: 30 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, fontSize: 10 } },
    yAxis: { type: 'value' },
    series: [
      { name: 'base', type: 'bar', stack: 'w', itemStyle: { color: 'transparent' }, data: base },
      { name: 'step', type: 'bar', stack: 'w', data: bars, label: { show: true, position: 'top', formatter: (p) => p.value.toFixed(3) } },
    ],
  };
}

/**
 * Bridge: the first metric from scenario A to scenario B, a floating bar per lever that changed.
 * The bars' heights are the API's contributions as they came (a gain in `gain`, a loss in `loss`),
 * so the chart can be checked against the answer; `-` is ECharts' "no bar here".
 */
export function bridgeOption(answer) {
  const metric = answer.metrics[0];
  const names = ['A', ...metric.steps.map((s) => s.lever), 'B'];
  const base = [0];
  const gain = ['-'];
  const loss = ['-'];
  const total = [metric.baseline];
  let level = metric.baseline;
  for (const step of metric.steps) {
    const c = step.contribution ?? 0;
    base.push(c >= 0 ? level : level + c);
    gain.push(c > 0 ? c : '-');
    loss.push(c < 0 ? -c : '-');
    total.push('-');
    level += c;
  }
  base.push(0);
  gain.push('-');
  loss.push('-');
  total.push(metric.variant);
  const levels = [metric.baseline, metric.variant, ...base.slice(1, -1), ...base.slice(1, -1).map((b, i) => b + (gain[i + 1] === '-' ? 0 : gain[i + 1]) + (loss[i + 1] === '-' ? 0 : loss[i + 1]))];
  const stacked = (name, data, color) => ({ name, type: 'bar', stack: 'bridge', data, itemStyle: { color } });
  return {
    title: { text: `${metric.metric} from A to B: ${metric.change >= 0 ? '+' : ''}${money(metric.change)} (${answer.method})`,
      left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, data: ['scenario', 'gain', 'loss'] },
    grid: { left: 8, right: 20, top: 35, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, fontSize: 10, width: 110, overflow: 'truncate' } },
    yAxis: { type: 'value', min: axisFloor(levels), axisLabel: { formatter: money } },
    series: [
      { ...stacked('base', base, 'transparent'), tooltip: { show: false } },
      stacked('scenario', total, '#1d3557'),
      stacked('gain', gain, '#3c9a5f'),
      stacked('loss', loss, '#c0392b'),
    ],
  };
}

/**
 * Where a bridge's value axis starts: below its lowest level by half the levels' spread, rounded
 * down to a round number. From zero, a change of 1 % of the NPV would be a hairline; the bars
 * under this floor (the invisible bases, the feet of A and B) are simply cut off.
 */
export function axisFloor(levels) {
  const lowest = Math.min(...levels);
  const highest = Math.max(...levels);
  const pad = Math.max((highest - lowest) / 2, Math.abs(lowest) * 0.005, 1);
  const unit = 10 ** Math.floor(Math.log10(pad));
  return Math.floor((lowest - pad) / unit) * unit;
}
