package io.parley.engine;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every summary metric of every example in scenarios/ against the figures worked out independently
 * of the engine (scenarios/expected.json; the working is in the .md beside each file), to 1e-9 relative.
 */
class ExampleScenariosTest {

    static final double RELATIVE = 1e-9;

    static Stream<String> examples() {
        return Fixtures.exampleFiles().stream();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everySummaryMetricMatchesTheWorkedFigures(String file) {
        JsonNode expected = Fixtures.expectedFigures().get(file);
        assertThat(expected).as("expected.json has figures for " + file).isNotNull();
        double[] summary = CompiledScenario.compile(Fixtures.example(file)).summary();
        for (Metric m : Metric.values()) {
            JsonNode figure = expected.get(m.apiName);
            assertThat(figure).as(file + " " + m.apiName + " is in expected.json").isNotNull();
            double actual = summary[m.ordinal()];
            if (figure.isNull()) {
                assertThat(actual).as(file + " " + m.apiName + " is null").isNaN();
            } else {
                double want = figure.doubleValue();
                assertThat(actual).as(file + " " + m.apiName)
                        .isCloseTo(want, within(Math.max(Math.abs(want) * RELATIVE, 1e-9)));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theReportAndTheFastPathAgreeExactly(String file) {
        CompiledScenario compiled = CompiledScenario.compile(Fixtures.example(file));
        assertThat(compiled.report().summary()).containsExactly(compiled.summary());
    }
}
