package io.parley.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.analysis.Grid;
import io.parley.document.Csv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

import io.parley.model.Numbers;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void negativeNumbersAreFiguresNotFormulas() {
        StringBuilder out = new StringBuilder();
        Csv.cells(out, "-sum(A1)", -5, -5L, -2.5, Double.NaN, "=1+1");
        assertThat(out).hasToString("'-sum(A1),-5,-5,-2.5,,'=1+1\r\n");
    }

    @Test
    void aMatrixHasItsColumnValuesAsHeaderAndEachRowLedByItsValue() {
        String csv = Csv.matrix("a \\ b", new double[] {1, 2}, new double[] {10, 20},
                new double[][] {{11, 21}, {12, Double.NaN}});
        assertThat(csv).isEqualTo("a \\ b,10,20\r\n1,11,21\r\n2,12,\r\n");
    }

    private static String rows(Format format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RowWriter rows = RowWriter.open(bytes, format, List.of("sample", "terms.x[\"a,b\"]", "npv"));
        rows.cell(-3L).cell(0.25).cell(Double.NaN).end();
        rows.cell(4L).cells(new double[] {1e-7, 1e21}).end();
        rows.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rowsStreamAsCsvWithAQuotedHeader() throws IOException {
        assertThat(rows(Format.CSV)).isEqualTo(
                "sample,\"terms.x[\"\"a,b\"\"]\",npv\r\n-3,0.25,\r\n4,0.0000001,1000000000000000000000\r\n");
    }

    @Test
    void rowsStreamAsNdjsonKeyedByColumnWithNull() throws IOException {
        assertThat(rows(Format.NDJSON)).isEqualTo(
                "{\"sample\":-3,\"terms.x[\\\"a,b\\\"]\":0.25,\"npv\":null}\n"
                        + "{\"sample\":4,\"terms.x[\\\"a,b\\\"]\":0.0000001,\"npv\":1000000000000000000000}\n");
    }

    @Test
    void aFigureThatOverflowedStreamsAsNullNeverAsInfinity() throws IOException {
        for (Format format : List.of(Format.CSV, Format.NDJSON)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            RowWriter rows = RowWriter.open(bytes, format, List.of("x", "npv"));
            rows.cells(new double[] {1e308, Double.NEGATIVE_INFINITY}).end();
            rows.cells(new double[] {1, Double.POSITIVE_INFINITY}).end();
            rows.flush();
            String expected = format == Format.CSV ? "x,npv\r\n" + "1" + "0".repeat(308) + ",\r\n1,\r\n"
                    : "{\"x\":1" + "0".repeat(308) + ",\"npv\":null}\n{\"x\":1,\"npv\":null}\n";
            assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    @Test
    void aStreamLongerThanItsBufferIsEveryRowInOrder() throws IOException {
        // 30,000 rows of about 60 bytes pass the 64 KiB buffer about 27 times, rows cut at any byte; a
        // changes every 7th row, as a sweep's slower lever does, and -0.0 follows 0 (one text, two numbers)
        SplittableRandom random = new SplittableRandom(5);
        double a = 0;
        StringBuilder expectedCsv = new StringBuilder("i,a,b\r\n");
        StringBuilder expectedNdjson = new StringBuilder();
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
        RowWriter csvRows = RowWriter.open(csv, Format.CSV, List.of("i", "a", "b"));
        RowWriter ndjsonRows = RowWriter.open(ndjson, Format.NDJSON, List.of("i", "a", "b"));
        for (long i = 0; i < 30_000; i++) {
            if (i % 7 == 0) a = random.nextDouble() * 1e8;
            double[] ab = {a, i % 5 == 0 ? 0.0 : i % 5 == 1 ? -0.0 : (random.nextDouble() - 0.5) * 1e-4};
            csvRows.cell(i).cells(ab).end();
            ndjsonRows.cell(i).cells(ab).end();
            String textA = Numbers.plain(ab[0]);
            String textB = Numbers.plain(ab[1]);
            expectedCsv.append(i).append(',').append(textA).append(',').append(textB).append("\r\n");
            expectedNdjson.append("{\"i\":").append(i).append(",\"a\":").append(textA).append(",\"b\":").append(textB)
                    .append("}\n");
        }
        csvRows.flush();
        ndjsonRows.flush();
        assertThat(csv.toString(StandardCharsets.UTF_8)).isEqualTo(expectedCsv.toString());
        assertThat(ndjson.toString(StandardCharsets.UTF_8)).isEqualTo(expectedNdjson.toString());
    }

    @Test
    void knownNumbersStreamAsTheTextOfEveryOtherNumber() throws IOException {
        // a grid's fast lever known to the writer, a slow one not, and a column that also holds numbers it
        // was not told of: every row is the text plain writes, in CSV and NDJSON alike
        double[] fast = Grid.range(0, 90, 999);
        double[] slow = Grid.range(0, 0.1, 9);
        for (Format format : List.of(Format.CSV, Format.NDJSON)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            RowWriter rows = RowWriter.open(bytes, format, List.of("a", "b", "c"))
                    .knownNumbers(1, fast).knownNumbers(2, new double[] {1.5, 2.5});
            StringBuilder expected = new StringBuilder(format == Format.CSV ? "a,b,c\r\n" : "");
            for (int i = 0; i < slow.length * fast.length; i++) {
                double a = slow[i / fast.length];
                double b = fast[i % fast.length];
                double c = i % 3 == 0 ? 1.5 : i * 1.1;
                rows.cells(new double[] {a, b, c}).end();
                expected.append(format == Format.CSV
                        ? Numbers.plain(a) + "," + Numbers.plain(b) + "," + Numbers.plain(c) + "\r\n"
                        : "{\"a\":" + Numbers.plain(a) + ",\"b\":" + Numbers.plain(b) + ",\"c\":" + Numbers.plain(c) + "}\n");
            }
            rows.flush();
            assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        }
    }
}
