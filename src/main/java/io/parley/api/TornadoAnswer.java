package io.parley.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.parley.analysis.Tornado;
import io.parley.document.Csv;

/** The answer to a tornado: per metric, one bar per lever, widest swing first. */
record TornadoAnswer(List<Chart> metrics, Provenance provenance) implements TableAnswer {

    record Chart(String metric, double base, List<Bar> bars) {
    }

    /** The wire form of {@link Tornado.Bar}, kept apart so the core's names do not set the contract's. */
    record Bar(String lever, double baseValue, double low, double high, double atLow, double atHigh, double swing,
               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Tornado.Clipped> clipped) {
    }

    static TornadoAnswer of(List<Tornado.Chart> charts, Provenance provenance) {
        return new TornadoAnswer(charts.stream().map(c -> new Chart(c.metric().apiName, c.base(), c.bars().stream()
                .map(b -> new Bar(b.lever(), b.baseValue(), b.low(), b.high(), b.atLow(), b.atHigh(), b.swing(), b.clipped()))
                .toList())).toList(), provenance);
    }

    public String csv() {
        StringBuilder csv = new StringBuilder("metric,lever,baseValue,low,high,base,atLow,atHigh,swing\r\n");
        for (Chart c : metrics) {
            for (Bar b : c.bars()) {
                Csv.cells(csv, c.metric(), b.lever(), b.baseValue(), b.low(), b.high(), c.base(), b.atLow(), b.atHigh(), b.swing());
            }
        }
        return csv.toString();
    }
}
