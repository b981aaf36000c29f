package io.parley.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV upload as spreadsheets write it: comma-separated, or semicolon-separated with decimal commas
 * (what Excel writes where the comma is the decimal mark), cells optionally in double quotes ("" for a
 * quote inside, and a line break inside a quoted cell is part of the cell), CRLF or LF line ends, and
 * the byte-order mark Excel puts before UTF-8 text. The delimiter is the one a first line {@code sep=;}
 * names (as Excel writes it), else the header's: a header with a semicolon and no comma is
 * semicolon-separated. Numbers are read as the locale the uploader declares writes them; without one,
 * a number that could be either locale's ({@code 6.500} in a semicolon file) is refused, never guessed.
 * Read by Apache Commons CSV.
 */
public final class CsvUpload {

    /** A data row and the line of the upload it starts on (the header is line 1). */
    public record Row(int line, List<String> cells) {
    }

    public final List<String> header;
    public final List<Row> rows;
    public final boolean decimalComma;
    /** The numbers of the locale the uploader declared, or null. */
    private final SheetNumbers declared;

    private CsvUpload(List<String> header, List<Row> rows, boolean decimalComma, SheetNumbers declared) {
        this.header = header;
        this.rows = List.copyOf(rows);
        this.decimalComma = decimalComma;
        this.declared = declared;
    }

    public static CsvUpload parse(String text) {
        return parse(text, null);
    }

    /**
     * The upload's header and rows, cells trimmed; rows of blank cells only are skipped.
     *
     * @throws InvalidInputException naming the line when the text is not CSV (a quote never closed)
     */
    public static CsvUpload parse(String text, SheetNumbers declared) {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        String first = text.lines().findFirst().orElse("");
        int linesBefore = 0;
        char delimiter = first.indexOf(';') >= 0 && first.indexOf(',') < 0 ? ';' : ',';
        if (first.length() == 5 && first.startsWith("sep=")) {
            delimiter = first.charAt(4);
            text = text.substring(text.indexOf('\n') < 0 ? text.length() : text.indexOf('\n') + 1);
            linesBefore = 1;
        }
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
                int line = (int) parser.getCurrentLineNumber() + 1 + linesBefore;
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
        return new CsvUpload(header == null ? List.of("") : header, rows, delimiter == ';', declared);
    }

    /** The line Commons CSV names in its message ("... line 7 ..."), or 1. */
    private static long lineOf(Exception e) {
        var m = Pattern.compile("line (\\d+)").matcher(String.valueOf(e.getMessage()));
        return m.find() ? Long.parseLong(m.group(1)) : 1;
    }

    /** A dot and three digits after one to three digits: a thousands group, or three decimals? */
    private static final Pattern THOUSANDS_OR_DECIMALS = Pattern.compile("[+-]?[1-9][0-9]{0,2}\\.[0-9]{3}");

    /** A number as spreadsheets write one: digits, an optional decimal point and exponent; no NaN, no Infinity. */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * The cell as a number when it reads as one (a decimal comma where the upload uses them), else
     * null, so the caller reports it as not a number. Java's own parser would also take "NaN",
     * "Infinity", "0x1p3" or "5d", which no spreadsheet means as a figure.
     */
    public Double number(String cell) {
        if (declared != null) {
            try {
                double v = declared.parse(cell);
                return Double.isFinite(v) ? v : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (decimalComma && THOUSANDS_OR_DECIMALS.matcher(cell).matches()) {
            throw new SheetNumbers.AmbiguousNumberException("'" + cell + "' in a semicolon-separated file is "
                    + cell.replace(".", "") + " if '.' groups thousands there, and " + Numbers.plain(Double.parseDouble(cell))
                    + " if it is a decimal point; declare the file's locale: ?locale=de-DE (or en-US)");
        }
        String s = decimalComma ? cell.replace(',', '.') : cell;
        if (!DECIMAL.matcher(s).matches()) return null;
        double v = Double.parseDouble(s);
        return Double.isFinite(v) ? v : null;
    }
}
