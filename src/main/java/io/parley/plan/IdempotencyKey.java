package io.parley.plan;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.parley.model.Sha256;

/**
 * A client's Idempotency-Key for one creating request: whose it is, the key, and a fingerprint of the
 * request it came with, so a retry with another request under the same key is told apart.
 *
 * @param caller      who sent it (its tenant and subject, {@code Caller.key()}): keys are per caller
 * @param key         the header's value: 1–{@link #MAX_LENGTH} visible ASCII characters
 * @param fingerprint SHA-256 (hex) of the operation and the body
 */
public record IdempotencyKey(String caller, String key, String fingerprint) {

    /** A caller for work outside any request (tests of the core, batch modes). */
    public static final String ANONYMOUS = "anonymous";
    /** Longest key kept: room for a UUID or a ULID with a prefix, and what the table's key column holds. */
    public static final int MAX_LENGTH = 255;
    /** Printable ASCII without controls: what an HTTP header carries unambiguously. */
    private static final Pattern VISIBLE = Pattern.compile("[\\x20-\\x7E]+");

    public IdempotencyKey {
        if (!isWellFormed(key)) throw new IllegalArgumentException("idempotency key '" + key + "' breaks " + RULE);
    }

    /** The rule a key keeps, for the messages that refuse one. */
    public static final String RULE = "1–" + MAX_LENGTH + " visible ASCII characters, not blank";

    public static boolean isWellFormed(String key) {
        return key != null && !key.isBlank() && key.length() <= MAX_LENGTH && VISIBLE.matcher(key).matches();
    }

    /** The key of {@code caller} for {@code operation} (method and path, say) with {@code body}. */
    public static IdempotencyKey of(String caller, String key, String operation, byte[] body) {
        return new IdempotencyKey(caller, key, Sha256.hex(operation.getBytes(StandardCharsets.UTF_8), new byte[] {'\n'},
                body == null ? new byte[0] : body));
    }
}
