package io.parley.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.parley.analysis.Spider;
import io.parley.document.Csv;

/** The answer to a spider: per metric, one leg per lever over the same relative changes. */
record SpiderAnswer(double[] changes, List<Chart> metrics, Provenance provenance) implements TableAnswer {

    record Chart(String metric, double base, List<Leg> legs) {
    }

    /** The wire form of {@link Spider.Leg}: the lever's values and the metric there, one per change. */
    record Leg(String lever, double baseValue, double[] values, double[] results,
               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Spider.Clipped> clipped) {
    }

    static SpiderAnswer of(double[] changes, List<Spider.Chart> charts, Provenance provenance) {
        return new SpiderAnswer(changes, charts.stream().map(c -> new Chart(c.metric().apiName, c.base(), c.legs().stream()
                .map(l -> new Leg(l.lever(), l.baseValue(), l.values(), l.results(), l.clipped())).toList())).toList(), provenance);
    }

    public String csv() {
        StringBuilder csv = new StringBuilder("metric,lever,change,value,result\r\n");
        for (Chart c : metrics) {
            for (Leg leg : c.legs()) {
                for (int k = 0; k < changes.length; k++) {
                    Csv.cells(csv, c.metric(), leg.lever(), changes[k], leg.values()[k], leg.results()[k]);
                }
            }
        }
        return csv.toString();
    }
}
