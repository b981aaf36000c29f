package io.parley.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.parley.engine.Line;
import io.parley.engine.Metric;
import io.parley.engine.ProductTable;
import io.parley.engine.Report;
import io.parley.model.Scenario;

/**
 * Writes {@link ResultJson.Evaluation} figure by figure to the generator, in the member order and with
 * the number forms the generic path gave it: a summary metric counted in periods as a whole number, every
 * other figure as a double, and a figure that is NaN or not finite as null ({@link NonFiniteAsNull}).
 * {@code EvaluationWriterTest} holds it to the generic path's bytes.
 */
final class EvaluationWriter extends StdSerializer<ResultJson.Evaluation> {

    EvaluationWriter() {
        super(ResultJson.Evaluation.class);
    }

    @Override
    public void serialize(ResultJson.Evaluation evaluation, JsonGenerator out, SerializerProvider provider) throws IOException {
        Scenario s = evaluation.scenario();
        Report report = evaluation.report();
        out.writeStartObject();
        out.writeStringField("name", s.name());
        out.writeStringField("currency", s.currency());
        out.writeFieldName("summary");
        out.writeStartObject();
        double[] summary = report.summary();
        for (Metric m : Metric.values()) {
            double v = summary[m.ordinal()];
            out.writeFieldName(m.apiName);
            if (Double.isNaN(v)) out.writeNull();
            else if (m.unit == Metric.Unit.PERIOD) out.writeNumber((long) v);
            else figure(v, out);
        }
        out.writeEndObject();
        out.writeFieldName("years");
        out.writeStartArray();
        for (int y = 0; y < s.horizon().years(); y++) {
            out.writeStartObject();
            out.writeNumberField("year", y + 1);
            lines(report.years(), y, out);
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeFieldName("products");
        out.writeStartArray();
        ProductTable t = report.products();
        for (int l = 0; l < t.size(); l++) {
            out.writeStartObject();
            out.writeStringField("id", s.products().get(l).id());
            figure("volume", t.volume(l), out);
            figure("listRevenue", t.listRevenue(l), out);
            figure("discount", t.discount(l), out);
            figure("netRevenue", t.netRevenue(l), out);
            figure("rebate", t.rebate(l), out);
            figure("cogs", t.cogs(l), out);
            figure("grossMargin", t.grossMargin(l), out);
            out.writeEndObject();
        }
        out.writeEndArray();
        if (evaluation.withPeriods()) {
            out.writeFieldName("periods");
            out.writeStartArray();
            int ppy = s.horizon().periodsPerYear();
            for (int p = 0; p < s.horizon().periods(); p++) {
                out.writeStartObject();
                out.writeNumberField("period", p + 1);
                out.writeNumberField("year", p / ppy + 1);
                lines(report.periods(), p, out);
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        // a small record: the generic path keeps its members and their inclusion rules in one place
        provider.defaultSerializeField("provenance", evaluation.provenance(), out);
        out.writeEndObject();
    }

    /** Column {@code column} of a table of lines, each line's figure under its name. */
    private static void lines(double[][] table, int column, JsonGenerator out) throws IOException {
        for (Line line : Line.values()) {
            figure(line.apiName, table[line.ordinal()][column], out);
        }
    }

    private static void figure(String name, double v, JsonGenerator out) throws IOException {
        out.writeFieldName(name);
        figure(v, out);
    }

    private static void figure(double v, JsonGenerator out) throws IOException {
        NonFiniteAsNull.write(v, out);
    }
}
