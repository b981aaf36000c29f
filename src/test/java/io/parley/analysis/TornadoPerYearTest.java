package io.parley.analysis;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A deterministic analysis over one contract year's rate, against figures worked by hand. */
class TornadoPerYearTest {

    @Test
    void aTornadoBarOverOneYearsEscalatorMovesTheYearsFromItOn() {
        // flat deal, three years, annual, 1000 units at list 10; the escalator into year 2 from 0 to 10 %
        // (years 2 and 3 at 11, year 1 at 10): LR = 10,000 + 2 × 1000 × 10 × (1 + g) = 30,000 and 32,000
        CompiledScenario compiled = CompiledScenario.compile(Fixtures.flatDeal(3, 1)).withYearSlots();
        BoundLever escalator = BoundLever.bind(compiled, "products[widgets].priceEscalator[year=2]");
        Tornado.Bar bar = Tornado.run(compiled, List.of(new Tornado.Input(escalator, 0, 0.1, List.of())),
                List.of(Metric.LIST_REVENUE)).get(0).bars().get(0);

        assertThat(bar.baseValue()).isEqualTo(0); // the scenario's escalator, which the year follows
        assertThat(bar.atLow()).isCloseTo(30_000, within(1e-9));
        assertThat(bar.atHigh()).isCloseTo(32_000, within(1e-9));
    }
}
