package io.parley.plan;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.engine.CompiledScenario;
import io.parley.engine.ProductTable;
import io.parley.model.CostToServe;
import io.parley.model.Horizon;
import io.parley.model.Scenario;
import io.parley.model.Terms;

import static io.parley.Fixtures.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VolumeVarianceTest {

    /** Quarterly, no growth: widgets 1200 a year = 300 a quarter, gadgets 2400 = 600 a quarter. */
    private static ProductTable planned() {
        Scenario s = new Scenario("two lines", "", "EUR", new Horizon(1, 4), 0.10, 0.10,
                List.of(product("widgets", 1200, 10, 6), product("gadgets", 2400, 5, 3)),
                Terms.listPriceStatusQuo(1), Terms.listPriceStatusQuo(1), CostToServe.NONE);
        return CompiledScenario.compile(s).report().products();
    }

    @Test
    void eachReportedPeriodAgainstThePlannedUnitsAndTheirSum() {
        List<VolumeVariance.Volumes> actuals = List.of(
                new VolumeVariance.Volumes(1, Map.of("widgets", 330.0, "gadgets", 600.0)),
                new VolumeVariance.Volumes(2, Map.of("widgets", 270.0)),
                new VolumeVariance.Volumes(3, Map.of("sprockets", 5.0)),
                new VolumeVariance.Volumes(9, Map.of("widgets", 1.0)));

        VolumeVariance.Result r = VolumeVariance.of(planned(), List.of("widgets", "gadgets"), 4, actuals);

        VolumeVariance.Product widgets = r.products().get(0);
        assertThat(widgets.id()).isEqualTo("widgets");
        // period 1: 330 against 300 → +30, +10 %; period 2: 270 → −30, −10 %; period 9 is beyond the horizon
        assertThat(widgets.periods()).hasSize(2);
        assertThat(widgets.periods().get(0).variance()).isCloseTo(30, within(1e-9));
        assertThat(widgets.periods().get(0).relative()).isCloseTo(0.1, within(1e-12));
        assertThat(widgets.periods().get(1).variance()).isCloseTo(-30, within(1e-9));
        // to date: 600 against 600
        assertThat(widgets.toDate().planned()).isCloseTo(600, within(1e-9));
        assertThat(widgets.toDate().actual()).isCloseTo(600, within(1e-9));
        // gadgets only in period 1, on plan
        VolumeVariance.Product gadgets = r.products().get(1);
        assertThat(gadgets.periods()).singleElement().satisfies(c -> {
            assertThat(c.planned()).isCloseTo(600, within(1e-9));
            assertThat(c.variance()).isCloseTo(0, within(1e-9));
        });
        assertThat(r.notInScenario()).containsExactly("sprockets");
    }

    @Test
    void productsWithoutActualVolumesAreNotListed() {
        VolumeVariance.Result r = VolumeVariance.of(planned(), List.of("widgets", "gadgets"), 4,
                List.of(new VolumeVariance.Volumes(1, Map.of("gadgets", 0.0))));
        assertThat(r.products()).extracting(VolumeVariance.Product::id).containsExactly("gadgets");
        // none sold against 600 planned: −100 %
        assertThat(r.products().get(0).toDate().relative()).isCloseTo(-1, within(1e-12));
        assertThat(r.notInScenario()).isEmpty();
    }
}
