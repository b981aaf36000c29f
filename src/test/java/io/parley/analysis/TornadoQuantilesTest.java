package io.parley.analysis;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.engine.Metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A tornado drawn from each lever's distribution (@RISK's): the bar runs from the lever's P10 to its P90.
 * Closed forms: a normal's P10/P90 are mean ∓ z₀.₉ sd, z₀.₉ = 1.2815515655446004; a triangular on
 * [a, b] with mode c has P(x) = a + √(p (b − a)(c − a)) below the mode and b − √((1 − p)(b − a)(b − c))
 * above it; a uniform's are a + 0.1 (b − a) and a + 0.9 (b − a).
 */
class TornadoQuantilesTest {

    private static final String VOLUME = MorrisTest.VOLUME;
    private static final String FIXED = MorrisTest.FIXED;
    private static final String UNIT_COST = MorrisTest.UNIT_COST;

    @Test
    void aLeversBarRunsFromTheP10ToTheP90OfItsDistribution() {
        BoundLever volume = BoundLever.bind(MorrisTest.COMPILED_3, VOLUME);
        BoundLever fixed = BoundLever.bind(MorrisTest.COMPILED_3, FIXED);
        BoundLever cost = BoundLever.bind(MorrisTest.COMPILED_3, UNIT_COST);
        Tornado.Input normal = Tornado.Input.quantiles(volume, new Distribution.Normal(1_000, 100));
        Tornado.Input triangular = Tornado.Input.quantiles(fixed, new Distribution.Triangular(0, 2_000, 10_000));
        Tornado.Input uniform = Tornado.Input.quantiles(cost, new Distribution.Uniform(5, 7));

        double z = 1.2815515655446004;
        assertThat(normal.low()).isCloseTo(1_000 - z * 100, within(1e-9));
        assertThat(normal.high()).isCloseTo(1_000 + z * 100, within(1e-9));
        // F(mode) = (c − a)/(b − a) = 0.2: P10 below the mode, P90 above it
        assertThat(triangular.low()).isCloseTo(Math.sqrt(0.1 * 10_000 * 2_000), within(1e-9));
        assertThat(triangular.high()).isCloseTo(10_000 - Math.sqrt(0.1 * 10_000 * 8_000), within(1e-9));
        assertThat(uniform.low()).isCloseTo(5.2, within(1e-12));
        assertThat(uniform.high()).isCloseTo(6.8, within(1e-12));

        // the bars are plain evaluations at those values, as any tornado's
        Tornado.Chart chart = Tornado.run(MorrisTest.COMPILED_3, List.of(normal, triangular, uniform), List.of(Metric.NPV)).get(0);
        for (Tornado.Bar bar : chart.bars()) {
            Tornado.Input in = List.of(normal, triangular, uniform).stream()
                    .filter(i -> i.lever().path().equals(bar.lever())).findFirst().orElseThrow();
            double atLow = Plain.metric(MorrisTest.THREE_YEARS, Metric.NPV, bar.lever(), in.low());
            double atHigh = Plain.metric(MorrisTest.THREE_YEARS, Metric.NPV, bar.lever(), in.high());
            assertThat(bar.atLow()).as(bar.lever()).isCloseTo(atLow, within(1e-9 * Math.abs(atLow)));
            assertThat(bar.atHigh()).as(bar.lever()).isCloseTo(atHigh, within(1e-9 * Math.abs(atHigh)));
        }
    }
}
