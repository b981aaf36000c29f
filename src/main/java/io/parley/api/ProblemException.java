package io.parley.api;

/** Ends a request with the problem it carries. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final int retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, 0);
    }

    /** A problem the client should retry after {@code retryAfterSeconds} (a 503 of ours). */
    public ProblemException(Problem problem, int retryAfterSeconds) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }
}
