package io.parley.document;

import java.util.List;

import io.parley.engine.Line;
import io.parley.engine.Metric;
import io.parley.engine.ProductTable;
import io.parley.engine.Report;
import io.parley.model.CsvDialect;
import io.parley.model.Numbers;
import io.parley.model.Scenario;

/**
 * CSV forms of the tables for spreadsheets (RFC 4180: comma, CRLF, quotes doubled). Numbers are
 * plain decimals at full precision with no exponent; a null is an empty cell.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";
    /** RFC 4180's record separator. */
    public static final String EOL = CsvDialect.EOL;

    private Csv() {
    }

    public static String summary(Report report) {
        StringBuilder out = new StringBuilder("metric,value").append(EOL);
        for (Metric m : Metric.values()) {
            out.append(m.apiName).append(',').append(cell(report.metric(m))).append(EOL);
        }
        return out.toString();
    }

    public static String years(Report report, int years) {
        StringBuilder out = new StringBuilder("year");
        header(out);
        for (int y = 0; y < years; y++) {
            out.append(y + 1);
            row(out, report.years(), y);
        }
        return out.toString();
    }

    public static String periods(Report report, int periods, int periodsPerYear) {
        StringBuilder out = new StringBuilder("period,year");
        header(out);
        for (int t = 0; t < periods; t++) {
            out.append(t + 1).append(',').append(t / periodsPerYear + 1);
            row(out, report.periods(), t);
        }
        return out.toString();
    }

    public static String products(Report report, Scenario s) {
        StringBuilder out = new StringBuilder("id,volume,listRevenue,discount,netRevenue,rebate,cogs,grossMargin").append(EOL);
        ProductTable t = report.products();
        for (int l = 0; l < t.size(); l++) {
            out.append(quote(s.products().get(l).id()))
                    .append(',').append(cell(t.volume(l)))
                    .append(',').append(cell(t.listRevenue(l)))
                    .append(',').append(cell(t.discount(l)))
                    .append(',').append(cell(t.netRevenue(l)))
                    .append(',').append(cell(t.rebate(l)))
                    .append(',').append(cell(t.cogs(l)))
                    .append(',').append(cell(t.grossMargin(l)))
                    .append(EOL);
        }
        return out.toString();
    }

    /** A spreadsheet's scenario summary: a row per metric, the baseline, then each variant and its change. */
    public static String comparison(double[] baseline, List<String> names, List<double[]> variants) {
        StringBuilder out = new StringBuilder("metric,baseline");
        for (String name : names) {
            out.append(',').append(quote(name)).append(',').append(quote(name + " Δ"));
        }
        out.append(EOL);
        for (Metric m : Metric.values()) {
            int i = m.ordinal();
            out.append(m.apiName).append(',').append(cell(baseline[i]));
            for (double[] v : variants) {
                out.append(',').append(cell(v[i])).append(',').append(cell(v[i] - baseline[i]));
            }
            out.append(EOL);
        }
        return out.toString();
    }

    /** A matrix under a header of column values, each row led by its value; {@code corner} names both. */
    public static String matrix(String corner, double[] rowValues, double[] columnValues, double[][] cells) {
        StringBuilder out = new StringBuilder(quote(corner));
        for (double c : columnValues) out.append(',').append(cell(c));
        out.append(EOL);
        for (int r = 0; r < rowValues.length; r++) {
            out.append(cell(rowValues[r]));
            for (double v : cells[r]) out.append(',').append(cell(v));
            out.append(EOL);
        }
        return out.toString();
    }

    /**
     * One CSV row of mixed text and number cells. Numbers are figures, never formulas: only text
     * gets the formula-injection guard (a −5 is written {@code -5}, not {@code '-5}).
     */
    public static void cells(StringBuilder out, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) out.append(',');
            out.append(cell(cells[i]));
        }
        out.append(EOL);
    }

    /** A cell of any kind: a whole number as such, another number as {@link #cell(double)}, text quoted. */
    public static String cell(Object value) {
        if (value == null) return ""; // an absent figure (a JSON null) is an empty cell, as a NaN is
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return value.toString();
        }
        return value instanceof Number n ? cell(n.doubleValue()) : quote(String.valueOf(value));
    }

    private static void header(StringBuilder out) {
        for (Line line : Line.values()) {
            out.append(',').append(line.apiName);
        }
        out.append(EOL);
    }

    private static void row(StringBuilder out, double[][] table, int column) {
        for (Line line : Line.values()) {
            out.append(',').append(cell(table[line.ordinal()][column]));
        }
        out.append(EOL);
    }

    public static String cell(double value) {
        return Double.isNaN(value) ? "" : Numbers.plain(value);
    }

    /** Quotes a text cell when it holds a comma, quote or line break; guards against formula injection. */
    public static String quote(String text) {
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
