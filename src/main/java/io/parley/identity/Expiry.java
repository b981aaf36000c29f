package io.parley.identity;

import java.time.Instant;
import java.util.Optional;

import io.parley.model.Violation;

/** The rule keys and links share: an expiry must lie in the future, or the credential could never be used. */
final class Expiry {

    private Expiry() {
    }

    /** The broken rule, if {@code expiresAt} is given and is not after {@code now}. */
    static Optional<Violation> notInFuture(Optional<Instant> expiresAt, Instant now) {
        return expiresAt.filter(at -> !at.isAfter(now))
                .map(at -> new Violation("/expiresAt", "must be in the future (now is " + now + ")", at.toString()));
    }
}
