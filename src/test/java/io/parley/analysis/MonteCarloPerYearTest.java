package io.parley.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;

import static io.parley.analysis.MonteCarloTest.assertSameResult;
import static io.parley.analysis.MonteCarloTest.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A rate drawn afresh each contract year (docs/uncertainty.md, "A rate per contract year"): one uncertain lever
 * per year of the rate, each from the rate's law, the years' normal scores an AR(1) chain
 * z_y = ρ z_{y−1} + √(1 − ρ²) ε_y. Checked against closed forms on the flat deal (1000 units a year at 10), annual.
 */
class MonteCarloPerYearTest {

    static final int SAMPLES = 20_000;
    /** Sampling error allowed: four standard errors, a false alarm once in some 16,000 runs. */
    static final double SES = 4;

    /** The rate's uncertain levers, one per year {@code first…years}, in year order. */
    static List<MonteCarlo.Uncertain> everyYear(CompiledScenario compiled, String rate, Distribution d) {
        List<MonteCarlo.Uncertain> levers = new ArrayList<>();
        for (int year = 1; year <= compiled.scenario().horizon().years(); year++) {
            levers.add(new MonteCarlo.Uncertain(BoundLever.bind(compiled, rate + "[year=" + year + "]"), d));
        }
        return levers;
    }

    static MonteCarlo.Config config(int threads, RankCorrelation correlation) {
        return new MonteCarlo.Config(SAMPLES, Sampling.Method.RANDOM, 2026, threads, correlation, null,
                MonteCarlo.DEFAULT_PERCENTILES, List.of(), MonteCarlo.DEFAULT_HISTOGRAM_BINS);
    }

    @Test
    void independentYearlyGrowthCompoundsTheMeans() {
        // three years; g_1, g_2, g_3 independent uniform on [0, 0.2]; on an annual horizon year 3's growth
        // acts after the horizon, so LR = 10 × 1000 × (1 + a + a b) with a = 1 + g_1, b = 1 + g_2
        CompiledScenario compiled = CompiledScenario.compile(Fixtures.flatDeal(3, 1)).withYearSlots();
        List<MonteCarlo.Uncertain> levers = everyYear(compiled, "products[widgets].volumeGrowth", new Distribution.Uniform(0, 0.2));
        RankCorrelation independent = RankCorrelation.yearToYear(levers.size(), List.of(new YearChain(0, 3, 0)));
        assertThat(independent).as("ρ = 0 needs no copula").isNull();

        MonteCarlo.Summary lr = summary(MonteCarlo.run(compiled, levers, List.of(Metric.LIST_REVENUE), config(1, null)),
                Metric.LIST_REVENUE);

        // E[a] = E[b] = 1.1, E[a²] = 1.1² + 0.2²/12, E[(1 + b)²] = 2.1² + 0.2²/12
        double mean = 10_000 * (1 + 1.1 + 1.1 * 1.1);                        // 33,100
        double variance = 1e8 * ((1.21 + 0.04 / 12) * (4.41 + 0.04 / 12) - Math.pow(1.1 * 2.1, 2));
        double sd = Math.sqrt(variance);                                     // 136.9 × 10
        assertThat(lr.mean()).isCloseTo(mean, within(SES * sd / Math.sqrt(SAMPLES)));
        // the sample sd of n = 20,000 is within ±3 % of σ here (its own se is about σ √((κ − 1)/4n) < 0.5 %)
        assertThat(lr.sd()).isCloseTo(sd, within(0.03 * sd));
        // independent years: the raw draws of consecutive years are uncorrelated, within 4/√n
        double[][] years = drawn(compiled, levers, config(1, null));
        assertThat(pearson(years[0], years[1])).isCloseTo(0, within(SES / Math.sqrt(SAMPLES)));
        assertThat(pearson(years[1], years[2])).isCloseTo(0, within(SES / Math.sqrt(SAMPLES)));
    }

    @Test
    void correlatedYearsFollowAnAutoregressiveChain() {
        // four years of normal growth (mean 5 %, sd 2 %): normal values are their scores scaled, so the
        // values of years k apart correlate exactly as the scores do, ρ^k
        CompiledScenario compiled = CompiledScenario.compile(Fixtures.flatDeal(4, 1)).withYearSlots();
        List<MonteCarlo.Uncertain> levers = everyYear(compiled, "products[widgets].volumeGrowth", new Distribution.Normal(0.05, 0.02));
        double rho = 0.6;
        RankCorrelation chain = RankCorrelation.yearToYear(4, List.of(new YearChain(0, 4, rho)));

        double[][] years = drawn(compiled, levers, config(1, chain));

        // the sample correlation's sd is about (1 − r²)/√n
        for (int y = 0; y + 1 < 4; y++) {
            assertThat(pearson(years[y], years[y + 1])).as("lag 1 from year %d", y + 1)
                    .isCloseTo(rho, within(SES * (1 - rho * rho) / Math.sqrt(SAMPLES)));
        }
        assertThat(pearson(years[0], years[2])).as("lag 2").isCloseTo(rho * rho, within(SES * (1 - Math.pow(rho, 4)) / Math.sqrt(SAMPLES)));
        assertThat(pearson(years[0], years[3])).as("lag 3").isCloseTo(rho * rho * rho, within(SES * (1 - Math.pow(rho, 6)) / Math.sqrt(SAMPLES)));
        // each year keeps the rate's own law: mean 0.05 within 4 se, sd 0.02 within 3 %
        for (double[] year : years) {
            double[] m = MonteCarlo.moments(year, year.length);
            assertThat(m[1]).isCloseTo(0.05, within(SES * 0.02 / Math.sqrt(SAMPLES)));
            assertThat(Math.sqrt(m[2])).isCloseTo(0.02, within(0.03 * 0.02));
        }
    }

    @Test
    void theSameSeedGivesTheSameFiguresOnOneThreadOrThree() {
        CompiledScenario compiled = CompiledScenario.compile(Fixtures.flatDeal(4, 1)).withYearSlots();
        List<MonteCarlo.Uncertain> levers = everyYear(compiled, "products[widgets].volumeGrowth", new Distribution.Normal(0.05, 0.02));
        RankCorrelation chain = RankCorrelation.yearToYear(4, List.of(new YearChain(0, 4, 0.6)));
        List<Metric> metrics = List.of(Metric.NPV, Metric.LIST_REVENUE);

        assertSameResult(MonteCarlo.run(compiled, levers, metrics, config(3, chain)),
                MonteCarlo.run(compiled, levers, metrics, config(1, chain)));
    }

    /** The streamed lever values of every sample, per lever: [lever][sample]. */
    static double[][] drawn(CompiledScenario compiled, List<MonteCarlo.Uncertain> levers, MonteCarlo.Config config) {
        double[][] values = new double[levers.size()][SAMPLES];
        try {
            MonteCarlo.stream(compiled, levers, List.of(Metric.NPV), config, 0, SAMPLES, (index, v, out) -> {
                for (int l = 0; l < v.length; l++) values[l][(int) index] = v[l];
            });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return values;
    }

    static double pearson(double[] x, double[] y) {
        double mx = MonteCarlo.moments(x, x.length)[1];
        double my = MonteCarlo.moments(y, y.length)[1];
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < x.length; i++) {
            xx += (x[i] - mx) * (x[i] - mx);
            yy += (y[i] - my) * (y[i] - my);
            xy += (x[i] - mx) * (y[i] - my);
        }
        return xy / Math.sqrt(xx * yy);
    }
}
