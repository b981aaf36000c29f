package io.parley.engine;

/**
 * Every table of one evaluation. Arrays are owned by the report and must not be changed.
 *
 * @param summary  summary metrics indexed by {@link Metric#ordinal()}, NaN where the spec says null
 * @param years    [{@link Line#ordinal()}][contract year 0…years−1]
 * @param periods  [{@link Line#ordinal()}][period 0…n−1]
 * @param products totals per product line
 */
public record Report(double[] summary, double[][] years, double[][] periods, ProductTable products) {

    public double metric(Metric metric) {
        return summary[metric.ordinal()];
    }

    public double year(Line line, int year) {
        return years[line.ordinal()][year];
    }

    public double period(Line line, int period) {
        return periods[line.ordinal()][period];
    }
}
