package io.parley.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV as spreadsheets write it, in the dialects account managers' machines produce. */
class CsvInputTest {

    @Test
    void commasAndDecimalPoints() {
        CsvInput csv = CsvInput.parse("period,netRevenue\r\n1,6300000.5\r\n");
        assertThat(csv.header).containsExactly("period", "netRevenue");
        assertThat(csv.rows).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(2);
            assertThat(r.cells()).containsExactly("1", "6300000.5");
        });
        assertThat(csv.number("6300000.5")).isEqualTo(6_300_000.5);
        assertThat(csv.number("6300000,5")).isNull();
    }

    @Test
    void onlyPlainDecimalsAreNumbers() {
        CsvInput csv = CsvInput.parse("period\n1\n");
        assertThat(csv.number("-12.5e3")).isEqualTo(-12_500.0);
        assertThat(csv.number(".5")).isEqualTo(0.5);
        for (String notAFigure : List.of("NaN", "Infinity", "-Infinity", "0x1p3", "5d", "1e999", "", "1 000")) {
            assertThat(csv.number(notAFigure)).as(notAFigure).isNull();
        }
    }

    @Test
    void semicolonsWithDecimalCommasAsExcelWritesThemInGermany() {
        // Excel's "CSV UTF-8" starts with a byte-order mark
        CsvInput csv = CsvInput.parse("\uFEFFperiod;netRevenue;rebate\n1;6300000,5;60000\n");
        assertThat(csv.header).containsExactly("period", "netRevenue", "rebate");
        assertThat(csv.rows.get(0).cells()).containsExactly("1", "6300000,5", "60000");
        assertThat(csv.number("6300000,5")).isEqualTo(6_300_000.5);
    }

    @Test
    void quotedCellsMayHoldTheDelimiterAndQuotes() {
        CsvInput csv = CsvInput.parse("\"period\",\"volume:a,b\",note\n\"1\",\"2\",\"say \"\"hi\"\"\"\n");
        assertThat(csv.header).containsExactly("period", "volume:a,b", "note");
        assertThat(csv.rows.get(0).cells()).containsExactly("1", "2", "say \"hi\"");
    }

    @Test
    void blankLinesAreSkippedAndLineNumbersKept() {
        CsvInput csv = CsvInput.parse("period\n\n3\n \n4");
        assertThat(csv.rows).extracting(CsvInput.Row::line).containsExactly(3, 5);
        assertThat(csv.rows).extracting(CsvInput.Row::cells).containsExactly(List.of("3"), List.of("4"));
    }
}
