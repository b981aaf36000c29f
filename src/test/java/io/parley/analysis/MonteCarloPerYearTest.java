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

    @Test
    void aMatrixCorrelatesLeversWithinEachYearAndTheChainsLinkTheYears() {
        // requested levers: 0 growth per year (years 1–3), 1 escalator per year (years 2–3, no step into year 1),
        // both ρ = 0.5; 2 unit cost drawn once. Spearman matrix: growth–escalator 0.3, growth–unit cost 0.5,
        // escalator–unit cost 0. Every law is normal, so values correlate exactly as their normal scores.
        CompiledScenario compiled = CompiledScenario.compile(Fixtures.flatDeal(3, 1)).withYearSlots();
        double rho = 0.5;
        Distribution growth = new Distribution.Normal(0.05, 0.02);
        Distribution escalator = new Distribution.Normal(0.03, 0.01);
        List<MonteCarlo.Uncertain> levers = new ArrayList<>();
        List<RankCorrelation.Draw> draws = new ArrayList<>();
        for (int year = 1; year <= 3; year++) {
            levers.add(new MonteCarlo.Uncertain(BoundLever.bind(compiled, "products[widgets].volumeGrowth[year=" + year + "]"), growth));
            draws.add(new RankCorrelation.Draw(0, year, rho));
        }
        for (int year = 2; year <= 3; year++) {
            levers.add(new MonteCarlo.Uncertain(BoundLever.bind(compiled, "products[widgets].priceEscalator[year=" + year + "]"), escalator));
            draws.add(new RankCorrelation.Draw(1, year, rho));
        }
        levers.add(new MonteCarlo.Uncertain(BoundLever.bind(compiled, "products[widgets].unitCost"), new Distribution.Normal(6, 0.5)));
        draws.add(RankCorrelation.Draw.once(2));
        double[][] spearman = {{1, 0.3, 0.5}, {0.3, 1, 0}, {0.5, 0, 1}};
        RankCorrelation copula = RankCorrelation.of(spearman, draws);

        double[][] v = drawn(compiled, levers, config(1, copula));
        int g1 = 0, g2 = 1, g3 = 2, e2 = 3, e3 = 4, cost = 5;

        // the normal form of a Spearman ρs is 2 sin(π ρs / 6)
        double rGe = 2 * Math.sin(Math.PI * 0.3 / 6);    // 0.3129
        double rGc = 2 * Math.sin(Math.PI * 0.5 / 6);    // 0.5176
        // within a year, rates of one ρ correlate as the matrix says, in year 2 (the escalator's first) as in year 3:
        // Cov(z_g2, z_e2) = R (ρ·ρ + √(1 − ρ²)²) = R
        assertCorrelation(v[g2], v[e2], rGe, "growth and escalator, year 2");
        assertCorrelation(v[g3], v[e3], rGe, "growth and escalator, year 3");
        // across years the chains carry it: one year apart R ρ, either way round
        assertCorrelation(v[g1], v[e2], rGe * rho, "growth year 1, escalator year 2");
        assertCorrelation(v[g3], v[e2], rGe * rho, "growth year 3, escalator year 2");
        // a lever drawn once holds the matrix's correlation with year 1 of a rate, fading by ρ a year after
        assertCorrelation(v[cost], v[g1], rGc, "unit cost and growth year 1");
        assertCorrelation(v[cost], v[g2], rGc * rho, "unit cost and growth year 2");
        assertCorrelation(v[cost], v[g3], rGc * rho * rho, "unit cost and growth year 3");
        assertCorrelation(v[cost], v[e2], 0, "unit cost and escalator year 2");
        // each rate's own years still follow its chain, ρ^k
        assertCorrelation(v[g1], v[g3], rho * rho, "growth years 1 and 3");
        assertCorrelation(v[e2], v[e3], rho, "escalator years 2 and 3");
        // in ranks, the within-year figure is the Spearman coefficient asked for (sd of a rank correlation ≈ 1/√n)
        assertThat(MonteCarloTest.spearman(v[g3], v[e3])).isCloseTo(0.3, within(SES / Math.sqrt(SAMPLES)));
        // and every lever keeps its law
        assertThat(MonteCarlo.moments(v[e3], SAMPLES)[1]).isCloseTo(0.03, within(SES * 0.01 / Math.sqrt(SAMPLES)));
        assertThat(Math.sqrt(MonteCarlo.moments(v[cost], SAMPLES)[2])).isCloseTo(0.5, within(0.03 * 0.5));
    }

    @Test
    void withoutAMatrixTheDrawsAreThePlainYearToYearChains() {
        List<RankCorrelation.Draw> draws = List.of(new RankCorrelation.Draw(0, 1, 0), new RankCorrelation.Draw(0, 2, 0),
                RankCorrelation.Draw.once(1));
        assertThat(RankCorrelation.of(null, draws)).as("independent years and a lone lever need no copula").isNull();
    }

    /** A sample correlation within four of its sds, (1 − r²)/√n, of r. */
    static void assertCorrelation(double[] x, double[] y, double r, String what) {
        assertThat(pearson(x, y)).as(what).isCloseTo(r, within(SES * (1 - r * r) / Math.sqrt(SAMPLES)));
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
