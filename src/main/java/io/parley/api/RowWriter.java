package io.parley.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.parley.document.Csv;
import io.parley.model.Numbers;
import io.parley.model.PlainDecimalWriter;

/**
 * Streams the rows of a table as they are computed, as CSV (a header, then RFC 4180 records) or as
 * NDJSON (one object per line, keyed by column): the one writer behind every streamed answer, so
 * millions of rows hold nothing in memory. Numbers are plain decimals at full precision; a NaN or
 * an infinity (a figure that overflowed) is an empty cell or a JSON null.
 *
 * <p>A row is written as bytes into one buffer (numbers by {@link PlainDecimalWriter}, column
 * prefixes encoded once), so a row allocates nothing; the buffer goes to the client when full. Each
 * column keeps the text of its last number and copies it when the next row repeats that number: a
 * sweep's slower levers change once in many rows (the first of a 1000 × 1000 grid once in 1,000). A
 * column whose numbers are known before the rows (a swept lever's values) has their texts written once
 * ({@link #knownNumbers}) and copied in every row: the fastest lever of a grid changes every row.
 */
final class RowWriter {

    /** Bytes buffered before a write reaches the client: large enough that a row is rarely a syscall. */
    private static final int BUFFER_BYTES = 1 << 16;
    private static final byte[] CSV_END = Csv.EOL.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NDJSON_END = "}\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    /** Room for a cell's text beyond its prefix: a number's longest, or a long's 20 digits. */
    private static final int NUMBER_ROOM = PlainDecimalWriter.MAX_LENGTH;

    private final OutputStream out;
    private final byte[] buffer;
    private int used;
    private final PlainDecimalWriter decimals = new PlainDecimalWriter();
    private final boolean csv;
    /** What precedes each column's value: CSV, a comma but before the first; NDJSON, {@code {"key":} or {@code ,"key":}. */
    private final byte[][] prefixes;
    private int column;
    /** Per column, the bits of the last number written and its text (bits no finite number has before the first). */
    private final long[] lastBits;
    private final byte[][] lastText;
    private final int[] lastLength;
    /** Per column, the texts of the numbers it is known to hold, or null. */
    private final NumberTexts[] known;

    private RowWriter(OutputStream stream, Format format, List<String> columns, int bufferBytes) {
        if (format != Format.CSV && format != Format.NDJSON) {
            throw new IllegalArgumentException(format + " is not a row format");
        }
        this.out = stream;
        this.csv = format == Format.CSV;
        this.prefixes = new byte[columns.size()][];
        for (int i = 0; i < prefixes.length; i++) {
            String prefix = csv ? (i == 0 ? "" : ",") : (i == 0 ? "{" : ",") + '"'
                    + new String(JsonStringEncoder.getInstance().quoteAsString(columns.get(i))) + "\":";
            prefixes[i] = prefix.getBytes(StandardCharsets.UTF_8);
        }
        int longestPrefix = Arrays.stream(prefixes).mapToInt(p -> p.length).max().orElse(0);
        this.buffer = new byte[Math.max(bufferBytes, longestPrefix + NUMBER_ROOM + NDJSON_END.length)]; // a cell always fits
        this.lastBits = new long[columns.size()];
        Arrays.fill(lastBits, Double.doubleToRawLongBits(Double.NaN));
        this.lastText = new byte[columns.size()][PlainDecimalWriter.MAX_LENGTH];
        this.lastLength = new int[columns.size()];
        this.known = new NumberTexts[columns.size()];
    }

    /** A writer of rows with these columns in {@code format} (CSV or NDJSON); a CSV starts with its header. */
    static RowWriter open(OutputStream stream, Format format, List<String> columns) throws IOException {
        RowWriter w = new RowWriter(stream, format, columns, BUFFER_BYTES);
        w.write(header(format, columns));
        return w;
    }

    /**
     * A writer of rows alone (no header) into {@code stream} through a buffer of {@code bufferBytes}:
     * one block of a stream's rows, the header written once before the first ({@link RowBlocks}).
     */
    static RowWriter headless(OutputStream stream, Format format, List<String> columns, int bufferBytes) {
        return new RowWriter(stream, format, columns, bufferBytes);
    }

    /** What precedes the rows: a CSV's header line (its column names quoted where they must be); nothing in NDJSON. */
    static byte[] header(Format format, List<String> columns) {
        if (format != Format.CSV) return new byte[0];
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) header.append(',');
            header.append(Csv.quote(columns.get(i)));
        }
        return header.append(Csv.EOL).toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Tells the writer the numbers column {@code c} holds, so their texts are written once here rather
     * than in each row; more than {@link NumberTexts#MAX_NUMBERS} are ignored (written as they come).
     * The text is the same either way.
     */
    RowWriter knownNumbers(int c, double[] values) {
        if (values.length <= NumberTexts.MAX_NUMBERS) known[c] = NumberTexts.of(values, decimals);
        return this;
    }

    /** Tells the writer the texts of numbers column {@code c} holds, written once for several writers; null for none. */
    RowWriter knownTexts(int c, NumberTexts texts) {
        known[c] = texts;
        return this;
    }

    RowWriter cell(long value) throws IOException {
        next();
        used = PlainDecimalWriter.write(value, buffer, used);
        return this;
    }

    RowWriter cell(double value) throws IOException {
        next();
        if (Double.isFinite(value)) {
            number(column - 1, value);
        } else if (!csv) {
            // a figure a lever drove past the largest double is null like one the model leaves undefined:
            // "Infinity" is no JSON number, and no number a spreadsheet reads (an empty CSV cell)
            write(NULL);
        }
        return this;
    }

    RowWriter cells(double[] values) throws IOException {
        for (double v : values) cell(v);
        return this;
    }

    /**
     * A finite number in column {@code c}: the text of the column's last number when it is the same
     * number, else its known text, else written.
     */
    private void number(int c, double value) {
        long bits = Double.doubleToRawLongBits(value);
        if (bits == lastBits[c]) {
            System.arraycopy(lastText[c], 0, buffer, used, lastLength[c]);
            used += lastLength[c];
            return;
        }
        int end = known[c] == null ? -1 : known[c].copy(bits, buffer, used);
        if (end >= 0) {
            used = end;
            return;
        }
        int start = used;
        used = decimals.write(value, buffer, used);
        lastBits[c] = bits;
        lastLength[c] = used - start;
        System.arraycopy(buffer, start, lastText[c], 0, lastLength[c]);
    }

    /** Ends the row. */
    void end() throws IOException {
        write(csv ? CSV_END : NDJSON_END);
        column = 0;
    }

    void flush() throws IOException {
        drain();
        out.flush();
    }

    /**
     * Writes the bytes buffered so far to {@code target} rather than to this writer's stream, and empties
     * the buffer: a block's rows go from here to the response without a copy ({@link RowBlocks}).
     */
    void drainTo(OutputStream target) throws IOException {
        target.write(buffer, 0, used);
        used = 0;
    }

    /** Starts the next cell with its prefix, leaving room in the buffer for its number. */
    private void next() throws IOException {
        if (column >= prefixes.length) {
            throw new IllegalStateException("a row has " + prefixes.length + " columns");
        }
        byte[] prefix = prefixes[column++];
        if (used + prefix.length + NUMBER_ROOM > buffer.length) drain();
        write(prefix);
    }

    private void write(byte[] bytes) throws IOException {
        if (used + bytes.length > buffer.length) {
            drain();
            if (bytes.length > buffer.length) {
                out.write(bytes); // a header longer than the buffer
                return;
            }
        }
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
    }

    private void drain() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }
}
