package io.parley.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one hash of the service: the {@code sha256:} names of answers' inputs (the scenario's
 * hash, the request's), the stored form of API keys and links, an idempotency key's fingerprint and
 * the contract's ETag.
 */
public final class Sha256 {

    private static final String PREFIX = "sha256:";
    /**
     * Cloned for each hash: a clone is a copy of a few words, where {@code getInstance} looks the
     * algorithm up among the security providers on every call (a tenth of a small request's hashing).
     */
    private static final MessageDigest PROTOTYPE = prototype();

    private Sha256() {
    }

    /** {@code sha256:} and the 64 lower-case hex digits of the SHA-256 of {@code bytes}. */
    public static String named(byte[] bytes) {
        return PREFIX + hex(bytes);
    }

    /** {@code sha256:} and the 64 lower-case hex digits of the SHA-256 of the first {@code length} of {@code bytes}. */
    public static String named(byte[] bytes, int length) {
        MessageDigest sha256 = digest();
        sha256.update(bytes, 0, length);
        return PREFIX + HexFormat.of().formatHex(sha256.digest());
    }

    /** The 64 lower-case hex digits of the SHA-256 of {@code parts} one after the other. */
    public static String hex(byte[]... parts) {
        MessageDigest sha256 = digest();
        for (byte[] part : parts) sha256.update(part);
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest digest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 cannot be copied", e);
        }
    }

    private static MessageDigest prototype() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.clone(); // fails here, at class load, rather than on a request, if the provider's digest cannot be copied
            return sha256;
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            throw new IllegalStateException("every Java platform has a SHA-256 that can be copied", e);
        }
    }
}
