package io.parley.model;

/**
 * A request for more work than the service does in one call (levers, values, samples, decisions,
 * evaluations): says what was asked for in words, and in {@link #excess()} where, how much and the
 * ceiling, so the answer can state all of them.
 */
public class LimitExceededException extends RuntimeException {

    /** Where the request asked (a JSON pointer), how much it asked for, and the ceiling it went over. */
    public record Excess(String pointer, long requested, long limit) {
    }

    private final transient Excess excess;

    /** {@code what} in words, e.g. "levers in one tornado"; {@code pointer} the JSON pointer of the request's part. */
    public LimitExceededException(String pointer, String what, long requested, long limit) {
        super(what + ": " + requested + " requested; the limit is " + limit, null, false, false);
        this.excess = new Excess(pointer, requested, limit);
    }

    public Excess excess() {
        return excess;
    }
}
