package io.parley.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.runtime.BlockingOperationControl;

/**
 * For tests only: a request that sends {@link #ASK} is answered with {@link #ANSWER} naming the kind
 * of thread its answer was made on ({@code event-loop} or {@code worker}), so a test can see where an
 * operation is served.
 */
public class ThreadProbe {

    static final String ASK = "X-Test-Thread-Probe";
    static final String ANSWER = "X-Test-Served-On";

    @ServerResponseFilter
    public void name(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getHeaderString(ASK) != null) {
            response.getHeaders().putSingle(ANSWER, BlockingOperationControl.isBlockingAllowed() ? "worker" : "event-loop");
        }
    }
}
