package io.parley.plan;

/** An update based on a revision that is no longer the latest: someone else changed the plan first. */
public class StaleRevisionException extends RuntimeException {

    private final int expected;
    private final int current;

    public StaleRevisionException(int expected, int current) {
        super("the plan is at revision " + current + ", not " + expected + " as the update assumed");
        this.expected = expected;
        this.current = current;
    }

    public int expected() {
        return expected;
    }

    public int current() {
        return current;
    }
}
