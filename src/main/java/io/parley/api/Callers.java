package io.parley.api;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.identity.Caller;
import io.parley.identity.CurrentCaller;
import io.quarkus.arc.Arc;

/** The caller {@link Authentication} identified, for the resources that record or scope by it. */
@ApplicationScoped
public class Callers {

    private final CurrentCaller current;

    public Callers(CurrentCaller current) {
        this.current = current;
    }

    /** The name revisions and the audit trail record. */
    String name() {
        return caller().name();
    }

    Caller caller() {
        return current.get().orElseThrow(() -> new IllegalStateException("Authentication lets no anonymous call through"));
    }

    /** The caller of the request being handled, for the static request readers. */
    static Caller current() {
        return Arc.container().instance(Callers.class).get().caller();
    }
}
