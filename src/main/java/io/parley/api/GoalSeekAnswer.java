package io.parley.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.parley.analysis.GoalSeek;
import io.parley.document.Csv;
import io.parley.model.Spellings;

/** The answer to a goal seek: the lever, metric and target asked for, and the search. */
record GoalSeekAnswer(String lever, String metric, double target, @JsonUnwrapped Search search, Provenance provenance)
        implements TableAnswer {

    /** One search for the lever value where the metric meets its target; break-even rows carry one too. */
    record Search(String status, double value, double result, double tolerance, End atLower, End atUpper,
                  List<Crossing> crossings, int evaluations) {

        static Search of(GoalSeek.Result r) {
            return new Search(Spellings.of(r.status()), r.value(), r.result(), r.tolerance(), new End(r.lower(), r.atLower()),
                    new End(r.upper(), r.atUpper()), r.crossings().stream().map(Crossing::of).toList(), r.evaluations());
        }
    }

    /** A bound of the search and the metric there. */
    record End(double value, double result) {
    }

    /** {@code below} and {@code above} are written for jumps only, {@code end} for a flat stretch only. */
    record Crossing(String status, double value, double result,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Double below,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Double above,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Double end) {

        static Crossing of(GoalSeek.Crossing c) {
            boolean jump = c.status() == GoalSeek.Status.JUMP;
            boolean flat = c.status() == GoalSeek.Status.FLAT;
            return new Crossing(Spellings.of(c.status()), c.value(), c.result(), jump ? c.below() : null,
                    jump ? c.above() : null, flat ? c.end() : null);
        }
    }

    /**
     * The crossings as a table for a spreadsheet: one row per crossing in lever order, {@code below},
     * {@code above} filled for a jump and {@code end} for a flat stretch (empty cells otherwise).
     */
    public String csv() {
        StringBuilder csv = new StringBuilder("lever,metric,target,status,value,result,below,above,end\r\n");
        for (Crossing c : search.crossings()) {
            Csv.cells(csv, lever, metric, target, c.status(), c.value(), c.result(), c.below(), c.above(), c.end());
        }
        return csv.toString();
    }
}
