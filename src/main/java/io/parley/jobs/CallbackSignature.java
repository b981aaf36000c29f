package io.parley.jobs;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a job's completion callback carries, so its receiver knows it came from this service
 * and was not replayed: {@code Parley-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>} over
 * {@code "<t>.<body>"} with the secret the operator configured (parley.jobs.callback-secret). A receiver
 * recomputes it, compares in constant time, and refuses a {@code t} older than it tolerates.
 */
public final class CallbackSignature {

    public static final String HEADER = "Parley-Signature";

    private CallbackSignature() {
    }

    /** The header's value for {@code body} sent at {@code at}. */
    public static String of(String secret, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        byte[] prefix = (t + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmacSha256(secret.getBytes(StandardCharsets.UTF_8), signed));
    }

    /** HMAC-SHA256 (RFC 2104 over SHA-256) of {@code data} with {@code key}. */
    static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
