package io.parley.analysis;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.hipparchus.random.SobolSequenceGenerator;

import io.parley.model.Spellings;

/**
 * Where the samples of a Monte Carlo run come from, as points of the unit cube (0, 1)^k that the
 * levers' quantile functions turn into values. Every sample is a function of the seed and its index
 * alone, so a run gives the same samples whether one thread or many compute it, and shard k of n
 * holds exactly the samples the whole run would have at those indexes.
 */
public final class Sampling {

    /** Samples are generated in blocks of this many, each with its own random stream. */
    public static final int BLOCK = 8192;
    /** Keeps uniforms off 0 and 1, where the quantiles of unbounded distributions are infinite. */
    static final double EDGE = 1e-12;

    public enum Method {
        /** Independent pseudo-random draws. */
        RANDOM,
        /** Latin hypercube: each lever's range cut into n equally likely strata, one sample in each. */
        LATIN_HYPERCUBE,
        /** Sobol low-discrepancy points (randomly shifted by the seed), for faster convergence. */
        SOBOL;

        /** The names requests spell the methods in ({@link Spellings}), in this order. */
        public static final List<String> NAMES = Spellings.of(values());

        public static Optional<Method> named(String name) {
            return Spellings.find(values(), name);
        }
    }

    private final Method method;
    private final long seed;
    private final int dimensions;
    private final long total;
    private final Strata[] strata; // Latin hypercube: per dimension, sample → stratum, computed, not held
    private final double[] shift; // Sobol: Cranley-Patterson rotation per dimension

    /**
     * @param total number of samples of the whole run (Latin hypercube strata depend on it)
     */
    public Sampling(Method method, long seed, int dimensions, long total) {
        this.method = method;
        this.seed = seed;
        this.dimensions = dimensions;
        this.total = total;
        SplittableRandom setup = new SplittableRandom(seed);
        if (method == Method.LATIN_HYPERCUBE) {
            strata = new Strata[dimensions];
            for (int d = 0; d < dimensions; d++) strata[d] = new Strata(total, setup.nextLong());
        } else {
            strata = null;
        }
        shift = new double[dimensions];
        for (int d = 0; d < dimensions; d++) shift[d] = setup.nextDouble();
    }

    /**
     * Fills {@code out[i][d]} with the uniforms of samples {@code first … first + count − 1}, which must
     * lie in one block: {@link #columns}, one row per sample.
     */
    public void block(long first, int count, double[][] out) {
        double[][] columns = new double[dimensions][count];
        columns(first, count, columns, null);
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < dimensions; d++) out[i][d] = columns[d][i];
        }
    }

    /**
     * Fills {@code out[d][i]} with the uniform of dimension d of sample {@code first + i}, for the
     * {@code count} samples from {@code first}, which must lie in one block: one column per dimension,
     * so that each lever's quantiles are one tight loop. A Latin hypercube also writes sample
     * {@code first + i}'s stratum of dimension d to {@code strata[d][first + i]} when {@code strata} is not
     * null (the strata order the lever's values: {@link Ranks#ofPositionsInPlace}). The uniforms are those of the
     * same samples in any other call: the block's stream is drawn sample by sample, dimension by dimension.
     */
    public void columns(long first, int count, double[][] out, double[][] strata) {
        long blockIndex = first / BLOCK;
        if ((first + count - 1) / BLOCK != blockIndex) throw new IllegalArgumentException("a request spans two blocks");
        switch (method) {
            case RANDOM -> {
                SplittableRandom random = stream(blockIndex);
                skip(random, (first - blockIndex * BLOCK) * dimensions);
                for (int i = 0; i < count; i++) {
                    for (int d = 0; d < dimensions; d++) out[d][i] = clamp(random.nextDouble());
                }
            }
            case LATIN_HYPERCUBE -> {
                SplittableRandom random = stream(blockIndex);
                skip(random, (first - blockIndex * BLOCK) * dimensions);
                for (int i = 0; i < count; i++) {
                    for (int d = 0; d < dimensions; d++) out[d][i] = random.nextDouble();
                }
                // each sample's stratum first, then its uniform: two loops, the second one C2 vectorises
                double[] scratch = strata == null ? new double[count] : null;
                for (int d = 0; d < dimensions; d++) {
                    double[] of = strata == null ? scratch : strata[d];
                    int at = strata == null ? 0 : (int) first;
                    this.strata[d].fill(first, count, of, at);
                    double[] column = out[d];
                    for (int i = 0; i < count; i++) column[i] = clamp((of[at + i] + column[i]) / total);
                }
            }
            case SOBOL -> {
                SobolSequenceGenerator sobol = new SobolSequenceGenerator(dimensions);
                sobol.skipTo((int) (first + 1)); // the first Sobol point is the origin
                for (int i = 0; i < count; i++) {
                    double[] v = sobol.nextVector();
                    for (int d = 0; d < dimensions; d++) {
                        double u = v[d] + shift[d];
                        out[d][i] = clamp(u >= 1 ? u - 1 : u);
                    }
                }
            }
        }
    }

    /** True when {@link #columns} writes each sample's strata: a Latin hypercube of at most an int's samples. */
    boolean hasStrata() {
        return strata != null && total <= Integer.MAX_VALUE;
    }

    private SplittableRandom stream(long blockIndex) {
        // an independent, reproducible stream per block, seeded by SplitMix64's finaliser over (seed, block)
        return new SplittableRandom(mix(seed, blockIndex));
    }

    private static void skip(SplittableRandom random, long draws) {
        for (long i = 0; i < draws; i++) random.nextDouble();
    }

    /** A well-mixed 64-bit value of (seed, block): SplitMix64's finaliser over both. */
    static long mix(long seed, long block) {
        long z = seed + 0x9E3779B97F4A7C15L * (block + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A pseudo-random permutation of the strata 0 … n−1 of one dimension, computed for each sample
     * instead of held: a four-round Feistel network keyed by the seed is a bijection of [0, 4^h) for the
     * smallest 4^h ≥ n, and walking its cycle until the value falls below n (Black and Rogaway's
     * cycle-walking) makes it a bijection of [0, n). So every stratum still holds exactly one sample, in
     * constant memory whatever n is (int[levers][samples] was 800 MB at 100 levers × 2 M samples), and any
     * shard finds its samples' strata without the others. A walk takes under 4 rounds of the network on average.
     */
    static final class Strata {
        private static final int ROUNDS = 4;
        /**
         * Halves of up to this many bits (runs of up to 2^24 samples) have each round's function tabulated:
         * 4 × 4,096 ints, 64 KB, against the 128 MB a run that size holds per lever. A round is then a
         * look-up in L1/L2 instead of SplitMix64's two multiplications, the most of a Latin hypercube's draw.
         */
        static final int TABULATED_HALF_BITS = 12;
        private final long n;
        private final int halfBits;
        private final long mask;
        private final long[] keys = new long[ROUNDS];
        /** round r's function of a half h at [r << halfBits | h], or null when the halves are too wide. */
        private final int[] rounds;

        Strata(long n, long seed) {
            if (n < 1) throw new IllegalArgumentException("strata of " + n + " samples");
            this.n = n;
            int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
            this.halfBits = Math.max(1, (bits + 1) / 2);
            this.mask = (1L << halfBits) - 1;
            for (int r = 0; r < ROUNDS; r++) keys[r] = mix(seed, r);
            if (halfBits <= TABULATED_HALF_BITS) {
                rounds = new int[ROUNDS << halfBits];
                for (int r = 0; r < ROUNDS; r++) {
                    for (long h = 0; h <= mask; h++) rounds[(int) (r << halfBits | h)] = (int) (mix(keys[r], h) & mask);
                }
            } else {
                rounds = null;
            }
        }

        /** Writes the strata of samples {@code first … first + count − 1} to {@code to[at …]}. */
        void fill(long first, int count, double[] to, int at) {
            if (rounds == null) {
                for (int i = 0; i < count; i++) to[at + i] = of(first + i);
                return;
            }
            for (int i = 0; i < count; i++) {
                int x = (int) (first + i);
                do {
                    x = (int) encryptTabulated(x);
                } while (x >= n);
                to[at + i] = x;
            }
        }

        /** The stratum of sample {@code i} (0 ≤ i < n). */
        long of(long i) {
            long x = i;
            do {
                x = encrypt(x);
            } while (x >= n);
            return x;
        }

        private long encrypt(long x) {
            if (rounds != null) return encryptTabulated((int) x);
            long left = x >>> halfBits;
            long right = x & mask;
            for (long key : keys) {
                long next = left ^ (mix(key, right) & mask);
                left = right;
                right = next;
            }
            return (left << halfBits) | right;
        }

        /** {@link #encrypt} with each round's function looked up: the same network, the same answer. */
        private long encryptTabulated(int x) {
            int h = halfBits;
            int m = (int) mask;
            int left = x >>> h;
            int right = x & m;
            for (int r = 0; r < ROUNDS; r++) {
                int next = left ^ rounds[r << h | right];
                left = right;
                right = next;
            }
            return (long) left << h | right;
        }
    }

    /** A uniformly random permutation of 0 … n−1 (Fisher–Yates). */
    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static double clamp(double u) {
        return Math.min(1 - EDGE, Math.max(EDGE, u));
    }
}
