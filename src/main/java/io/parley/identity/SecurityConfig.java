package io.parley.identity;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings under {@code parley.security.*} (docs/security.md). */
@ConfigMapping(prefix = "parley.security")
public interface SecurityConfig {

    /**
     * How long a replica may trust an API key it verified without asking the store again
     * ({@link KeyCache}). A key revoked through this replica is refused at once; through another
     * replica, within this time. 0 turns the cache off: every request looks its key up (revocation
     * immediate everywhere). Five seconds takes the lookup off all but one request in thousands of a
     * busy key, and is shorter than any operator's reaction to a leaked key.
     */
    @WithDefault("5s")
    Duration keyCacheTtl();
}
