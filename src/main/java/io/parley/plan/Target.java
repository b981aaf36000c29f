package io.parley.plan;

/**
 * A plan's target for one calendar year: revenue after rebates (net revenue − rebate, what the
 * account yields) and, optionally, the margin after cost to serve as a share of it (NaN when not set).
 */
public record Target(int year, double revenue, double marginPct) {
}
