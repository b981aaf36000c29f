package io.parley.model;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.parley.engine.CompiledScenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The path syntax: what a path reads as, that it prints as it was written, and why a malformed one is refused. */
class LeverPathTest {

    @Test
    void aPathIsItsStepsWithTheirSelectors() {
        LeverPath path = LeverPath.parse("terms.rebate.tiers[0].rate");

        assertThat(path.steps()).containsExactly(new LeverPath.Step("terms", null), new LeverPath.Step("rebate", null),
                new LeverPath.Step("tiers", "0"), new LeverPath.Step("rate", null));
    }

    @Test
    void anEmptySelectorIsKeptApartFromNone() {
        assertThat(LeverPath.parse("terms.discounts[]").steps().get(1)).isEqualTo(new LeverPath.Step("discounts", ""));
        assertThat(LeverPath.parse("terms.discounts").steps().get(1)).isEqualTo(new LeverPath.Step("discounts", null));
    }

    @Test
    void everyPathTheEngineNamesParsesAndPrintsAsItWas() {
        CompiledScenario compiled = CompiledScenario.compile(LeversTest.DEAL);
        String[] paths = compiled.leverPaths();

        assertThat(paths).contains("terms.discounts[widgets]", "products[gadgets].unitCost",
                "terms.rebate.tiers[1].threshold", "baseline.services[hotline].valuePerYear", "supplier.costOfCapital");
        for (int slot = 0; slot < paths.length; slot++) {
            assertThat(LeverPath.parse(paths[slot]).toString()).isEqualTo(paths[slot]);
            assertThat(compiled.slot(paths[slot])).as(paths[slot]).isEqualTo(slot);
        }
    }

    @Test
    void aPathIsBuiltStepByStep() {
        assertThat(LeverPath.of("terms", "paymentDays")).hasToString("terms.paymentDays");
        assertThat(LeverPath.of("products").select("widgets").then("listPrice")).hasToString("products[widgets].listPrice");
        assertThat(LeverPath.of("baseline", "rebate", "tiers").select(2).then("rate")).hasToString("baseline.rebate.tiers[2].rate");
        assertThat(LeverPath.of("terms", "services").select("vmi")).isEqualTo(LeverPath.parse("terms.services[vmi]"));
    }

    @Test
    void aServiceOfTheTermsIsTermsServicesWithAnId() {
        assertThat(LeverPath.parse("terms.services[vmi]").isServiceOfTerms()).isTrue();
        assertThat(LeverPath.parse("baseline.services[vmi]").isServiceOfTerms()).isFalse();
        assertThat(LeverPath.parse("terms.services[]").isServiceOfTerms()).isFalse();
        assertThat(LeverPath.parse("terms.services").isServiceOfTerms()).isFalse();
        assertThat(LeverPath.parse("terms.services[vmi].costPerYear").isServiceOfTerms()).isFalse();
        assertThat(LeverPath.parse("terms[x].services[vmi]").isServiceOfTerms()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "terms..paymentDays | '' is not a field name with an optional [selector]",
            "terms.discounts[a[b]] | 'discounts[a[b]]' is not a field name with an optional [selector]",
            "products[widgets].list-price | 'list-price' is not a field name with an optional [selector]",
            "terms.paymentDays. | '' is not a field name with an optional [selector]",
            "terms.2 | '2' is not a field name with an optional [selector]"})
    void aMalformedStepIsNamed(String path, String message) {
        assertThatThrownBy(() -> LeverPath.parse(path)).isInstanceOf(InvalidLeverPathException.class)
                .hasMessage(message).extracting(e -> ((InvalidLeverPathException) e).path()).isEqualTo(path);
    }

    @Test
    void aMissingPathIsAskedFor() {
        for (String missing : new String[] {"", null}) {
            assertThatThrownBy(() -> LeverPath.parse(missing)).isInstanceOf(InvalidLeverPathException.class)
                    .hasMessage("a lever path is required, e.g. terms.discounts[widgets]");
        }
    }

    @Test
    void aPathHasAtLeastOneStep() {
        assertThatThrownBy(() -> new LeverPath(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
