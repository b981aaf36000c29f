package io.parley.model;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSV as spreadsheets write it, in the dialects account managers' machines produce. */
class CsvUploadTest {

    @Test
    void commasAndDecimalPoints() {
        CsvUpload csv = CsvUpload.parse("period,netRevenue\r\n1,6300000.5\r\n");
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
        CsvUpload csv = CsvUpload.parse("period\n1\n");
        assertThat(csv.number("-12.5e3")).isEqualTo(-12_500.0);
        assertThat(csv.number(".5")).isEqualTo(0.5);
        for (String notAFigure : List.of("NaN", "Infinity", "-Infinity", "0x1p3", "5d", "1e999", "", "1 000")) {
            assertThat(csv.number(notAFigure)).as(notAFigure).isNull();
        }
    }

    @Test
    void semicolonsWithDecimalCommasAsExcelWritesThemInGermany() {
        // Excel's "CSV UTF-8" starts with a byte-order mark
        CsvUpload csv = CsvUpload.parse("\uFEFFperiod;netRevenue;rebate\n1;6300000,5;60000\n");
        assertThat(csv.header).containsExactly("period", "netRevenue", "rebate");
        assertThat(csv.rows.get(0).cells()).containsExactly("1", "6300000,5", "60000");
        assertThat(csv.number("6300000,5")).isEqualTo(6_300_000.5);
    }

    @Test
    void quotedCellsMayHoldTheDelimiterAndQuotes() {
        CsvUpload csv = CsvUpload.parse("\"period\",\"volume:a,b\",note\n\"1\",\"2\",\"say \"\"hi\"\"\"\n");
        assertThat(csv.header).containsExactly("period", "volume:a,b", "note");
        assertThat(csv.rows.get(0).cells()).containsExactly("1", "2", "say \"hi\"");
    }

    @Test
    void blankLinesAreSkippedAndLineNumbersKept() {
        CsvUpload csv = CsvUpload.parse("period\n\n3\n \n4");
        assertThat(csv.rows).extracting(CsvUpload.Row::line).containsExactly(3, 5);
        assertThat(csv.rows).extracting(CsvUpload.Row::cells).containsExactly(List.of("3"), List.of("4"));
    }

    /** A spreadsheet writes a cell with a line break in quotes; it is one cell of one row, not two rows. */
    @Test
    void aQuotedLineBreakStaysInItsCell() {
        CsvUpload csv = CsvUpload.parse("period,note\r\n1,\"first line\r\nsecond line\"\r\n2,plain\r\n");
        assertThat(csv.rows).extracting(CsvUpload.Row::cells)
                .containsExactly(List.of("1", "first line\r\nsecond line"), List.of("2", "plain"));
        // the row after the two-line cell starts on line 4
        assertThat(csv.rows).extracting(CsvUpload.Row::line).containsExactly(2, 4);
    }

    @Test
    void aQuoteNeverClosedIsNamedNotGuessed() {
        assertThatThrownBy(() -> CsvUpload.parse("period,note\n1,\"open\n2,x\n"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .singleElement().satisfies(v -> assertThat(v.message()).contains("quoted cell is not closed")));
    }

    @Test
    void aSemicolonFileWithoutALocaleRefusesANumberThatIsThousandsOrDecimals() {
        CsvUpload csv = CsvUpload.parse("period;volume:trays\n1;6.500\n");
        assertThatThrownBy(() -> csv.number("6.500")).isInstanceOf(SheetNumbers.AmbiguousNumberException.class)
                .hasMessageContaining("6500 if '.' groups thousands there, and 6.5 if it is a decimal point")
                .hasMessageContaining("?locale=de-DE");
        assertThat(csv.number("6,5")).isEqualTo(6.5);
        assertThat(csv.number("0.125")).isEqualTo(0.125); // no thousands group starts with 0
    }

    @Test
    void aDeclaredLocaleReadsEveryNumberItsWay() {
        CsvUpload csv = CsvUpload.parse("period;volume:trays\n1;6.500\n", SheetNumbers.of("de-DE"));
        assertThat(csv.number("6.500")).isEqualTo(6500);
        assertThat(csv.number("1.234.567,25")).isEqualTo(1_234_567.25);
        assertThat(csv.number("0.08")).isNull(); // not how de-DE writes a number: reported as not a number
    }

    @Test
    void aSepLineAsExcelWritesItNamesTheDelimiterAndCountsAsALine() {
        CsvUpload csv = CsvUpload.parse("sep=;\r\nperiod;netRevenue\r\n1;6300000,5\r\n;\r\n");
        assertThat(csv.header).containsExactly("period", "netRevenue");
        assertThat(csv.rows).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(3);
            assertThat(r.cells()).containsExactly("1", "6300000,5");
        });
    }
}
