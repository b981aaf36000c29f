package io.parley.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A CSV upload as spreadsheets write it: comma-separated, or semicolon-separated with decimal commas
 * (what Excel writes where the comma is the decimal mark), cells optionally in double quotes ("" for a
 * quote inside), CRLF or LF line ends, and the byte-order mark Excel puts before UTF-8 text.
 * The delimiter is the header's: a header with a semicolon and no comma is semicolon-separated.
 */
final class CsvInput {

    /** A data row and its line number in the upload (the header is line 1). */
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

    static CsvInput parse(String text) {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        String[] lines = text.split("\r?\n", -1);
        String first = lines[0];
        char delimiter = first.indexOf(';') >= 0 && first.indexOf(',') < 0 ? ';' : ',';
        List<String> header = cells(first, delimiter).stream().map(String::trim).toList();
        List<Row> rows = new ArrayList<>();
        for (int l = 1; l < lines.length; l++) {
            if (lines[l].isBlank()) continue;
            rows.add(new Row(l + 1, cells(lines[l], delimiter).stream().map(String::trim).toList()));
        }
        return new CsvInput(header, rows, delimiter == ';');
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

    private static List<String> cells(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
