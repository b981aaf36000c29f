package io.parley.plan;

/** An update based on a revision that is no longer the latest: someone else changed the plan first. */
public class StaleRevisionException extends RuntimeException {

    /** The revision the update assumed, and the latest one, which won. */
    public record Conflict(int expected, int current) {
    }

    private final Conflict conflict;

    public StaleRevisionException(int expected, int current) {
        super("the plan is at revision " + current + ", not " + expected + " as the update assumed");
        this.conflict = new Conflict(expected, current);
    }

    public Conflict conflict() {
        return conflict;
    }
}
