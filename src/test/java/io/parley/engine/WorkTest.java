package io.parley.engine;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Evaluations ask their work whether it was stopped; cost is evaluations × product-periods. */
class WorkTest {

    /** One product over 3 years of 4 quarters: 12 product-periods. */
    static final CompiledScenario DEAL = CompiledScenario.compile(Fixtures.flatDeal(3, 4));

    @Test
    void evaluationsOfWatchedWorkAreCountedUntilItIsStopped() {
        Work work = new Work();
        CompiledScenario watched = DEAL.watchedBy(work);
        double[] summary = new double[Metric.count()];
        Evaluator evaluator = watched.newEvaluator();
        for (int i = 0; i < 3; i++) evaluator.evaluate(watched.parameters(), summary);
        assertEquals(3, work.evaluations());
        assertNull(work.stopped());

        work.stop(Work.Reason.CLIENT_GONE);
        Work.Stopped stopped = assertThrows(Work.Stopped.class, () -> evaluator.evaluate(watched.parameters(), summary));
        assertEquals(Work.Reason.CLIENT_GONE, stopped.reason());
        assertEquals(3, work.evaluations(), "the stopped evaluation did not run");
        work.stop(Work.Reason.SHUTTING_DOWN);
        assertEquals(Work.Reason.CLIENT_GONE, work.stopped(), "the first reason is kept");
    }

    @Test
    void aWatchedScenarioComputesTheSameFigures() {
        CompiledScenario watched = DEAL.watchedBy(new Work());
        assertEquals(DEAL.summary()[Metric.NPV.ordinal()], watched.summary()[Metric.NPV.ordinal()], 0);
        assertEquals(Work.UNWATCHED, DEAL.work());
    }

    @Test
    void unwatchedWorkCannotBeStopped() {
        assertThrows(IllegalStateException.class, () -> Work.UNWATCHED.stop(Work.Reason.SHUTTING_DOWN));
    }

    @Test
    void costIsEvaluationsTimesProductPeriods() {
        assertEquals(12, Cost.of(1, DEAL).productPeriods());
        assertEquals(1_000 * 12, Cost.of(1_000, DEAL).units());
        // 1000 products × 50 years × 12 months, 10⁶ sweep points: 6·10¹¹
        assertEquals(600_000_000_000L, new Cost(1_000_000, 600_000).units());
        assertEquals(Long.MAX_VALUE, new Cost(Long.MAX_VALUE / 2, 3).units(), "saturates instead of wrapping");
        assertThrows(IllegalArgumentException.class, () -> new Cost(-1, 12));
        assertThrows(IllegalArgumentException.class, () -> new Cost(1, 0));
    }
}
