package io.parley.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class BlocksTest {

    @Test
    void everyBlockOfTheRangeRunsOnceOnASharedExecutor() {
        ExecutorService shared = Executors.newFixedThreadPool(2);
        try {
            AtomicIntegerArray runs = new AtomicIntegerArray(10);
            Blocks.run(shared, 3, 8, runs::incrementAndGet, "test run");
            Blocks.run(shared, 0, 3, runs::incrementAndGet, "test run"); // the pool outlives a run
            for (int b = 0; b < 10; b++) assertThat(runs.get(b)).as("block " + b).isEqualTo(b < 8 ? 1 : 0);
        } finally {
            shared.shutdownNow();
        }
    }

    @Test
    void aFailingBlockEndsTheRunNamingIt() {
        assertThatThrownBy(() -> Blocks.onOwnPool(2, pool -> {
            Blocks.run(pool, 0, 4, b -> {
                if (b == 2) throw new ArithmeticException("block 2");
            }, "simulation");
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessage("a block of the simulation failed")
                .hasCauseInstanceOf(ArithmeticException.class);
    }
}
