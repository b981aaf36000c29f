package io.parley.optimize;

import java.util.function.LongSupplier;

/**
 * The moment by which an optimisation must have its answer, on a clock of nanoseconds
 * ({@code System::nanoTime} in service; a test may drive its own). Every stage of a request (measuring
 * the model, each solve, the reports, a relaxation) is given what is left of one deadline, so the
 * time limit covers the whole request however long each stage takes.
 *
 * @param clock nanoseconds, only their differences meaning anything
 * @param at    the deadline on that clock; Long.MAX_VALUE for none
 */
public record Deadline(LongSupplier clock, long at) {

    /** No deadline: a model built without a time limit. */
    static final Deadline NONE = new Deadline(System::nanoTime, Long.MAX_VALUE);

    /** {@code millis} milliseconds from now on {@code clock}. */
    static Deadline in(long millis, LongSupplier clock) {
        return new Deadline(clock, clock.getAsLong() + millis * 1_000_000);
    }

    /** Whether the deadline has come: from then on no stage is started. */
    boolean reached() {
        return clock.getAsLong() >= at;
    }

    /**
     * Whole milliseconds left, at least 1: a solver given a time limit of 0 would take it for none,
     * so one started at the deadline runs for a millisecond at most.
     */
    long millisLeft() {
        return Math.max(1, (at - clock.getAsLong()) / 1_000_000);
    }

    /**
     * The deadline of the next of {@code stages} stages still to run, when each is to have an even
     * share of what is left: the last one's is this deadline, and no share ends after it.
     */
    Deadline share(int stages) {
        if (stages <= 1 || at == Long.MAX_VALUE) return this;
        long now = clock.getAsLong();
        return new Deadline(clock, now + Math.max(0, at - now) / stages);
    }
}
