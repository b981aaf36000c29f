package io.parley.model;

/** The account-specific cost to serve: {@code fixedPerYear} at t = 0, inflating every period at {@code inflation} a year. */
public record CostToServe(double fixedPerYear, double inflation) {

    public static final CostToServe NONE = new CostToServe(0, 0);
}
