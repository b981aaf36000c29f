package io.parley.plan;

/**
 * What the account actually did in one period (1-based, of the agreed scenario's horizon).
 *
 * @param volumes the units per product as a JSON object, kept as uploaded
 */
public record Actual(int period, double netRevenue, double rebate, double cogs, double costToServe, String volumes) {
}
