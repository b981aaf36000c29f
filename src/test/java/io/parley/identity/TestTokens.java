package io.parley.identity;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * OpenID Connect tokens as the test profile's identity provider would issue them: signed with the
 * key in src/test/resources/identity/test-signing-key.pem, whose public half is the JWKS the test
 * profile verifies against (test-jwks.json, kid test-key-1).
 */
public final class TestTokens {

    public static final String ISSUER = "https://idp.test.parley.io/";
    public static final String AUDIENCE = "parley";
    public static final String KID = "test-key-1";

    private TestTokens() {
    }

    /** The claims of a valid token of {@code tenant} with {@code roles}, valid from a minute ago for ten minutes. */
    public static JwtClaimsBuilder claims(String subject, String tenant, String... roles) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).claim("preferred_username", subject)
                .claim("tenant", tenant).claim("roles", List.of(roles))
                .issuedAt(now.minusSeconds(60)).expiresAt(now.plusSeconds(600));
    }

    /** An Authorization header's value for {@code person} of the test tenant, with every role. */
    public static String bearer(String person) {
        return "Bearer " + signed(claims(person, "test", "viewer", "manager", "analyst", "admin"));
    }

    public static String signed(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KID).sign(signingKey());
    }

    /** Signed with a key of its own that the identity provider's JWKS does not hold, under the provider's kid. */
    public static String signedByAnotherKey(JwtClaimsBuilder claims) {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            return claims.jws().keyId(KID).sign(rsa.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same claims unsigned, {@code "alg": "none"}: what an attacker sends hoping verification is skipped. */
    public static String unsigned(JwtClaimsBuilder claims) {
        String signed = signed(claims);
        String payload = signed.split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    private static PrivateKey signingKey() {
        try {
            return KeyUtils.readPrivateKey("identity/test-signing-key.pem");
        } catch (Exception e) {
            throw new IllegalStateException("the test signing key cannot be read", e);
        }
    }
}
