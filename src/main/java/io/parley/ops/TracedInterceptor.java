package io.parley.ops;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/** Opens the span a {@link Traced} method runs in; a method that throws marks its span as failed. */
@Traced
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class TracedInterceptor {

    /** Span names start with this, so an operator finds Parley's own work among the framework's spans. */
    static final String SPAN_PREFIX = "parley.";

    private final Tracer tracer;

    public TracedInterceptor(Tracer tracer) {
        this.tracer = tracer;
    }

    @AroundInvoke
    Object inSpan(InvocationContext invocation) throws Exception {
        Span span = tracer.spanBuilder(SPAN_PREFIX + invocation.getMethod().getName()).startSpan();
        try (Scope scope = span.makeCurrent()) {
            return invocation.proceed();
        } catch (Exception e) {
            // a refused request is the client's mistake, but the span still says this work did not happen
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }
}
