package io.parley.identity;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the request being handled, set by the authentication filter once it is known. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public void set(Caller caller) {
        this.caller = caller;
    }

    public Optional<Caller> get() {
        return Optional.ofNullable(caller);
    }
}
