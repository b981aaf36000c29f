package io.parley.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.engine.Cost;

/** Each operation's work counters add up every charge made to it, and only those. */
class MetersTest {

    private double count(MeterRegistry registry, String name, String operation) {
        return registry.get(name).tag("operation", operation).counter().count();
    }

    @Test
    void chargesToOneOperationAddUpInItsOwnCounters() {
        MeterRegistry registry = new SimpleMeterRegistry();
        Meters meters = new Meters(registry);
        meters.charged("/api/v1/evaluate", new Cost(1, 25));
        meters.charged("/api/v1/evaluate", new Cost(1, 25));
        meters.charged("/api/v1/analyses/sweep", new Cost(1000, 5));
        meters.charged("/api/v1/evaluate", new Cost(3, 25));

        assertThat(count(registry, Meters.OPERATION_EVALUATIONS, "/api/v1/evaluate")).isEqualTo(5);
        assertThat(count(registry, Meters.OPERATION_PRODUCT_PERIODS, "/api/v1/evaluate")).isEqualTo(125);
        assertThat(count(registry, Meters.OPERATION_EVALUATIONS, "/api/v1/analyses/sweep")).isEqualTo(1000);
        assertThat(count(registry, Meters.OPERATION_PRODUCT_PERIODS, "/api/v1/analyses/sweep")).isEqualTo(5000);
    }

    @Test
    void operationsBeyondThoseKeptAtHandAreStillCounted() {
        MeterRegistry registry = new SimpleMeterRegistry();
        Meters meters = new Meters(registry);
        int operations = Meters.MAX_OPERATIONS_KEPT + 10;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < operations; i++) meters.charged("/op/" + i, new Cost(1, 2));
        }
        for (int i = 0; i < operations; i++) {
            assertThat(count(registry, Meters.OPERATION_EVALUATIONS, "/op/" + i)).as("operation %d", i).isEqualTo(2);
            assertThat(count(registry, Meters.OPERATION_PRODUCT_PERIODS, "/op/" + i)).as("operation %d", i).isEqualTo(4);
        }
    }
}
