package io.parley.plan;

/**
 * The plan store could not answer, so whether a plan exists is not known: the caller is told to
 * retry (503), never that the plan is missing (404).
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
