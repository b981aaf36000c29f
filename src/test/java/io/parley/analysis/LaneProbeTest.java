package io.parley.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Product;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sobol and Morris evaluate their designs in lanes ({@link LaneProbe}); each figure must be the scalar
 * evaluator's ({@link Probe}) for the same lever values, to the last bit, so that moving to lanes
 * changes no result.
 */
class LaneProbeTest {

    static final CompiledScenario PACKAGING = CompiledScenario.compile(Fixtures.example("packaging-retailer-renewal.json"));

    /** Each line's volume (normal) and cost inflation (triangular): ten levers, as the uncertainty benchmark. */
    static List<MonteCarlo.Uncertain> tenLevers() {
        List<MonteCarlo.Uncertain> levers = new ArrayList<>();
        for (Product p : PACKAGING.scenario().products()) {
            levers.add(new MonteCarlo.Uncertain(BoundLever.bind(PACKAGING, "products[" + p.id() + "].baseVolume"),
                    new Distribution.Normal(p.baseVolume(), 0.08 * p.baseVolume())));
            levers.add(new MonteCarlo.Uncertain(BoundLever.bind(PACKAGING, "products[" + p.id() + "].costInflation"),
                    new Distribution.Triangular(p.costInflation() - 0.01, p.costInflation(), p.costInflation() + 0.02)));
        }
        return levers;
    }

    @Test
    void eachSampleIsTheScalarEvaluatorsFigureBitForBit() {
        List<MonteCarlo.Uncertain> levers = new ArrayList<>(tenLevers());
        // the same slot twice: the later lever's value is the one evaluated, in lanes as one at a time
        levers.add(new MonteCarlo.Uncertain(levers.get(0).lever(), new Distribution.Uniform(1, 2)));
        levers.add(new MonteCarlo.Uncertain(BoundLever.bind(PACKAGING, "terms.paymentDays"), new Distribution.Uniform(0, 90)));
        LaneProbe lanes = new LaneProbe(PACKAGING, levers);
        Probe probe = new Probe(PACKAGING);
        SplittableRandom random = new SplittableRandom(3);
        int count = lanes.capacity - 3; // a short last chunk of lanes
        for (int s = 0; s < count; s++) {
            for (int j = 0; j < levers.size(); j++) {
                lanes.values[j][s] = levers.get(j).distribution().quantile(random.nextDouble());
            }
        }
        lanes.evaluate(count);
        for (int s = 0; s < count; s++) {
            for (int j = 0; j < levers.size(); j++) probe.parameters[levers.get(j).lever().slot()] = lanes.values[j][s];
            double[] summary = probe.evaluate();
            for (Metric m : Metric.values()) {
                assertThat(Double.doubleToLongBits(lanes.out[m.ordinal()][s])).as("sample %d, %s", s, m.apiName)
                        .isEqualTo(Double.doubleToLongBits(summary[m.ordinal()]));
            }
        }
    }

    /**
     * Each elementary effect is (f(after) − f(before)) / Δ with f from the scalar evaluator at the design's
     * points, drawn here from the seed's stream as Morris draws them one trajectory at a time; 300
     * trajectories of 11 points span several batches of lanes.
     */
    @Test
    void morrisEffectsAreTheScalarEvaluatorsDifferencesBitForBit() {
        List<MonteCarlo.Uncertain> levers = tenLevers();
        int k = levers.size();
        int trajectories = 300;
        int levels = 4;
        long seed = 17;
        List<Metric> metrics = List.of(Metric.NPV, Metric.CUSTOMER_NPV);
        List<Morris.Result> results = Morris.run(PACKAGING, levers, Groups.each(levers), metrics, trajectories, levels,
                seed, Morris.MIN_RESAMPLES, 0.95);

        double delta = levels / (2.0 * (levels - 1));
        SplittableRandom random = new SplittableRandom(seed);
        Probe probe = new Probe(PACKAGING);
        double[][][] expected = new double[metrics.size()][k][trajectories];
        for (int t = 0; t < trajectories; t++) {
            double[] x = new double[k];
            for (int j = 0; j < k; j++) x[j] = random.nextInt(levels / 2) / (double) (levels - 1);
            int[] order = Sampling.permutation(k, random);
            double[] before = scalar(probe, levers, x, levels, metrics);
            for (int lever : order) {
                x[lever] += delta;
                double[] after = scalar(probe, levers, x, levels, metrics);
                for (int m = 0; m < metrics.size(); m++) expected[m][lever][t] = (after[m] - before[m]) / delta;
                before = after;
            }
        }
        for (int m = 0; m < metrics.size(); m++) {
            for (Morris.Effect effect : results.get(m).effects()) {
                int lever = leverIndex(levers, effect.lever());
                for (int t = 0; t < trajectories; t++) {
                    assertThat(Double.doubleToLongBits(effect.elementaryEffects().get(t)))
                            .as("%s, %s, trajectory %d", metrics.get(m).apiName, effect.lever(), t)
                            .isEqualTo(Double.doubleToLongBits(expected[m][lever][t]));
                }
            }
        }
    }

    private static int leverIndex(List<MonteCarlo.Uncertain> levers, String name) {
        List<String> names = Groups.each(levers).names();
        assertThat(names).contains(name);
        return names.indexOf(name);
    }

    private static double[] scalar(Probe probe, List<MonteCarlo.Uncertain> levers, double[] x, int levels, List<Metric> metrics) {
        for (int j = 0; j < x.length; j++) {
            double quantile = 0.5 / levels + x[j] * (1 - 1.0 / levels);
            probe.parameters[levers.get(j).lever().slot()] = levers.get(j).distribution().quantile(quantile);
        }
        double[] summary = probe.evaluate();
        double[] out = new double[metrics.size()];
        for (int m = 0; m < out.length; m++) out[m] = summary[metrics.get(m).ordinal()];
        return out;
    }
}
