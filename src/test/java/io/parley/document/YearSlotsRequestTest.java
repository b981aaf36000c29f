package io.parley.document;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/** A scenario is compiled with a slot per contract year only for a request that varies a rate per year. */
class YearSlotsRequestTest {

    @Test
    void aYearsRateOrPerYearAnywhereButTheScenarioAndItsProseAsksForYearSlots() {
        assertThat(AnalysisInput.variesAYear(Fixtures.json("""
                {"scenario": {}, "levers": [{"path": "products[w].volumeGrowth[year=2]", "values": [0, 0.1]}]}"""),
                "scenario")).isTrue();
        assertThat(AnalysisInput.variesAYear(Fixtures.json("""
                {"scenario": {}, "levers": [{"path": "products[w].volumeGrowth", "perYear": {}}]}"""), "scenario")).isTrue();
        assertThat(AnalysisInput.variesAYear(Fixtures.json("""
                {"scenario": {}, "variants": [{"set": {"products[w].costInflation[year=3]": 0.02}}]}"""), "scenario")).isTrue();

        assertThat(AnalysisInput.variesAYear(Fixtures.json("""
                {"scenario": {"description": "products[w].volumeGrowth[year=2] is what we argue about"},
                 "variant": {"name": "volumeGrowth[year=2] high", "description": "x[year=2]"},
                 "levers": [{"path": "products[w].volumeGrowth", "low": 0, "high": 0.1}]}"""), "scenario")).isFalse();
    }
}
