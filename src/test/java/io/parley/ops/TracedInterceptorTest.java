package io.parley.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.interceptor.InvocationContext;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

class TracedInterceptorTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final Tracer tracer = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build().get("test");

    @Test
    void withTracingOnAMethodRunsInASpanNamedAfterIt() throws Exception {
        Object answer = new TracedInterceptor(tracer, false).inSpan(call("sweep", () -> "rows"));

        assertThat(answer).isEqualTo("rows");
        List<SpanData> spans = exported.getFinishedSpanItems();
        assertThat(spans).extracting(SpanData::getName).containsExactly("parley.sweep");
        assertThat(spans.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void withTracingOnAMethodThatThrowsFailsItsSpan() {
        TracedInterceptor interceptor = new TracedInterceptor(tracer, false);

        assertThatThrownBy(() -> interceptor.inSpan(call("optimize", () -> {
            throw new IllegalStateException("refused");
        }))).hasMessage("refused");
        assertThat(exported.getFinishedSpanItems()).singleElement()
                .satisfies(span -> assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
    }

    @Test
    void withTracingOffNoSpanIsMadeAndTheMethodStillRuns() throws Exception {
        Tracer refusing = name -> {
            throw new AssertionError("a span was asked for with tracing off: " + name);
        };

        Object answer = new TracedInterceptor(refusing, true).inSpan(call("evaluate", () -> 42));

        assertThat(answer).isEqualTo(42);
    }

    /** An invocation of a method of the given name that answers what {@code body} does. */
    private static InvocationContext call(String name, Callable<Object> body) throws NoSuchMethodException {
        Method method = Methods.class.getDeclaredMethod(name);
        return new InvocationContext() {
            private final Map<String, Object> data = new HashMap<>();
            @Override public Object getTarget() { return null; }
            @Override public Object getTimer() { return null; }
            @Override public Method getMethod() { return method; }
            @Override public Constructor<?> getConstructor() { return null; }
            @Override public Object[] getParameters() { return new Object[0]; }
            @Override public void setParameters(Object[] params) { }
            @Override public Map<String, Object> getContextData() { return data; }
            @Override public Object proceed() throws Exception { return body.call(); }
        };
    }

    @SuppressWarnings("unused")
    private interface Methods {
        void sweep();
        void optimize();
        void evaluate();
    }
}
