package io.parley.api;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.parley.document.Csv;
import io.parley.model.Numbers;

/**
 * Streams the rows of a table as they are computed, as CSV (a header, then RFC 4180 records) or as
 * NDJSON (one object per line, keyed by column): the one writer behind every streamed answer, so
 * millions of rows hold nothing in memory. Numbers are plain decimals at full precision; a NaN or
 * an infinity (a figure that overflowed) is an empty cell or a JSON null.
 */
final class RowWriter {

    /** Bytes buffered before a write reaches the client: large enough that a row is rarely a syscall. */
    private static final int BUFFER_CHARS = 1 << 16;

    private final Writer out;
    private final boolean csv;
    /** NDJSON: what precedes each column's value, {@code {"key":} or {@code ,"key":}. */
    private final String[] prefixes;
    private int column;

    private RowWriter(OutputStream stream, Format format, List<String> columns) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER_CHARS);
        this.csv = format == Format.CSV;
        this.prefixes = new String[columns.size()];
        for (int i = 0; i < prefixes.length; i++) {
            prefixes[i] = (i == 0 ? "{" : ",") + '"' + new String(JsonStringEncoder.getInstance()
                    .quoteAsString(columns.get(i))) + "\":";
        }
    }

    /** A writer of rows with these columns in {@code format} (CSV or NDJSON); a CSV starts with its header. */
    static RowWriter open(OutputStream stream, Format format, List<String> columns) throws IOException {
        if (format != Format.CSV && format != Format.NDJSON) {
            throw new IllegalArgumentException(format + " is not a row format");
        }
        RowWriter w = new RowWriter(stream, format, columns);
        if (w.csv) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) w.out.write(',');
                w.out.write(Csv.quote(columns.get(i)));
            }
            w.out.write(Csv.EOL);
        }
        return w;
    }

    RowWriter cell(long value) throws IOException {
        next();
        out.write(Long.toString(value));
        return this;
    }

    RowWriter cell(double value) throws IOException {
        next();
        // a figure a lever drove past the largest double is null like one the model leaves undefined:
        // "Infinity" is no JSON number, and no number a spreadsheet reads
        out.write(Double.isFinite(value) ? Numbers.plain(value) : csv ? "" : "null");
        return this;
    }

    RowWriter cells(double[] values) throws IOException {
        for (double v : values) cell(v);
        return this;
    }

    /** Ends the row. */
    void end() throws IOException {
        out.write(csv ? Csv.EOL : "}\n");
        column = 0;
    }

    void flush() throws IOException {
        out.flush();
    }

    private void next() throws IOException {
        if (column >= prefixes.length) {
            throw new IllegalStateException("a row has " + prefixes.length + " columns");
        }
        if (csv) {
            if (column > 0) out.write(',');
        } else {
            out.write(prefixes[column]);
        }
        column++;
    }
}
