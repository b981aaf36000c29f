package io.parley.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which method a bridge runs by: asked for by name, or chosen by its number of steps. */
class BridgeMethodTest {

    @Test
    void autoIsShapleyUpToTwelveStepsThenSequential() {
        // 2^12 = 4096 evaluations is the most Shapley is allowed
        assertThat(Bridge.method(Bridge.Choice.AUTO, 1)).isEqualTo(Bridge.Method.SHAPLEY);
        assertThat(Bridge.method(Bridge.Choice.AUTO, 12)).isEqualTo(Bridge.Method.SHAPLEY);
        assertThat(Bridge.method(Bridge.Choice.AUTO, 13)).isEqualTo(Bridge.Method.SEQUENTIAL);
    }

    @Test
    void aMethodAskedForIsTheMethodRunWhateverTheSteps() {
        assertThat(Bridge.method(Bridge.Choice.SEQUENTIAL, 2)).isEqualTo(Bridge.Method.SEQUENTIAL);
        assertThat(Bridge.method(Bridge.Choice.SHAPLEY, 13)).isEqualTo(Bridge.Method.SHAPLEY);
    }

    @Test
    void shapleyRunsAtMostTwelveStepsSequentialAny() {
        assertThat(Bridge.canRun(Bridge.Method.SHAPLEY, 12)).isTrue();
        assertThat(Bridge.canRun(Bridge.Method.SHAPLEY, 13)).isFalse();
        assertThat(Bridge.canRun(Bridge.Method.SEQUENTIAL, 1000)).isTrue();
    }

    @Test
    void choicesAreNamedAsRequestsSpellThem() {
        assertThat(Bridge.Choice.NAMES).containsExactly("auto", "shapley", "sequential");
        assertThat(Bridge.Choice.named("shapley")).contains(Bridge.Choice.SHAPLEY);
        assertThat(Bridge.Choice.named("Shapley")).isEmpty();
    }
}
