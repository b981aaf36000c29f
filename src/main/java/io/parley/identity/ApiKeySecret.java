package io.parley.identity;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import io.parley.model.Sha256;

/**
 * API key secrets: {@code pk_} followed by 256 random bits (base64url, 43 characters). Only their
 * SHA-256 is stored: a key has full entropy, so a plain hash cannot be reversed by guessing, and a
 * lookup by hash needs no per-key salt. The prefix tells a key from an OpenID Connect token.
 */
public final class ApiKeySecret {

    public static final String PREFIX = "pk_";
    /** 256 bits: beyond any guessing, and the same strength as the hash that stores it. */
    private static final int RANDOM_BYTES = 32;
    private static final Pattern WELL_FORMED = Pattern.compile("pk_[A-Za-z0-9_-]{16,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecret() {
    }

    /** A new secret, to be shown to its creator once and stored only as {@link #hash(String)}. */
    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a bearer token is meant as an API key (rather than a JWT). */
    public static boolean isApiKey(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    public static boolean isWellFormed(String token) {
        return token != null && WELL_FORMED.matcher(token).matches();
    }

    /** The stored form of a secret: SHA-256 of its UTF-8 bytes, 64 hex digits. */
    public static String hash(String secret) {
        return Sha256.hex(secret.getBytes(StandardCharsets.UTF_8));
    }
}
