package io.parley.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.model.Scenario;
import io.parley.model.Violation;

class OverflowTest {

    @Test
    void aDealWhoseFiguresAreFiniteHasNoOverflow() {
        assertThat(Overflow.of(Fixtures.flatDeal(3, 12))).isEmpty();
    }

    @Test
    void aUnitCostThatPassesItsRuleButMultipliesPastTheLargestDoubleNamesItsProduct() {
        // 1000 units × 1e308 = 1e311 > Double.MAX_VALUE ≈ 1.8e308: the cost of goods is infinite
        Scenario s = Fixtures.with(Fixtures.flatDeal(1, 1), "products[widgets].unitCost", 1e308);
        assertThat(Overflow.of(s)).extracting(Violation::pointer).containsExactly("/products/0");
        assertThat(Overflow.of(s).get(0).message()).contains("'widgets'").contains("cogs");
    }

    @Test
    void aUnitCostJustBelowTheOverflowIsAFigure() {
        // 1000 units × 1e304 = 1e307, finite
        assertThat(Overflow.of(Fixtures.with(Fixtures.flatDeal(1, 1), "products[widgets].unitCost", 1e304))).isEmpty();
    }
}
