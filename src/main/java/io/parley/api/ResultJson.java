package io.parley.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.engine.Line;
import io.parley.engine.Metric;
import io.parley.engine.ProductTable;
import io.parley.engine.Report;
import io.parley.model.Scenario;

/**
 * JSON forms of the engine's tables, as records and ordered maps (a row's keys are the model's line
 * and metric names); NaN (the spec's null) is written as null.
 */
final class ResultJson {

    private ResultJson() {
    }

    /** Every figure of one scenario; {@code periods} only when asked for. */
    record Evaluation(String name, String currency, Map<String, Number> summary, List<Map<String, Number>> years,
                      List<ProductRow> products, @JsonInclude(JsonInclude.Include.NON_NULL) List<Map<String, Number>> periods,
                      Provenance provenance) {
    }

    record ProductRow(String id, double volume, double listRevenue, double discount, double netRevenue, double rebate,
                      double cogs, double grossMargin) {
    }

    /** The summary metrics by name: periods (payback) as whole numbers, a null where a metric does not exist. */
    static Map<String, Number> figures(double[] summary) {
        Map<String, Number> o = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            double v = summary[m.ordinal()];
            o.put(m.apiName, Double.isNaN(v) ? null : m.unit == Metric.Unit.PERIOD ? (Number) (long) v : (Number) v);
        }
        return o;
    }

    /** Variant minus baseline per metric, null where either is null. */
    static Map<String, Number> figuresDelta(double[] variant, double[] baseline) {
        double[] delta = new double[variant.length];
        for (int i = 0; i < delta.length; i++) delta[i] = variant[i] - baseline[i];
        return figures(delta);
    }

    static ObjectNode summary(double[] summary, ObjectMapper mapper) {
        return mapper.valueToTree(figures(summary));
    }

    static Evaluation evaluation(Scenario s, Report report, boolean withPeriods, Provenance provenance) {
        List<Map<String, Number>> years = new ArrayList<>();
        for (int y = 0; y < s.horizon().years(); y++) {
            Map<String, Number> row = new LinkedHashMap<>();
            row.put("year", y + 1);
            years.add(lines(row, report.years(), y));
        }
        List<ProductRow> products = new ArrayList<>();
        ProductTable t = report.products();
        for (int l = 0; l < t.size(); l++) {
            products.add(new ProductRow(s.products().get(l).id(), t.volume(l), t.listRevenue(l), t.discount(l),
                    t.netRevenue(l), t.rebate(l), t.cogs(l), t.grossMargin(l)));
        }
        List<Map<String, Number>> periods = null;
        if (withPeriods) {
            periods = new ArrayList<>();
            int ppy = s.horizon().periodsPerYear();
            for (int p = 0; p < s.horizon().periods(); p++) {
                Map<String, Number> row = new LinkedHashMap<>();
                row.put("period", p + 1);
                row.put("year", p / ppy + 1);
                periods.add(lines(row, report.periods(), p));
            }
        }
        return new Evaluation(s.name(), s.currency(), figures(report.summary()), years, products, periods, provenance);
    }

    /** The evaluation as a tree, for answers that add to it. */
    static ObjectNode evaluation(Scenario s, Report report, boolean withPeriods, Provenance provenance, ObjectMapper mapper) {
        return mapper.valueToTree(evaluation(s, report, withPeriods, provenance));
    }

    static ObjectNode provenance(Provenance p, ObjectMapper mapper) {
        return mapper.valueToTree(p);
    }

    /** For the answers still written as {@code ObjectNode}s by hand: NaN as null. */
    static void number(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) o.putNull(field);
        else o.put(field, v);
    }

    private static Map<String, Number> lines(Map<String, Number> row, double[][] table, int column) {
        for (Line line : Line.values()) {
            double v = table[line.ordinal()][column];
            row.put(line.apiName, Double.isNaN(v) ? null : v);
        }
        return row;
    }
}
