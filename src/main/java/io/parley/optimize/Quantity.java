package io.parley.optimize;

import io.parley.engine.Line;
import io.parley.engine.Metric;
import io.parley.engine.Report;

/** A figure of an evaluation that objectives and constraints are built from: a summary metric or a contract-year line. */
public sealed interface Quantity {

    double read(Report report);

    String label();

    /** An additive summary metric (a currency total). */
    record OfMetric(Metric metric) implements Quantity {
        public double read(Report report) {
            return report.metric(metric);
        }

        public String label() {
            return metric.apiName;
        }
    }

    /** A line of one contract year (year 0-based). */
    record OfYear(Line line, int year) implements Quantity {
        public double read(Report report) {
            return report.year(line, year);
        }

        public String label() {
            return line.apiName + " in year " + (year + 1);
        }
    }
}
