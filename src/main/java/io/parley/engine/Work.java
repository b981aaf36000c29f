package io.parley.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * The computation one caller asked for, as its evaluations see it. Whoever serves the caller may stop
 * it (the client went away, the service is shutting down); every evaluation done for it after that, on
 * any thread, throws {@link Stopped} instead of computing, so an abandoned analysis ends within one
 * evaluation rather than running to its end for nobody. A scenario is bound to it with
 * {@link CompiledScenario#watchedBy(Work)}. Safe to share between threads.
 */
public final class Work {

    /** Why work was stopped. */
    public enum Reason {
        CLIENT_GONE("its client went away"),
        SHUTTING_DOWN("the service is shutting down");

        /** The reason as the end of a sentence: "stopped because …". */
        public final String because;

        Reason(String because) {
            this.because = because;
        }
    }

    /** The work of a scenario nobody watches: never stopped, evaluations not counted. */
    static final Work UNWATCHED = new Work();

    private volatile Reason stopped;
    private final LongAdder evaluations = new LongAdder();

    /** Stops the work; the first reason given is kept. */
    public void stop(Reason reason) {
        if (this == UNWATCHED) {
            throw new IllegalStateException("unwatched work cannot be stopped");
        }
        if (stopped == null) {
            stopped = reason;
        }
    }

    /** Why the work was stopped; null while it may go on. */
    public Reason stopped() {
        return stopped;
    }

    /** Evaluations begun for this work so far. */
    public long evaluations() {
        return evaluations.sum();
    }

    /** Called before each evaluation: throws when the work was stopped, else counts it. */
    void evaluating() {
        evaluating(1);
    }

    /** Called before a batch of {@code count} evaluations: throws when the work was stopped, else counts them. */
    void evaluating(int count) {
        if (this == UNWATCHED) {
            return;
        }
        Reason reason = stopped;
        if (reason != null) {
            throw new Stopped(reason);
        }
        evaluations.add(count);
    }

    /** Thrown by an evaluation of stopped work: unwinds the analysis; carries no stack trace (it is no bug). */
    public static final class Stopped extends RuntimeException {
        private final Reason reason;

        Stopped(Reason reason) {
            super("the work was stopped because " + reason.because, null, false, false);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }
}
