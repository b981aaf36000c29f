package io.parley.engine;

/**
 * Sizes of what a run holds on the heap, for admitting heavy work by its memory (api/HeavyWork)
 * before it allocates: each analysis states its peak in these terms beside its algorithm
 * (MonteCarlo, SobolIndices, Morris, Sweep, AffineModel). The figures are upper bounds for a 64-bit
 * JVM, so an estimate errs towards refusing rather than running the heap out. Sums saturate at
 * Long.MAX_VALUE, which no heap admits.
 */
public final class Heap {

    /** An array's header (16 bytes with compressed class pointers) and the reference that holds it (up to 8). */
    public static final long ARRAY = 24;
    /** A boxed Double in a list: a 16-byte object and its reference (up to 8). */
    public static final long BOXED_DOUBLE = 24;
    /**
     * Bytes one number takes in an answer written whole before it is sent (JSON or CSV): the longest
     * double Java prints, "-1.2345678901234567E-300", and its separator.
     */
    public static final long NUMBER_TEXT = 25;

    private Heap() {
    }

    /** An array of {@code n} doubles and its reference. */
    public static long doubles(long n) {
        return plus(ARRAY, times(8, n));
    }

    /** An array of {@code n} ints and its reference. */
    public static long ints(long n) {
        return plus(ARRAY, times(4, n));
    }

    /** a × b, or Long.MAX_VALUE when it does not fit (both ≥ 0). */
    public static long times(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    /** a + b, or Long.MAX_VALUE when it does not fit (both ≥ 0). */
    public static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
