package io.parley.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.parley.analysis.Bridge;
import io.parley.document.Csv;

/** The answer to a bridge: the steps taken and, per metric, the waterfall from baseline to variant. */
record BridgeAnswer(String method, List<Step> levers, List<Waterfall> metrics, Provenance provenance) implements TableAnswer {

    /**
     * One step: one lever from → to, or thresholds moved together, whose own from and to are in
     * {@code parts} (the step's are then null).
     */
    record Step(String lever, double from, double to, @JsonInclude(JsonInclude.Include.NON_NULL) List<Part> parts) {

        static Step of(Bridge.Step step) {
            if (step.changes().size() == 1) {
                Bridge.Change c = step.changes().get(0);
                return new Step(step.lever(), c.from(), c.to(), null);
            }
            return new Step(step.lever(), Double.NaN, Double.NaN,
                    step.changes().stream().map(c -> new Part(c.lever(), c.from(), c.to())).toList());
        }
    }

    record Part(String lever, double from, double to) {
    }

    record Waterfall(String metric, double baseline, double variant, double change, List<Contribution> steps) {
    }

    record Contribution(String lever, double contribution) {
    }

    static BridgeAnswer of(Bridge.Result r, Provenance provenance) {
        List<Waterfall> metrics = new ArrayList<>();
        for (Bridge.Waterfall w : r.waterfalls()) {
            List<Contribution> steps = new ArrayList<>();
            for (int i = 0; i < r.steps().size(); i++) {
                steps.add(new Contribution(r.steps().get(i).lever(), w.contributions()[i]));
            }
            metrics.add(new Waterfall(w.metric().apiName, w.baseline(), w.variant(), w.total(), steps));
        }
        return new BridgeAnswer(methodName(r.method()), r.steps().stream().map(Step::of).toList(), metrics, provenance);
    }

    static String methodName(Bridge.Method method) {
        return method == Bridge.Method.SHAPLEY ? "shapley" : "sequential";
    }

    /** Per metric: the baseline, one row per step, the variant. */
    public String csv() {
        StringBuilder csv = new StringBuilder("metric,step,from,to,value\r\n");
        for (Waterfall w : metrics) {
            Csv.cells(csv, w.metric(), "baseline", Double.NaN, Double.NaN, w.baseline());
            for (int i = 0; i < levers.size(); i++) {
                Step step = levers.get(i);
                Csv.cells(csv, w.metric(), step.lever(), step.from(), step.to(), w.steps().get(i).contribution());
            }
            Csv.cells(csv, w.metric(), "variant", Double.NaN, Double.NaN, w.variant());
        }
        return csv.toString();
    }
}
