package io.parley.api;

import java.io.IOException;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.parley.engine.Line;
import io.parley.engine.Metric;
import io.parley.engine.ProductTable;
import io.parley.engine.Report;
import io.parley.model.JavaDoubleText;
import io.parley.model.Scenario;

/**
 * Writes {@link ResultJson.Evaluation} figure by figure to the generator, in the member order and with
 * the number forms the generic path gave it: a summary metric counted in periods as a whole number, every
 * other figure as a double, and a figure that is NaN or not finite as null ({@link NonFiniteAsNull}).
 * {@code EvaluationWriterTest} holds it to the generic path's bytes.
 */
final class EvaluationWriter extends StdSerializer<ResultJson.Evaluation> {

    /*
     * Every member name an answer repeats, quoted and encoded once: a name given as a String is copied
     * and encoded again each time it is written, a fifth of writing the answer when each was.
     */
    private static final SerializableString[] METRIC_NAMES = names(Metric.values(), m -> m.apiName);
    private static final SerializableString[] LINE_NAMES = names(Line.values(), l -> l.apiName);
    private static final SerializableString YEAR = new SerializedString("year");
    private static final SerializableString PERIOD = new SerializedString("period");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString VOLUME = new SerializedString("volume");
    private static final SerializableString LIST_REVENUE = new SerializedString("listRevenue");
    private static final SerializableString DISCOUNT = new SerializedString("discount");
    private static final SerializableString NET_REVENUE = new SerializedString("netRevenue");
    private static final SerializableString REBATE = new SerializedString("rebate");
    private static final SerializableString COGS = new SerializedString("cogs");
    private static final SerializableString GROSS_MARGIN = new SerializedString("grossMargin");

    EvaluationWriter() {
        super(ResultJson.Evaluation.class);
    }

    @Override
    public void serialize(ResultJson.Evaluation evaluation, JsonGenerator out, SerializerProvider provider) throws IOException {
        Scenario s = evaluation.scenario();
        Report report = evaluation.report();
        char[] text = new char[JavaDoubleText.MAX_LENGTH]; // one room for every number's text, not a thread-local look-up each
        out.writeStartObject();
        out.writeStringField("name", s.name());
        out.writeStringField("currency", s.currency());
        out.writeFieldName("summary");
        out.writeStartObject();
        double[] summary = report.summary();
        for (Metric m : Metric.values()) {
            double v = summary[m.ordinal()];
            out.writeFieldName(METRIC_NAMES[m.ordinal()]);
            if (Double.isNaN(v)) out.writeNull();
            else if (m.unit == Metric.Unit.PERIOD) out.writeNumber((long) v);
            else NonFiniteAsNull.write(v, text, out);
        }
        out.writeEndObject();
        out.writeFieldName("years");
        out.writeStartArray();
        for (int y = 0; y < s.horizon().years(); y++) {
            out.writeStartObject();
            out.writeFieldName(YEAR);
            out.writeNumber(y + 1);
            lines(report.years(), y, text, out);
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeFieldName("products");
        out.writeStartArray();
        ProductTable t = report.products();
        for (int l = 0; l < t.size(); l++) {
            out.writeStartObject();
            out.writeFieldName(ID);
            out.writeString(s.products().get(l).id());
            figure(VOLUME, t.volume(l), text, out);
            figure(LIST_REVENUE, t.listRevenue(l), text, out);
            figure(DISCOUNT, t.discount(l), text, out);
            figure(NET_REVENUE, t.netRevenue(l), text, out);
            figure(REBATE, t.rebate(l), text, out);
            figure(COGS, t.cogs(l), text, out);
            figure(GROSS_MARGIN, t.grossMargin(l), text, out);
            out.writeEndObject();
        }
        out.writeEndArray();
        if (evaluation.withPeriods()) {
            out.writeFieldName("periods");
            out.writeStartArray();
            int ppy = s.horizon().periodsPerYear();
            for (int p = 0; p < s.horizon().periods(); p++) {
                out.writeStartObject();
                out.writeFieldName(PERIOD);
                out.writeNumber(p + 1);
                out.writeFieldName(YEAR);
                out.writeNumber(p / ppy + 1);
                lines(report.periods(), p, text, out);
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        // a small record: the generic path keeps its members and their inclusion rules in one place
        provider.defaultSerializeField("provenance", evaluation.provenance(), out);
        out.writeEndObject();
    }

    /** Column {@code column} of a table of lines, each line's figure under its name. */
    private static void lines(double[][] table, int column, char[] text, JsonGenerator out) throws IOException {
        for (Line line : Line.values()) {
            figure(LINE_NAMES[line.ordinal()], table[line.ordinal()][column], text, out);
        }
    }

    private static void figure(SerializableString name, double v, char[] text, JsonGenerator out) throws IOException {
        out.writeFieldName(name);
        NonFiniteAsNull.write(v, text, out);
    }

    private static <T> SerializableString[] names(T[] values, Function<T, String> name) {
        SerializableString[] names = new SerializableString[values.length];
        for (int i = 0; i < values.length; i++) names[i] = new SerializedString(name.apply(values[i]));
        return names;
    }
}
