package io.parley.document;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The {@code sha256:} names of answers' inputs: the scenario's hash and the request's ({@link Provenance}). */
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
        return PREFIX + HexFormat.of().formatHex(digest().digest(bytes));
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
