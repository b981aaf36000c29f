package io.parley.identity;

/** Verifies OpenID Connect bearer tokens (JWTs) from the company's identity provider. */
public interface BearerTokens {

    /** Whether an identity provider is configured; without one, only API keys are accepted. */
    boolean enabled();

    /**
     * The caller a verified token names.
     *
     * @throws InvalidCredentialsException when its signature, issuer, audience or validity period fails,
     *                                     or it names no tenant
     */
    Caller verify(String token);
}
