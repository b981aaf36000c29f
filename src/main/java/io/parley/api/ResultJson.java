package io.parley.api;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.engine.Metric;
import io.parley.engine.Report;
import io.parley.model.Scenario;

/**
 * JSON forms of the engine's tables, as records and ordered maps (a row's keys are the model's line
 * and metric names); NaN (the spec's null) is written as null.
 */
final class ResultJson {

    private ResultJson() {
    }

    /**
     * Every figure of one scenario; {@code periods} only when asked for. Written by {@link EvaluationWriter}
     * straight from the report: the same bytes as the records and ordered maps it replaced, without a map,
     * a boxed number and a serialiser look-up per figure (a fifth of a small evaluate's CPU went there).
     */
    @JsonSerialize(using = EvaluationWriter.class)
    record Evaluation(Scenario scenario, Report report, boolean withPeriods, Provenance provenance) {
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
        return new Evaluation(s, report, withPeriods, provenance);
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

}
