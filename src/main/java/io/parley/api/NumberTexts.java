package io.parley.api;

import java.util.Arrays;

import io.parley.model.PlainDecimalWriter;

/**
 * The text of each of a column's known numbers, written once and then copied: a swept lever takes
 * the same few values over and over (the fastest of a 1000 × 1000 grid each of its 1,000 values a
 * thousand times), so a row of a sweep need not write its levers' digits again. Looked up by the
 * number's bits in an open-addressed table; a number it does not know is the caller's to write.
 */
final class NumberTexts {

    /**
     * Most numbers a column knows: beyond this a lever's values are written as they come, which costs
     * no more than writing them here (each value is written at least once) and holds no more memory.
     */
    static final int MAX_NUMBERS = 4096;
    /** Fibonacci hashing's multiplier (2^64 / φ), which spreads the bits of nearby doubles over the table. */
    private static final long SPREAD = 0x9E3779B97F4A7C15L;

    /** Per slot of the table: the bits of its number and 1 + its index in {@link #start}, or 0 when empty. */
    private final long[] keys;
    private final int[] entries;
    private final int shift;
    /** The numbers' texts one after another: the i-th is {@code text[start[i], start[i + 1])}. */
    private final byte[] text;
    private final int[] start;

    private NumberTexts(long[] keys, int[] entries, int shift, byte[] text, int[] start) {
        this.keys = keys;
        this.entries = entries;
        this.shift = shift;
        this.text = text;
        this.start = start;
    }

    /** The texts of the finite numbers among {@code values} (at most {@link #MAX_NUMBERS}), written by {@code writer}. */
    static NumberTexts of(double[] values, PlainDecimalWriter writer) {
        if (values.length > MAX_NUMBERS) {
            throw new IllegalArgumentException(values.length + " numbers, above the " + MAX_NUMBERS + " a column knows");
        }
        int slots = Integer.highestOneBit(Math.max(1, values.length) * 2) * 2; // at most half full: short probes
        long[] keys = new long[slots];
        int[] entries = new int[slots];
        int shift = 64 - Integer.numberOfTrailingZeros(slots);
        byte[] text = new byte[values.length * 24 + PlainDecimalWriter.MAX_LENGTH];
        int[] start = new int[values.length + 1];
        int n = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) continue;
            long bits = Double.doubleToRawLongBits(v);
            int slot = slot(keys, entries, shift, bits);
            if (entries[slot] != 0) continue; // a value given twice
            if (text.length - start[n] < PlainDecimalWriter.MAX_LENGTH) {
                text = Arrays.copyOf(text, text.length * 2 + PlainDecimalWriter.MAX_LENGTH);
            }
            start[n + 1] = writer.write(v, text, start[n]);
            keys[slot] = bits;
            entries[slot] = ++n;
        }
        return new NumberTexts(keys, entries, shift, text, start);
    }

    /**
     * Copies the text of the number with these bits to {@code out} at {@code at}.
     *
     * @return the position after it, or -1 (nothing written) when the number is not one of these
     */
    int copy(long bits, byte[] out, int at) {
        int entry = entries[slot(keys, entries, shift, bits)];
        if (entry == 0) return -1;
        int from = start[entry - 1];
        int length = start[entry] - from;
        System.arraycopy(text, from, out, at, length);
        return at + length;
    }

    /** The slot holding {@code bits}, or the empty one where they would go (linear probing). */
    private static int slot(long[] keys, int[] entries, int shift, long bits) {
        int mask = entries.length - 1;
        int s = (int) ((bits * SPREAD) >>> shift);
        while (entries[s] != 0 && keys[s] != bits) s = (s + 1) & mask;
        return s;
    }
}
