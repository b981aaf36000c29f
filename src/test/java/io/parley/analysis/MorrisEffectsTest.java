package io.parley.analysis;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.engine.Metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Morris' raw elementary effects and the bootstrap interval on μ*. For listRevenue = V × P on one annual
 * period with V uniform on [0, 2000] and P on [5, 15] over four levels, a step of V changes the metric by
 * 2000 × 3/4 × P with P at one of its grid values Q(1/8 … 7/8) = 6.25, 8.75, 11.25, 13.75: every raw effect
 * of V is one of 1500 × those. Resampling r effects with replacement, the sd of the resampled mean of |e|
 * is, in expectation over resamples, the effects' population sd / √r; SALib's mu_star_conf is z_{0.975}
 * (1.959964) times it.
 */
class MorrisEffectsTest {

    static final List<MonteCarlo.Uncertain> PRODUCT = List.of(
            MorrisTest.uncertain(MorrisTest.COMPILED_1, MorrisTest.VOLUME, new Distribution.Uniform(0, 2_000)),
            MorrisTest.uncertain(MorrisTest.COMPILED_1, MorrisTest.PRICE, new Distribution.Uniform(5, 15)));

    @Test
    void everyRawEffectOfVolumeIsTheScaledRangeTimesAGridPrice() {
        Morris.Result r = Morris.run(MorrisTest.COMPILED_1, PRODUCT, List.of(Metric.LIST_REVENUE), 30, 4, 8).get(0);
        Morris.Effect v = MorrisTest.byLever(r).get(MorrisTest.VOLUME);
        assertThat(v.elementaryEffects()).hasSize(30).allSatisfy(e -> assertThat(List.of(6.25, 8.75, 11.25, 13.75))
                .anySatisfy(p -> assertThat(e).isCloseTo(1500 * p, within(1e-6))));
        // μ, μ* and σ are the raw effects' mean, mean size and sample sd
        double mean = v.elementaryEffects().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double squares = v.elementaryEffects().stream().mapToDouble(e -> (e - mean) * (e - mean)).sum();
        assertThat(v.mu()).isCloseTo(mean, within(1e-9 * mean));
        assertThat(v.muStar()).isCloseTo(mean, within(1e-9 * mean));
        assertThat(v.sigma()).isCloseTo(Math.sqrt(squares / 29), within(1e-9 * mean));
    }

    @Test
    void muStarConfIsZTimesTheSdOfTheMeanOfTheEffectsSizes() {
        int r = 40;
        Morris.Result result = Morris.run(MorrisTest.COMPILED_1, PRODUCT, Groups.each(PRODUCT), List.of(Metric.LIST_REVENUE),
                r, 4, 11, 20_000, 0.95).get(0);
        for (Morris.Effect e : result.effects()) {
            double muStar = e.elementaryEffects().stream().mapToDouble(Math::abs).average().orElseThrow();
            double population = e.elementaryEffects().stream().mapToDouble(x -> (Math.abs(x) - muStar) * (Math.abs(x) - muStar))
                    .sum() / r;
            double want = 1.959963984540054 * Math.sqrt(population / r);
            assertThat(want).as(e.lever()).isGreaterThan(0.02 * muStar); // effects spread: a real test
            // 20,000 resamples: the resampled sd is within ~0.5 % (1/√(2B)) of its expectation; 3 % is 6 of those
            assertThat(e.muStarConf()).as(e.lever() + " mu_star_conf").isCloseTo(want, within(0.03 * want));
        }
        // a lower confidence, a narrower interval, in the ratio of the normal quantiles
        Morris.Result ninety = Morris.run(MorrisTest.COMPILED_1, PRODUCT, Groups.each(PRODUCT), List.of(Metric.LIST_REVENUE),
                r, 4, 11, 20_000, 0.90).get(0);
        Map<String, Morris.Effect> at95 = MorrisTest.byLever(result);
        for (Morris.Effect e : ninety.effects()) {
            assertThat(e.muStarConf() / at95.get(e.lever()).muStarConf())
                    .isCloseTo(1.6448536269514722 / 1.959963984540054, within(0.03));
        }
    }
}
