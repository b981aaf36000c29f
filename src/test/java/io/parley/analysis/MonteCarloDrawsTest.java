package io.parley.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Evaluator;
import io.parley.engine.Metric;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run draws and evaluates a block of samples at once (uniforms a column per lever, each lever's
 * quantiles in one loop, the samples in the batch evaluator's lanes); each sample must still be what
 * drawing and evaluating it alone gives: its uniforms as {@link Sampling#block} lays them out sample by
 * sample, each lever's {@link Distribution#quantile} of its uniform, and {@link Evaluator#evaluate} at
 * those values, every figure to the last bit.
 */
class MonteCarloDrawsTest {

    static final CompiledScenario COMPILED = CompiledScenario.compile(Fixtures.example("packaging-retailer-renewal.json"));
    static final List<Metric> METRICS = List.of(Metric.NPV, Metric.CUSTOMER_NPV, Metric.COGS);

    /** A lever of each law with a column loop of its own (normal, triangular, uniform) and one without (lognormal). */
    static final List<MonteCarlo.Uncertain> LEVERS = List.of(
            uncertain("products[srp-trays].baseVolume", new Distribution.Normal(2_450_000, 196_000)),
            uncertain("products[srp-trays].costInflation", new Distribution.Triangular(0.018, 0.028, 0.048)),
            uncertain("products[transit-cases].unitCost", new Distribution.Uniform(0.85, 0.97)),
            uncertain("products[ecom-mailers].baseVolume", new Distribution.LogNormal(640_000, 80_000)));

    static MonteCarlo.Uncertain uncertain(String path, Distribution d) {
        return new MonteCarlo.Uncertain(BoundLever.bind(COMPILED, path), d);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyStreamedSampleIsItsUniformsQuantilesThroughTheScalarEvaluatorToTheBit(boolean correlated) {
        int n = 10_000; // a whole block and a partial one
        for (Sampling.Method method : Sampling.Method.values()) {
            RankCorrelation correlation = correlated ? RankCorrelation.of(new double[][] {
                {1, 0.5, 0, 0}, {0.5, 1, 0, 0}, {0, 0, 1, -0.3}, {0, 0, -0.3, 1}}) : null;
            MonteCarlo.Config config = new MonteCarlo.Config(n, method, 11, 1, correlation, null,
                    MonteCarlo.DEFAULT_PERCENTILES, List.of(), MonteCarlo.DEFAULT_HISTOGRAM_BINS);
            List<double[]> rows = new ArrayList<>();
            try {
                MonteCarlo.stream(COMPILED, LEVERS, METRICS, config, 0, n, (index, values, out) -> {
                    assertThat(index).isEqualTo(rows.size());
                    double[] row = new double[values.length + out.length];
                    System.arraycopy(values, 0, row, 0, values.length);
                    System.arraycopy(out, 0, row, values.length, out.length);
                    rows.add(row);
                });
            } catch (IOException e) {
                throw new AssertionError(e);
            }

            Sampling sampling = new Sampling(method, 11, LEVERS.size(), n);
            Evaluator evaluator = COMPILED.newEvaluator();
            double[] parameters = COMPILED.parameters();
            double[] summary = new double[Metric.count()];
            double[] scratch = new double[LEVERS.size()];
            for (int first = 0; first < n; first += Sampling.BLOCK) {
                int count = Math.min(Sampling.BLOCK, n - first);
                double[][] u = new double[count][LEVERS.size()];
                sampling.block(first, count, u);
                for (int i = 0; i < count; i++) {
                    if (correlation != null) correlation.correlate(u[i], scratch);
                    double[] expected = new double[LEVERS.size() + METRICS.size()];
                    for (int l = 0; l < LEVERS.size(); l++) {
                        expected[l] = LEVERS.get(l).distribution().quantile(u[i][l]);
                        parameters[LEVERS.get(l).lever().slot()] = expected[l];
                    }
                    evaluator.evaluate(parameters, summary);
                    for (int m = 0; m < METRICS.size(); m++) {
                        expected[LEVERS.size() + m] = summary[METRICS.get(m).ordinal()];
                    }
                    double[] actual = rows.get(first + i);
                    for (int k = 0; k < expected.length; k++) {
                        if (Double.doubleToLongBits(actual[k]) != Double.doubleToLongBits(expected[k])) {
                            throw new AssertionError(method + ", sample " + (first + i) + ", column " + k + ": "
                                    + actual[k] + " streamed, " + expected[k] + " alone");
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Sampling.Method.class)
    void columnsAreTheBlocksRowsTurnedAround(Sampling.Method method) {
        int n = 9_000;
        Sampling sampling = new Sampling(method, 5, 3, n);
        for (int first : new int[] {0, 100, 8_192, 8_500}) {
            int count = Math.min(Sampling.BLOCK - first % Sampling.BLOCK, n - first);
            double[][] rows = new double[count][3];
            sampling.block(first, count, rows);
            double[][] columns = new double[3][count];
            sampling.columns(first, count, columns, null);
            for (int i = 0; i < count; i++) {
                for (int d = 0; d < 3; d++) assertThat(columns[d][i]).isEqualTo(rows[i][d]);
            }
        }
    }

    @Test
    void aLatinHypercubesStrataAreAPermutationAndTheSliceOfEachUniform() {
        int n = 20_000;
        Sampling sampling = new Sampling(Sampling.Method.LATIN_HYPERCUBE, 3, 2, n);
        assertThat(sampling.hasStrata()).isTrue();
        double[][] strata = new double[2][n];
        for (int first = 0; first < n; first += Sampling.BLOCK) {
            int count = Math.min(Sampling.BLOCK, n - first);
            double[][] u = new double[2][count];
            sampling.columns(first, count, u, strata);
            for (int d = 0; d < 2; d++) {
                for (int i = 0; i < count; i++) {
                    // u = (stratum + r) / n with r in [0, 1): the slice of width 1/n it lies in is its stratum
                    assertThat(Math.floor(u[d][i] * n)).as("sample %d", first + i).isEqualTo(strata[d][first + i]);
                }
            }
        }
        for (int d = 0; d < 2; d++) {
            BitSet taken = new BitSet(n);
            for (double s : strata[d]) taken.set((int) s);
            assertThat(taken.cardinality()).isEqualTo(n);
        }
        assertThat(new Sampling(Sampling.Method.RANDOM, 3, 2, n).hasStrata()).isFalse();
    }
}
