package io.parley.analysis;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Latin hypercube's strata, computed per sample instead of held: for every n each stratum
 * 0 … n−1 is taken by exactly one sample (checked by enumeration), different seeds give different
 * orders, and a run of n samples puts one uniform in each of the n equal slices of every dimension.
 */
class StrataTest {

    @Test
    void everyStratumIsTakenByExactlyOneSample() {
        for (long n : new long[] {1, 2, 3, 4, 5, 17, 1000, 4096, 4097, 65_537}) {
            Sampling.Strata strata = new Sampling.Strata(n, 42);
            BitSet taken = new BitSet();
            for (long i = 0; i < n; i++) {
                long s = strata.of(i);
                assertThat(s).as("n = %d, sample %d", n, i).isBetween(0L, n - 1);
                assertThat(taken.get((int) s)).as("n = %d: stratum %d taken twice", n, s).isFalse();
                taken.set((int) s);
            }
            assertThat(taken.cardinality()).as("n = %d", n).isEqualTo((int) n);
        }
    }

    @Test
    void theOrderDependsOnTheSeedAndIsNotTheIdentity() {
        Sampling.Strata one = new Sampling.Strata(1000, 1);
        Sampling.Strata other = new Sampling.Strata(1000, 2);
        int same = 0;
        int fixed = 0;
        for (long i = 0; i < 1000; i++) {
            if (one.of(i) == other.of(i)) same++;
            if (one.of(i) == i) fixed++;
        }
        // a random permutation of 1000 agrees with another, or fixes, about 1 point; 20 is far in the tail
        assertThat(same).isLessThan(20);
        assertThat(fixed).isLessThan(20);
    }

    @Test
    void aRunPutsOneSampleInEachSliceOfEveryDimension() {
        int n = 10_000;
        int dimensions = 3;
        Sampling sampling = new Sampling(Sampling.Method.LATIN_HYPERCUBE, 7, dimensions, n);
        BitSet[] slices = new BitSet[dimensions];
        for (int d = 0; d < dimensions; d++) slices[d] = new BitSet(n);
        for (long first = 0; first < n; first += Sampling.BLOCK) {
            int count = (int) Math.min(Sampling.BLOCK, n - first);
            double[][] u = new double[count][dimensions];
            sampling.block(first, count, u);
            for (double[] point : u) {
                for (int d = 0; d < dimensions; d++) slices[d].set((int) Math.floor(point[d] * n));
            }
        }
        for (int d = 0; d < dimensions; d++) assertThat(slices[d].cardinality()).as("dimension %d", d).isEqualTo(n);
    }

    @Test
    void tabulatedRoundsGiveTheNetworkWorkedOutRoundByRound() {
        // the four-round Feistel network of the class comment, written out here with SplitMix64's finaliser,
        // against Strata's answers for runs whose rounds are tabulated (halves up to 12 bits) and one whose are not
        for (long n : new long[] {1, 2, 5, 1000, 4097, 1_000_000, 1L << 24, (1L << 24) + 1}) {
            long seed = 42 + n;
            Sampling.Strata strata = new Sampling.Strata(n, seed);
            int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
            int half = Math.max(1, (bits + 1) / 2);
            long mask = (1L << half) - 1;
            SomeIndexes samples = new SomeIndexes(n, 2_000);
            for (long i : samples.indexes) {
                long x = i;
                do {
                    long left = x >>> half;
                    long right = x & mask;
                    for (int r = 0; r < 4; r++) {
                        long next = left ^ (Sampling.mix(Sampling.mix(seed, r), right) & mask);
                        left = right;
                        right = next;
                    }
                    x = left << half | right;
                } while (x >= n);
                assertThat(strata.of(i)).as("n = %d, sample %d", n, i).isEqualTo(x);
            }
        }
    }

    @Test
    void aSpanOfSamplesFilledAtOnceHasEachSamplesOwnStratum() {
        // a tabulated run and one too large for tables, from a sample past the start, written at an offset
        for (long n : new long[] {1_000_000, 3_000_000_000L}) {
            Sampling.Strata strata = new Sampling.Strata(n, 5);
            long first = n / 3;
            double[] to = new double[Sampling.BLOCK + 2];
            strata.fill(first, Sampling.BLOCK, to, 2);
            for (int i = 0; i < Sampling.BLOCK; i++) {
                assertThat(to[2 + i]).as("n = %d, sample %d", n, first + i).isEqualTo((double) strata.of(first + i));
            }
        }
    }

    /** Every index of a small run, or the first, the last and some spread between of a larger one. */
    private record SomeIndexes(long[] indexes) {
        SomeIndexes(long n, int most) {
            this(java.util.stream.LongStream.concat(java.util.stream.LongStream.range(0, Math.min(n, most)),
                    new java.util.SplittableRandom(n).longs(most, 0, n)).toArray());
        }
    }

    @Test
    void aRunLargerThanAnIntHasStrataToo() {
        long n = 3_000_000_000L;
        Sampling.Strata strata = new Sampling.Strata(n, 9);
        assertThat(strata.of(n - 1)).isBetween(0L, n - 1);
        assertThat(strata.of(0)).isNotEqualTo(strata.of(1));
    }
}
