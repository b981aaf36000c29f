package io.parley.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.parley.analysis.Grid;
import io.parley.model.PlainDecimalWriter;

/**
 * A stream's rows written as {@link RowWriter} writes them, but formatted a block at a time on the
 * formatting threads while the caller computes the next rows. A number's digits must stay
 * {@link Double#toString}'s byte for byte, and writing them was two thirds of a streamed sweep's
 * thread (the evaluation a fifth): so the digits run on every core beside the evaluation, and the
 * blocks are written in order by the caller alone.
 *
 * <p>At most {@link #IN_FLIGHT} blocks wait to be written: when the client reads slowly the caller's
 * write blocks, and it computes and queues nothing more meanwhile (back-pressure). Only the caller
 * writes to the stream, so a response's writes still all go through its lock ({@link WatchedResponse}).
 * A block whose turn comes before a formatting thread took it is formatted by the caller, so a
 * stream never waits on another stream's blocks. {@link #close} drops what was not written: the
 * caller stopped (its work was stopped, or a write failed because the client went away).
 *
 * <p>Not thread-safe: one caller per stream.
 */
final class RowBlocks implements Grid.RowSink, AutoCloseable {

    /** Threads formatting blocks, shared by every stream: one per core, the cores the digits are spread over. */
    static final int FORMATTERS = Runtime.getRuntime().availableProcessors();
    /**
     * Numbers in one block: about half a millisecond of digits (≈ 0.2 µs each), against a hand-off
     * of a few microseconds; a block of 3 columns is 1,365 rows, some 80 KB of CSV.
     */
    static final int BLOCK_CELLS = 4096;
    /** Blocks a stream holds at once beyond the one it fills: one per formatting thread and one being written. */
    static final int IN_FLIGHT = FORMATTERS + 1;
    /**
     * A block writer's buffer: room for a block of CSV numbers (some 80 KB for 3 columns), so a block's
     * text goes to the stream straight from it; what does not fit (long numbers, NDJSON's keys) goes
     * to the block's overflow first.
     */
    private static final int BLOCK_BUFFER_BYTES = 128 << 10;

    /** How long a formatting thread waits idle before it ends (a new one starts with the next block). */
    static final long IDLE_SECONDS = 30;

    /**
     * Idle threads end, so the pool holds none between streams: in dev mode each reload of this class
     * makes a new pool, and the old one's threads would otherwise live on, holding the old classes.
     */
    static final ThreadPoolExecutor FORMATTING = formattingPool();

    private final OutputStream out;
    private final Format format;
    private final List<String> columns;
    /** Whether the first column is each row's index (a raw sample's number), written as a whole number. */
    private final boolean indexed;
    private final int width;
    /** The numbers of a row: its columns but the index. */
    private final int rowCells;
    private final int blockRows;
    /** Per column, the texts of the numbers it is known to hold, or null; shared, read only, by every block. */
    private final NumberTexts[] known;
    /** Blocks handed to the formatters, in row order, the next to write first. */
    private final ArrayDeque<Block> queued = new ArrayDeque<>();
    /** Blocks written and ready to be filled again, so a stream allocates only its first few. */
    private final ArrayDeque<Block> free = new ArrayDeque<>();
    private Block filling;

    private RowBlocks(OutputStream out, Format format, List<String> columns, boolean indexed) {
        if (indexed && columns.isEmpty()) throw new IllegalArgumentException("an indexed row needs a column for its index");
        this.out = out;
        this.format = format;
        this.columns = List.copyOf(columns);
        this.indexed = indexed;
        this.width = columns.size();
        this.rowCells = indexed ? width - 1 : width;
        this.blockRows = Math.max(1, BLOCK_CELLS / Math.max(1, width));
        this.known = new NumberTexts[width];
    }

    /** Rows with these columns in {@code format} (CSV or NDJSON) to {@code out}; a CSV's header is written now. */
    static RowBlocks open(OutputStream out, Format format, List<String> columns) throws IOException {
        return opened(new RowBlocks(out, format, columns, false));
    }

    /**
     * Rows whose first column is the index each row is given (a raw sample's number, written as a whole
     * number), then the levers' values and the metrics'; a CSV's header is written now.
     */
    static RowBlocks openIndexed(OutputStream out, Format format, List<String> columns) throws IOException {
        return opened(new RowBlocks(out, format, columns, true));
    }

    private static RowBlocks opened(RowBlocks blocks) throws IOException {
        blocks.out.write(RowWriter.header(blocks.format, blocks.columns));
        return blocks;
    }

    /**
     * Tells every block the numbers column {@code c} holds, their texts written once here (see
     * {@link RowWriter#knownNumbers}); more than {@link NumberTexts#MAX_NUMBERS} are written as they come.
     */
    RowBlocks knownNumbers(int c, double[] values) {
        if (indexed && c == 0) throw new IllegalArgumentException("the index column holds whole numbers, not known ones");
        if (values.length <= NumberTexts.MAX_NUMBERS) known[c] = NumberTexts.of(values, new PlainDecimalWriter());
        return this;
    }

    /**
     * One row: its index when the rows are indexed, the levers' values, then the metrics' (copied; the
     * caller may reuse its arrays).
     */
    @Override
    public void row(long index, double[] leverValues, double[] metricValues) throws IOException {
        if (leverValues.length + metricValues.length != rowCells) {
            throw new IllegalArgumentException("a row has " + rowCells + " numbers, not "
                    + (leverValues.length + metricValues.length));
        }
        if (filling == null) filling = free.isEmpty() ? new Block() : free.pop();
        filling.indexes[filling.rows] = index;
        int at = filling.rows++ * rowCells;
        System.arraycopy(leverValues, 0, filling.cells, at, leverValues.length);
        System.arraycopy(metricValues, 0, filling.cells, at + leverValues.length, metricValues.length);
        if (filling.rows == blockRows) queueFilling();
    }

    /** Writes every row given, in order, and flushes the stream. */
    void finish() throws IOException {
        if (filling != null && filling.rows > 0) queueFilling();
        while (!queued.isEmpty()) writeFirst();
        out.flush();
    }

    /** Drops the blocks not written (none after {@link #finish}); a block being formatted finishes unread. */
    @Override
    public void close() {
        for (Block b : queued) b.formatted.cancel(false);
        queued.clear();
    }

    private void queueFilling() throws IOException {
        Block block = filling;
        filling = null;
        block.formatted = new FutureTask<>(block::format, null);
        queued.addLast(block);
        FORMATTING.execute(block.formatted);
        if (queued.size() > IN_FLIGHT) writeFirst();
    }

    /** Writes the first queued block, formatting it here if no formatter has taken it yet. */
    private void writeFirst() throws IOException {
        Block block = queued.removeFirst();
        block.formatted.run(); // nothing when a formatter took it: then wait for it below
        try {
            block.formatted.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            block.formatted.cancel(false);
            throw new InterruptedIOException("interrupted while a block of rows was formatted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IllegalStateException("a block of rows failed to format", e.getCause());
        }
        if (block.overflow.size() > 0) { // the block's first bytes, when they outgrew the writer's buffer
            block.overflow.writeTo(out);
            block.overflow.reset();
        }
        block.writer.drainTo(out);
        block.rows = 0;
        free.push(block);
    }

    /**
     * A block of rows, its cells row by row, and its text once formatted: in its writer's buffer, after
     * the overflow's bytes if there are any.
     */
    private final class Block {
        final double[] cells = new double[blockRows * rowCells];
        /** Each row's index: written only when the rows are indexed. */
        final long[] indexes = new long[blockRows];
        int rows;
        final ByteArrayOutputStream overflow = new ByteArrayOutputStream(0);
        final RowWriter writer = RowWriter.headless(overflow, format, columns, BLOCK_BUFFER_BYTES);
        FutureTask<Void> formatted;

        Block() {
            for (int c = 0; c < width; c++) writer.knownTexts(c, known[c]);
        }

        /** Formats the rows into the writer's buffer: on a formatting thread, or the caller's when its turn came first. */
        void format() {
            try {
                for (int r = 0; r < rows; r++) {
                    if (indexed) writer.cell(indexes[r]);
                    int at = r * rowCells;
                    for (int c = 0; c < rowCells; c++) writer.cell(cells[at + c]);
                    writer.end();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("bytes in memory cannot fail to be written", e);
            }
        }
    }

    private static ThreadPoolExecutor formattingPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(FORMATTERS, FORMATTERS, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new Daemons());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The formatting threads: daemons, so a stopping service does not wait for them, named for a thread dump. */
    private static final class Daemons implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread t = new Thread(task, "parley-row-format-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
