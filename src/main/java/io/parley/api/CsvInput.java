package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.parley.model.InvalidInputException;
import io.parley.model.Violation;

/**
 * A CSV upload as spreadsheets write it: comma-separated, or semicolon-separated with decimal commas
 * (what Excel writes where the comma is the decimal mark), cells optionally in double quotes ("" for a
 * quote inside, and a line break inside a quoted cell is part of the cell), CRLF or LF line ends, and
 * the byte-order mark Excel puts before UTF-8 text. The delimiter is the header's: a header with a
 * semicolon and no comma is semicolon-separated. Read by Apache Commons CSV.
 */
final class CsvInput {

    /** A data row and the line of the upload it starts on (the header is line 1). */
    record Row(int line, List<String> cells) {
    }

    final List<String> header;
    final List<Row> rows;
    final boolean decimalComma;

    private CsvInput(List<String> header, List<Row> rows, boolean decimalComma) {
        this.header = header;
        this.rows = rows;
        this.decimalComma = decimalComma;
    }

    /**
     * The upload's header and rows, cells trimmed; rows of blank cells only are skipped.
     *
     * @throws InvalidInputException naming the line when the text is not CSV (a quote never closed)
     */
    static CsvInput parse(String text) {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        String first = text.lines().findFirst().orElse("");
        char delimiter = first.indexOf(';') >= 0 && first.indexOf(',') < 0 ? ';' : ',';
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter)
                .setIgnoreEmptyLines(false) // kept, to count lines; skipped below
                .setTrailingData(true)      // "a"b reads as ab, as spreadsheets read it
                .get();
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                // the parser counts line breaks read so far: the next record starts on the line after them
                int line = (int) parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) break;
                List<String> cells = records.next().stream().map(String::trim).toList();
                if (header == null) header = cells;
                else if (!cells.stream().allMatch(String::isEmpty)) rows.add(new Row(line, cells));
            }
        } catch (UncheckedIOException | IllegalStateException | IOException e) {
            // Commons CSV reports a quote left open at the end of the text this way
            throw new InvalidInputException(List.of(new Violation("line " + lineOf(e),
                    "the CSV does not parse: a quoted cell is not closed (a quote inside a cell is written \"\")", null)));
        }
        return new CsvInput(header == null ? List.of("") : header, rows, delimiter == ';');
    }

    /** The line Commons CSV names in its message ("... line 7 ..."), or 1. */
    private static long lineOf(Exception e) {
        var m = Pattern.compile("line (\\d+)").matcher(String.valueOf(e.getMessage()));
        return m.find() ? Long.parseLong(m.group(1)) : 1;
    }

    /** A number as spreadsheets write one: digits, an optional decimal point and exponent; no NaN, no Infinity. */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * The cell as a number when it reads as one (a decimal comma where the upload uses them), else
     * null, so the caller reports it as not a number. Java's own parser would also take "NaN",
     * "Infinity", "0x1p3" or "5d", which no spreadsheet means as a figure.
     */
    Double number(String cell) {
        String s = decimalComma ? cell.replace(',', '.') : cell;
        if (!DECIMAL.matcher(s).matches()) return null;
        double v = Double.parseDouble(s);
        return Double.isFinite(v) ? v : null;
    }
}
