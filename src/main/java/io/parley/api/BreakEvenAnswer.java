package io.parley.api;

import java.util.List;

import io.parley.analysis.BreakEven;
import io.parley.document.Csv;
import io.parley.model.Spellings;

/** The answer to a break-even table: per lever, the value where the metric meets the threshold. */
record BreakEvenAnswer(String metric, double threshold, double base, List<Row> levers, Provenance provenance) implements TableAnswer {

    record Row(String lever, double current, double breakEven, double headroom, double relativeHeadroom, String status,
               GoalSeekAnswer.Search search) {
    }

    static BreakEvenAnswer of(String metric, double threshold, double base, List<BreakEven.Row> rows, Provenance provenance) {
        return new BreakEvenAnswer(metric, threshold, base, rows.stream().map(r -> new Row(r.lever(), r.current(), r.breakEven(),
                r.headroom(), r.relativeHeadroom(), Spellings.of(r.status()), GoalSeekAnswer.Search.of(r.search())))
                .toList(), provenance);
    }

    public String csv() {
        StringBuilder csv = new StringBuilder("lever,current,breakEven,headroom,relativeHeadroom,status\r\n");
        for (Row row : levers) {
            Csv.cells(csv, row.lever(), row.current(), row.breakEven(), row.headroom(), row.relativeHeadroom(), row.status());
        }
        return csv.toString();
    }
}
