package io.parley.identity;

/**
 * Credentials that do not identify a caller: an unknown, revoked or expired key, a token that fails
 * verification. Its message says why, in words safe to give the client (never the secret itself).
 */
public class InvalidCredentialsException extends RuntimeException {

    public InvalidCredentialsException(String message) {
        super(message);
    }
}
