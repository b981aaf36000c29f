package io.parley.model;

/** A lever path that is malformed or names no number in the scenario. */
public class InvalidLeverPathException extends RuntimeException {

    private final String path;

    public InvalidLeverPathException(String path, String message) {
        super(message);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
