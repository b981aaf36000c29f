package io.parley.identity;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

/**
 * The caller of the request being handled and the address it called from, set by the authentication
 * filter once they are known. The address is the connection's peer, or the first proxy's
 * {@code X-Forwarded-For} only when the operator turned forwarding on (quarkus.http.proxy.*).
 */
@RequestScoped
public class CurrentCaller {

    private Caller caller;
    private String clientAddress;

    public void set(Caller caller) {
        this.caller = caller;
    }

    public Optional<Caller> get() {
        return Optional.ofNullable(caller);
    }

    public void setClientAddress(String clientAddress) {
        this.clientAddress = clientAddress;
    }

    /** Where the request came from, for the audit trail; empty when not known. */
    public Optional<String> clientAddress() {
        return Optional.ofNullable(clientAddress);
    }
}
