package io.parley.optimize;

import java.util.List;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

import io.parley.engine.Work;

import static io.parley.optimize.FrontierTest.CUSTOMER;
import static io.parley.optimize.FrontierTest.POINTS;
import static io.parley.optimize.FrontierTest.SUPPLIER;
import static io.parley.optimize.Direct.rel;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A frontier's time limit covers the whole frontier, build and solves, on a clock that is the work
 * done: each evaluation of the scenario takes one second of it, so where the limit falls is exact and
 * the same on every machine (the solvers, given whole seconds of real time for a problem of
 * milliseconds, finish every solve they start).
 */
class FrontierDeadlineTest {

    /** A nanosecond clock on which each evaluation done for {@code work} takes one second. */
    static LongSupplier secondPerEvaluation(Work work) {
        return () -> work.evaluations() * 1_000_000_000L;
    }

    record Run(Frontier.Result result, long evaluations) {
    }

    static Run trace(double limitSeconds) {
        Work work = new Work();
        DealProblem base = FrontierTest.baseProblem();
        DealProblem watched = new DealProblem(base.scenario().watchedBy(work), base.decisions(), base.objective(),
                base.constraints(), limitSeconds);
        Frontier.Result r = Frontier.trace(watched, SUPPLIER, CUSTOMER, POINTS, Double.NaN, Double.NaN, "CBC",
                secondPerEvaluation(work));
        return new Run(r, work.evaluations());
    }

    @Test
    void aLimitThatFallsAmongTheSolvesEndsTheFrontierThereNotAfterFreshShares() {
        Run whole = trace(1e9);
        assertThat(whole.result().points()).hasSize(POINTS)
                .allSatisfy(p -> assertThat(p.solution().status()).isEqualTo(DealOptimizer.Status.OPTIMAL));

        // three seconds short of what the whole frontier takes: the model is built, the last solves are not
        long limit = whole.evaluations() - 3;
        Run cut = trace(limit);

        // within the limit but for the solve under way when it passed: its answer read back, 2 evaluations
        assertThat(cut.evaluations()).isLessThanOrEqualTo(limit + 2);
        List<Frontier.Point> points = cut.result().points();
        assertThat(points).hasSize(POINTS);
        assertThat(points.get(POINTS - 1).solution().status()).isEqualTo(DealOptimizer.Status.TIMED_OUT);
        assertThat(points.get(POINTS - 1).solution().solveMillis()).isZero();
        // what was solved is what the unhurried frontier found
        assertThat(cut.result().customerLow()).isEqualTo(whole.result().customerLow());
        assertThat(cut.result().customerHigh()).isEqualTo(whole.result().customerHigh());
        for (int i = 0; i < POINTS; i++) {
            DealOptimizer.Solution s = points.get(i).solution();
            // the solve under way at the limit had a millisecond of real time: it may have stopped short
            if (s.status() != DealOptimizer.Status.OPTIMAL) continue;
            double expected = whole.result().points().get(i).solution().objectiveEngine();
            assertThat(s.objectiveEngine()).as("point %d", i).isCloseTo(expected, rel(expected, 1e-12));
        }
    }

    @Test
    void aLimitShorterThanTheBuildAnswersNoPointsAtTheLimit() {
        Run r = trace(5);
        // the build checks the clock before each evaluation: five seconds, five evaluations
        assertThat(r.evaluations()).isEqualTo(5);
        assertThat(r.result().points()).isEmpty();
        assertThat(r.result().unsolved().status()).isEqualTo(DealOptimizer.Status.TIMED_OUT);
    }
}
