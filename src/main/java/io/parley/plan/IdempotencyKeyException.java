package io.parley.plan;

/** A creating request whose Idempotency-Key cannot be honoured as sent. */
public abstract sealed class IdempotencyKeyException extends RuntimeException {

    private final String key;

    IdempotencyKeyException(String key, String message) {
        super(message);
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The key came with another request before: a key names one request, not a kind of request. */
    public static final class Reused extends IdempotencyKeyException {
        public Reused(String key) {
            super(key, "Idempotency-Key '" + key + "' was used with another request in the last 24 hours; "
                    + "a retry sends the same request, a new request a new key");
        }
    }

    /** The request first sent with the key is still being handled: its answer is not known yet. */
    public static final class InFlight extends IdempotencyKeyException {
        InFlight(String key) {
            super(key, "a request with Idempotency-Key '" + key + "' is still being handled; retry when it has answered");
        }
    }
}
