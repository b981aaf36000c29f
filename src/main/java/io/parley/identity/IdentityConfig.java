package io.parley.identity;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings under {@code parley.identity.*}. The identity provider's keys, issuer and audience are
 * SmallRye JWT's own settings: {@code mp.jwt.verify.publickey.location} (its JWKS URL),
 * {@code mp.jwt.verify.issuer} and {@code mp.jwt.verify.audiences}.
 */
@ConfigMapping(prefix = "parley.identity")
public interface IdentityConfig {

    Oidc oidc();

    /**
     * The first administrator key: created on first start when the default tenant has no
     * administrator key, its secret written to this file (owner-only) and its path logged.
     */
    @WithDefault("data/admin.key")
    Path adminKeyFile();

    /** Whether the first start creates {@link #adminKeyFile()}; the test profile seeds keys of its own. */
    @WithDefault("true")
    boolean createAdminKey();

    /** The tenant of the first administrator key: the embedded default's one organisation. */
    @WithDefault("default")
    String defaultTenant();

    /**
     * A key secret registered at start as an administrator of {@link #defaultTenant()} when it is not
     * known yet (the test profile's way to a known key); unset in production.
     */
    Optional<String> seedAdminKey();

    /**
     * The API key the sweep-shard batch mode sends to its own sweep endpoint (an analyst's), which
     * needs a caller like any other; without one its shards are refused (401).
     */
    Optional<String> sweepShardApiKey();

    /** OpenID Connect bearer tokens from the company's identity provider. */
    interface Oidc {
        /** Off by default: the embedded default has no identity provider and accepts API keys only. */
        @WithDefault("false")
        boolean enabled();

        /** The claim with the caller's roles, as a slash-separated path (Keycloak: {@code realm_access/roles}). */
        @WithDefault("roles")
        String rolesClaim();

        /** The claim naming the caller's tenant (organisation). */
        @WithDefault("tenant")
        String tenantClaim();

        /** The claim with the name revisions and the audit trail record; {@code sub} when it is missing. */
        @WithDefault("preferred_username")
        String nameClaim();
    }
}
