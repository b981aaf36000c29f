package io.parley.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.engine.Line;
import io.parley.engine.Metric;
import io.parley.engine.ProductTable;
import io.parley.engine.Report;
import io.parley.model.Scenario;

/** JSON forms of the engine's tables; NaN (the spec's null) is written as null. */
final class ResultJson {

    private ResultJson() {
    }

    static ObjectNode summary(double[] summary, ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        for (Metric m : Metric.values()) {
            put(o, m, summary[m.ordinal()]);
        }
        return o;
    }

    /** Variant minus baseline per metric, null where either is null. */
    static ObjectNode delta(double[] variant, double[] baseline, ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        for (Metric m : Metric.values()) {
            put(o, m, variant[m.ordinal()] - baseline[m.ordinal()]);
        }
        return o;
    }

    static ObjectNode evaluation(Scenario s, Report report, boolean withPeriods, Provenance provenance, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("name", s.name());
        root.put("currency", s.currency());
        root.set("summary", summary(report.summary(), mapper));
        ArrayNode years = root.putArray("years");
        for (int y = 0; y < s.horizon().years(); y++) {
            ObjectNode row = years.addObject();
            row.put("year", y + 1);
            lines(row, report.years(), y);
        }
        ArrayNode products = root.putArray("products");
        ProductTable table = report.products();
        for (int l = 0; l < table.size(); l++) {
            products.addObject()
                    .put("id", s.products().get(l).id())
                    .put("volume", table.volume(l))
                    .put("listRevenue", table.listRevenue(l))
                    .put("discount", table.discount(l))
                    .put("netRevenue", table.netRevenue(l))
                    .put("rebate", table.rebate(l))
                    .put("cogs", table.cogs(l))
                    .put("grossMargin", table.grossMargin(l));
        }
        if (withPeriods) {
            ArrayNode periods = root.putArray("periods");
            int ppy = s.horizon().periodsPerYear();
            for (int t = 0; t < s.horizon().periods(); t++) {
                ObjectNode row = periods.addObject();
                row.put("period", t + 1);
                row.put("year", t / ppy + 1);
                lines(row, report.periods(), t);
            }
        }
        root.set("provenance", provenance(provenance, mapper));
        return root;
    }

    static ObjectNode provenance(Provenance p, ObjectMapper mapper) {
        return mapper.createObjectNode()
                .put("engineVersion", p.engineVersion())
                .put("modelVersion", p.modelVersion())
                .put("scenarioHash", p.scenarioHash());
    }

    private static void lines(ObjectNode row, double[][] table, int column) {
        for (Line line : Line.values()) {
            double v = table[line.ordinal()][column];
            if (Double.isNaN(v)) {
                row.putNull(line.apiName);
            } else {
                row.put(line.apiName, v);
            }
        }
    }

    private static void put(ObjectNode o, Metric m, double v) {
        if (Double.isNaN(v)) {
            o.putNull(m.apiName);
        } else if (m.unit == Metric.Unit.PERIOD) {
            o.put(m.apiName, (long) v);
        } else {
            o.put(m.apiName, v);
        }
    }
}
