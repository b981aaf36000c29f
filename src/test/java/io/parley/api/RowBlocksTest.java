package io.parley.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * Rows formatted in blocks on the formatting threads are the bytes one {@link RowWriter} writes,
 * in order; a client that stops reading stops the rows a few blocks on; a failed write ends them.
 */
class RowBlocksTest {

    /** The first column is a lever (its values known to the writer); the rest are metrics. */
    private static byte[] inBlocks(Format format, List<String> columns, double[][] rows, double[] known) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RowBlocks blocks = RowBlocks.open(out, format, columns)) {
            if (known != null) blocks.knownNumbers(0, known);
            for (int r = 0; r < rows.length; r++) {
                blocks.row(r, Arrays.copyOf(rows[r], 1), Arrays.copyOfRange(rows[r], 1, rows[r].length));
            }
            blocks.finish();
        }
        return out.toByteArray();
    }

    /** The same rows through one writer on this thread, as every streamed answer was written before blocks. */
    private static byte[] inOneWriter(Format format, List<String> columns, double[][] rows, double[] known) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RowWriter writer = RowWriter.open(out, format, columns);
        if (known != null) writer.knownNumbers(0, known);
        for (double[] row : rows) writer.cells(row).end();
        writer.flush();
        return out.toByteArray();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int rowsPerBlock(int columns) {
        return RowBlocks.BLOCK_CELLS / columns;
    }

    @Test
    void aFewRowsAreWrittenAsPlainDecimalsWithUndefinedFiguresEmptyOrNull() throws IOException {
        List<String> columns = List.of("discount", "npv");
        double[][] rows = {{0.05, 1234.5}, {0.1, Double.NaN}, {1e-7, Double.POSITIVE_INFINITY}, {0.05, -2e21}};
        double[] known = {0.05, 0.1};
        assertThat(text(inBlocks(Format.CSV, columns, rows, known))).isEqualTo(
                "discount,npv\r\n0.05,1234.5\r\n0.1,\r\n0.0000001,\r\n0.05,-2000000000000000000000\r\n");
        assertThat(text(inBlocks(Format.NDJSON, columns, rows, known))).isEqualTo("""
                {"discount":0.05,"npv":1234.5}
                {"discount":0.1,"npv":null}
                {"discount":0.0000001,"npv":null}
                {"discount":0.05,"npv":-2000000000000000000000}
                """);
    }

    @Test
    void noRowsAreTheHeaderAloneInCsvAndNothingInNdjson() throws IOException {
        double[][] none = new double[0][];
        assertThat(text(inBlocks(Format.CSV, List.of("a", "b,c"), none, null))).isEqualTo("a,\"b,c\"\r\n");
        assertThat(inBlocks(Format.NDJSON, List.of("a", "b,c"), none, null)).isEmpty();
    }

    @Test
    void manyBlocksOfNumbersOfEveryMagnitudeAreTheBytesOfOneWriterInOrder() throws IOException {
        SplittableRandom random = new SplittableRandom(17);
        for (int width : new int[] {1, 3, 25}) {
            List<String> columns = new ArrayList<>();
            for (int c = 0; c < width; c++) columns.add("column " + c);
            double[] lever = new double[50];
            for (int i = 0; i < lever.length; i++) lever[i] = i / 7.0;
            // a few blocks and a part of one, so rows cross every block's edge and the last is short
            double[][] rows = new double[rowsPerBlock(width) * (RowBlocks.IN_FLIGHT + 3) + 7][width];
            for (double[] row : rows) {
                row[0] = lever[random.nextInt(lever.length)];
                for (int c = 1; c < width; c++) {
                    int kind = random.nextInt(20);
                    row[c] = kind == 0 ? Double.NaN : kind == 1 ? Double.NEGATIVE_INFINITY : kind == 2 ? 1234.5 // repeats
                            : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-320, 300));
                }
            }
            for (Format format : new Format[] {Format.CSV, Format.NDJSON}) {
                byte[] expected = inOneWriter(format, columns, rows, lever);
                assertThat(inBlocks(format, columns, rows, lever)).as("%d columns, %s", width, format).isEqualTo(expected);
            }
        }
    }

    @Test
    void indexedRowsStartWithTheirIndexAsAWholeNumberAsOneWriterWroteRawSamples() throws IOException {
        SplittableRandom random = new SplittableRandom(29);
        List<String> columns = List.of("sample", "/products/0/unitCost", "npv", "customerNpv");
        long first = 9_007_199_254_740_000L; // beyond 2^53: an index is written exactly, not through a double
        int count = rowsPerBlock(columns.size()) * (RowBlocks.IN_FLIGHT + 2) + 3;
        double[][] levers = new double[count][1];
        double[][] metrics = new double[count][2];
        for (int r = 0; r < count; r++) {
            levers[r][0] = random.nextDouble() * 40;
            metrics[r][0] = random.nextInt(30) == 0 ? Double.NaN : (random.nextDouble() - 0.3) * 1e7;
            metrics[r][1] = -metrics[r][0] / 3;
        }
        for (Format format : new Format[] {Format.CSV, Format.NDJSON}) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            RowWriter writer = RowWriter.open(expected, format, columns);
            for (int r = 0; r < count; r++) writer.cell(first + r).cells(levers[r]).cells(metrics[r]).end();
            writer.flush();

            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            try (RowBlocks blocks = RowBlocks.openIndexed(actual, format, columns)) {
                for (int r = 0; r < count; r++) blocks.row(first + r, levers[r], metrics[r]);
                blocks.finish();
            }
            assertThat(actual.toByteArray()).as("%s", format).isEqualTo(expected.toByteArray());
        }
        String firstRow = text(inIndexed(columns, first)).split("\r\n")[1];
        assertThat(firstRow).startsWith("9007199254740000,");
    }

    @Test
    void anIndexedRowCountsItsNumbersWithoutTheIndexAndTheIndexColumnHoldsNoKnownNumbers() throws IOException {
        try (RowBlocks blocks = RowBlocks.openIndexed(new ByteArrayOutputStream(), Format.CSV, List.of("sample", "x", "y"))) {
            assertThatThrownBy(() -> blocks.row(0, new double[] {1, 2}, new double[] {3}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 numbers, not 3");
            assertThatThrownBy(() -> blocks.knownNumbers(0, new double[] {1}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index");
        }
        assertThatThrownBy(() -> RowBlocks.openIndexed(new ByteArrayOutputStream(), Format.CSV, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] inIndexed(List<String> columns, long index) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RowBlocks blocks = RowBlocks.openIndexed(out, Format.CSV, columns)) {
            blocks.row(index, new double[] {1.5}, new double[] {2, 3});
            blocks.finish();
        }
        return out.toByteArray();
    }

    @Test
    void aClientThatStopsReadingStopsTheRowsWithinTheBlocksAStreamHolds() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        AtomicLong written = new AtomicLong();
        OutputStream slowClient = client(length -> {
            if (written.get() > 0) await(reading); // the header goes out; then the client reads nothing
            written.addAndGet(Math.max(1, length));
        });
        int rows = 1_000_000;
        AtomicLong given = new AtomicLong();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try (RowBlocks blocks = RowBlocks.open(slowClient, Format.CSV, List.of("x", "y"))) {
                double[] x = new double[1];
                double[] y = new double[1];
                for (int r = 0; r < rows; r++) {
                    x[0] = r;
                    y[0] = r / 3.0;
                    blocks.row(r, x, y);
                    given.incrementAndGet();
                }
                blocks.finish();
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        caller.start();
        long seen = -1;
        for (int still = 0; still < 3; ) { // until the caller has stood still for three looks in a row
            Thread.sleep(200);
            boolean moved = given.get() != seen || caller.getState() == Thread.State.RUNNABLE;
            seen = given.get();
            still = moved ? 0 : still + 1;
        }
        int held = (RowBlocks.IN_FLIGHT + 1) * rowsPerBlock(2); // the blocks queued and the one being written
        assertThat(given.get()).as("rows taken while the client read nothing").isLessThan(held).isPositive();
        assertThat(caller.getState()).isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);

        reading.countDown();
        caller.join(TimeUnit.MINUTES.toMillis(2));
        assertThat(failed.get()).isNull();
        assertThat(given.get()).isEqualTo(rows);
    }

    @Test
    void aWriteThatFailsBecauseTheClientWentAwayEndsTheRowsWithItsError() {
        IOException gone = new IOException("the client went away");
        AtomicLong writes = new AtomicLong();
        OutputStream closed = client(length -> {
            if (writes.incrementAndGet() > 1) throw gone; // the header went out, then the connection closed
        });
        long[] given = {0};
        assertThatThrownBy(() -> {
            try (RowBlocks blocks = RowBlocks.open(closed, Format.NDJSON, List.of("x", "y"))) {
                for (int r = 0; r < 1_000_000; r++) {
                    blocks.row(r, new double[] {r}, new double[] {r * 0.1});
                    given[0]++;
                }
                blocks.finish();
            }
        }).isSameAs(gone);
        assertThat(given[0]).isLessThan((RowBlocks.IN_FLIGHT + 1) * rowsPerBlock(2));
        assertThat(writes.get()).isEqualTo(2);
    }

    @Test
    void rowsWhoseWorkStoppedWriteNothingMoreOnceClosed() throws Exception {
        AtomicLong written = new AtomicLong();
        OutputStream client = client(written::addAndGet);
        try (RowBlocks blocks = RowBlocks.open(client, Format.CSV, List.of("x", "y"))) {
            for (int r = 0; r < RowBlocks.IN_FLIGHT * rowsPerBlock(2); r++) blocks.row(r, new double[] {r}, new double[] {r});
            // the evaluation stops here (its client went away): no finish
        }
        Thread.sleep(200); // the formatters finish what they had taken
        assertThat(written.get()).as("the header alone").isEqualTo("x,y\r\n".length());
    }

    @Test
    void theFormattingThreadsEndWhenIdleSoAReloadedClassLeavesNoneBehind() {
        assertThat(RowBlocks.FORMATTING.allowsCoreThreadTimeOut()).isTrue();
        assertThat(RowBlocks.FORMATTING.getKeepAliveTime(TimeUnit.SECONDS)).isEqualTo(RowBlocks.IDLE_SECONDS).isPositive();
        assertThat(RowBlocks.FORMATTING.getMaximumPoolSize()).isEqualTo(RowBlocks.FORMATTERS);
    }

    /** What a test's client does with each write it is given: only its length matters. */
    private interface Reads {
        void write(int length) throws IOException;
    }

    private static OutputStream client(Reads reads) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                reads.write(1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                reads.write(length);
            }
        };
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
