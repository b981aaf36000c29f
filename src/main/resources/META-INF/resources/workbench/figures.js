// Pure functions from the API's answers to what the page shows, and the analysis requests the page
// makes for a scenario. No DOM here, so each rule can be read (and checked) on its own.

/**
 * The price waterfall of one product, per unit averaged over the horizon, from the evaluate
 * answer's product table and summary: list price, then what each step takes away, then margin.
 * The product table gives list revenue, discount, rebate and cost of goods per product; the
 * payment-terms cost is the model's FC = NR × D / 365 × r_s taken on the product's own net revenue
 * (exact: FC is linear in net revenue); cost to serve is an account-level cost, shared out in
 * proportion to net revenue. So the products' margins times their volumes add up to the deal's
 * contribution.
 */
export function priceWaterfall(product, summary, scenario) {
  const volume = product.volume;
  if (!(volume > 0)) return null;
  const paymentDays = scenario.terms?.paymentDays ?? 0;
  const costOfCapital = scenario.supplier.costOfCapital;
  const netRevenueShare = summary.netRevenue > 0 ? product.netRevenue / summary.netRevenue : 0;
  const financingCost = (product.netRevenue * paymentDays / 365) * costOfCapital;
  const costToServe = summary.costToServe * netRevenueShare;
  const steps = [
    { step: 'discount', amount: product.discount },
    { step: 'rebate', amount: product.rebate },
    { step: 'paymentTerms', amount: financingCost },
    { step: 'costToServe', amount: costToServe },
    { step: 'unitCost', amount: product.cogs },
  ].map((s) => ({ step: s.step, perUnit: s.amount / volume }));
  const listPrice = product.listRevenue / volume;
  const margin = steps.reduce((left, s) => left - s.perUnit, listPrice);
  return { id: product.id, volume, listPrice, steps, margin };
}

/** What each waterfall step is, as the page explains it. */
export const WATERFALL_STEPS = {
  listPrice: 'List price: list revenue ÷ volume over the horizon (escalators included)',
  discount: 'Discount: the on-invoice discount per unit',
  rebate: 'Rebate: the product’s share of the volume rebate (its net revenue × the year’s rebate rate)',
  paymentTerms: 'Payment-terms cost: financing the payment days, net revenue × days ÷ 365 × our cost of capital',
  costToServe: 'Cost to serve: the account’s cost to serve (services included), shared by net revenue',
  unitCost: 'Unit cost: cost of goods per unit (inflation included)',
  margin: 'Margin: what is left per unit, our contribution',
};

/** The relative move of each tornado lever: ±10 %, the API's `swing`. */
export const TORNADO_SWING = 0.1;
/** Monte Carlo: samples and seed fixed so the same scenario draws the same histogram. */
export const MONTE_CARLO_SAMPLES = 2000;
export const MONTE_CARLO_SEED = 1;
/** Volumes vary with a standard deviation of this share of the forecast. */
export const VOLUME_UNCERTAINTY = 0.1;
/** The frontier's payment-day menu, the usual terms a retailer asks for. */
export const PAYMENT_DAY_MENU = [30, 45, 60, 90];
/** The frontier offers each of the largest products' discounts at its baseline, as proposed and this much deeper. */
export const DEEPER_DISCOUNT = 0.02;
/** How many products' discounts the frontier trades (the largest by list revenue), to keep each solve quick. */
export const FRONTIER_PRODUCTS = 2;
export const FRONTIER_POINTS = 7;

/** The figures two scenarios are compared on, side by side; the bridge's waterfall is of the first. */
export const COMPARED_METRICS = ['npv', 'concessionCost', 'customerNpv', 'contributionMarginPct'];

/**
 * Bridge: why the figures differ from scenario A (the baseline) to scenario B, a lever per step.
 * B goes as a whole scenario, so any edit is a step; `auto` shares the change out by Shapley
 * values while few levers changed, so no step gains from being listed first.
 */
export function bridgeRequest(baseline, variant) {
  return { baseline, variant: { scenario: variant }, metrics: COMPARED_METRICS };
}

/** Spider: the levers that move the NPV most (by the tornado's swing), at most this many legs. */
export const SPIDER_LEGS = 5;
/**
 * Spider: each lever from 20 % below to 20 % above its value, in 5-point steps, twice the tornado's
 * reach to show where a line bends; a lever that cannot go that far (a renewal chance of 85 % moved
 * up 20 %) is held at its bound by the API, which lists it in the leg's `clipped`.
 */
export const SPIDER_REACH = 0.2;
export const SPIDER_CHANGES = { from: -SPIDER_REACH, to: SPIDER_REACH, steps: 8 };
/** Heatmap: the largest product's discount this far either side of the proposal, in 1-point steps. */
export const HEATMAP_DISCOUNT_REACH = 0.02;
export const HEATMAP_DISCOUNT_STEPS = 4;

/** Spider: the levers with the widest tornado swings, each moved by every relative change. */
export function spiderRequest(scenario, tornado) {
  if (!tornado) throw new Error('the spider follows the tornado\'s widest bars, and the tornado has no answer');
  const bars = [...tornado.metrics[0].bars].sort((a, b) => b.swing - a.swing).slice(0, SPIDER_LEGS);
  return { scenario, metrics: ['npv'], levers: bars.map((b) => b.lever), changeRange: SPIDER_CHANGES };
}

/**
 * Heatmap: a two-way sweep (answered with `layout=table`) of the largest product's discount
 * around the proposal against the payment-day menu: which mix of the two keeps the NPV.
 */
export function heatmapRequest(scenario) {
  const product = largestProducts(scenario, 1)[0];
  const proposed = scenario.terms?.discounts?.[product.id] ?? 0;
  const from = Math.max(0, round(proposed - HEATMAP_DISCOUNT_REACH));
  return {
    scenario, metrics: ['npv'],
    levers: [
      { path: `terms.discounts[${product.id}]`, from, to: round(proposed + HEATMAP_DISCOUNT_REACH), steps: HEATMAP_DISCOUNT_STEPS },
      { path: 'terms.paymentDays', values: PAYMENT_DAY_MENU },
    ],
  };
}

const round = (x) => Math.round(x * 10000) / 10000;

/** The products with the largest list revenue in the first year. */
function largestProducts(scenario, count) {
  const revenue = (p) => p.baseVolume * p.listPrice;
  return [...scenario.products].sort((a, b) => revenue(b) - revenue(a)).slice(0, count);
}

/**
 * Until the negotiator types them, the positions are the proposed deal's own: the customer demands
 * what it gets from the proposal, and we walk away below 95 % of its NPV to us. The proposed terms
 * are on the frontier's menus, so the zone of agreement then exists and the chart shows room on
 * either side.
 */
export const WALK_AWAY_SHARE_OF_NPV = 0.95;

/** The walk-away NPV and the customer's demand a frontier is drawn with, from an evaluation's summary. */
export function defaultPositions(summary) {
  return { walkAway: Math.round(summary.npv * WALK_AWAY_SHARE_OF_NPV), demand: Math.round(summary.customerNpv) };
}

const discounted = (scenario) =>
  scenario.products.filter((p) => (scenario.terms?.discounts?.[p.id] ?? 0) > 0);

/** Tornado: every discount, the payment days, every volume and the renewal chance, ±10 %. */
export function tornadoRequest(scenario) {
  const terms = scenario.terms ?? {};
  const levers = [
    ...discounted(scenario).map((p) => `terms.discounts[${p.id}]`),
    ...((terms.paymentDays ?? 0) > 0 ? ['terms.paymentDays'] : []),
    ...scenario.products.filter((p) => p.baseVolume > 0).map((p) => `products[${p.id}].baseVolume`),
    ...((terms.renewalProbability ?? 0) > 0 ? ['terms.renewalProbability'] : []),
  ].map((path) => ({ path }));
  return { scenario, metrics: ['npv'], swing: TORNADO_SWING, levers };
}

/**
 * Frontier: the discounts of the largest products, each as a menu (its baseline discount, as
 * proposed, deeper), and the payment days as a menu; menus keep the optimiser exact where a
 * rebate tier would be crossed.
 */
export function frontierRequest(scenario, walkAway, demand) {
  const largest = largestProducts(scenario, FRONTIER_PRODUCTS);
  const decisions = largest.map((p) => {
    const proposed = scenario.terms?.discounts?.[p.id] ?? 0;
    const baseline = scenario.baseline?.discounts?.[p.id] ?? 0;
    return { path: `terms.discounts[${p.id}]`, values: distinct([baseline, proposed, round(proposed + DEEPER_DISCOUNT)]) };
  });
  const days = scenario.terms?.paymentDays;
  decisions.push({ path: 'terms.paymentDays', values: distinct([...PAYMENT_DAY_MENU, ...(days === undefined ? [] : [days])]) });
  const request = { scenario, decisions, points: FRONTIER_POINTS };
  if (Number.isFinite(walkAway)) request.walkAway = walkAway;
  if (Number.isFinite(demand)) request.demand = demand;
  return request;
}

/** Monte Carlo: each volume normal around its forecast; the NPV's spread and percentiles. */
export function monteCarloRequest(scenario) {
  const levers = scenario.products.filter((p) => p.baseVolume > 0).map((p) => ({
    path: `products[${p.id}].baseVolume`,
    distribution: { type: 'normal', mean: p.baseVolume, sd: p.baseVolume * VOLUME_UNCERTAINTY },
  }));
  return { scenario, metrics: ['npv'], samples: MONTE_CARLO_SAMPLES, seed: MONTE_CARLO_SEED, levers };
}

function distinct(values) {
  return [...new Set(values)].sort((a, b) => a - b);
}
