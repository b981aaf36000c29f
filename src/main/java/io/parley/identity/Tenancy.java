package io.parley.identity;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Arc;

/**
 * The tenant whose data the work at hand may see: the caller's, in a request; the default tenant's
 * outside requests (start-up, batch modes). Requests under /api/ always have a caller
 * (api/Authentication refuses them otherwise), so no request reaches another tenant's data.
 */
@ApplicationScoped
public class Tenancy {

    private final CurrentCaller caller;
    private final IdentityConfig config;

    public Tenancy(CurrentCaller caller, IdentityConfig config) {
        this.caller = caller;
        this.config = config;
    }

    public String current() {
        if (!Arc.container().requestContext().isActive()) return config.defaultTenant();
        return caller.get().map(Caller::tenant).orElse(config.defaultTenant());
    }
}
