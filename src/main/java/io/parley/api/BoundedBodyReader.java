package io.parley.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import io.parley.ops.ParleyConfig;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads every request body (each operation takes its body as bytes) and stops at
 * {@code parley.limits.max-body-bytes}: one byte more is a problem 413, and the rest is never read.
 * A body with a Content-Length over the limit is refused before this (BodyLimit); this one counts the
 * bodies sent chunked, whose size nobody declares. Left to the framework, such a body was read whole
 * up to the HTTP layer's ceiling (quarkus.http.limits.max-body-size) and past it cut off with that
 * layer's bare 413; an application's reader is preferred to the framework's own for the same type.
 */
@Provider
@Consumes(MediaType.WILDCARD)
public class BoundedBodyReader implements MessageBodyReader<byte[]> {

    /** The largest array a JVM reliably allocates; a declared length past it (a limit set that high) is read as undeclared. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Bytes read at a time. */
    private static final int CHUNK = 8192;
    /** How long the connection stays open after the problem is written, for the client to read it. */
    static final long LINGER_MILLIS = 1000;

    @Inject
    ParleyConfig config;
    @Inject
    CurrentVertxRequest current;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == byte[].class;
    }

    @Override
    public byte[] readFrom(Class<byte[]> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream in) throws IOException {
        long limit = config.limits().maxBodyBytes();
        try {
            return read(in, BodyLimit.declaredLength(headers.getFirst("Content-Length")), limit);
        } catch (TooLarge e) {
            closeAfterAnswer();
            throw JsonBodies.tooLargeUndeclared(limit);
        }
    }

    /**
     * The whole of {@code in}, or TooLarge as soon as it has given more than {@code limit} bytes. A body
     * whose length is declared ({@code declared} ≥ 0; BodyLimit has refused one over the limit) is read
     * straight into an array of that size: no growing buffer copied at each doubling and once more at the
     * end, and no chunk between (a 2.3 KB evaluate allocated about 13 KB to read its body).
     */
    static byte[] read(InputStream in, long declared, long limit) throws IOException {
        if (declared >= 0 && declared <= Math.min(limit, MAX_ARRAY)) {
            byte[] body = new byte[(int) declared];
            int size = 0;
            for (int n; size < body.length && (n = in.read(body, size, body.length - size)) >= 0; ) size += n;
            // a body shorter than declared is what arrived; one longer is read on and counted as without a length
            if (size < body.length) return Arrays.copyOf(body, size);
            int next = in.read();
            if (next < 0) return body;
            ByteArrayOutputStream rest = new ByteArrayOutputStream(body.length + CHUNK);
            rest.write(body);
            rest.write(next);
            return read(in, rest, body.length + 1L, limit);
        }
        return read(in, new ByteArrayOutputStream(), 0, limit);
    }

    /** {@code body} (already {@code size} bytes) and the rest of {@code in}, counted against {@code limit}. */
    private static byte[] read(InputStream in, ByteArrayOutputStream body, long size, long limit) throws IOException {
        if (size > limit) throw new TooLarge();
        byte[] chunk = new byte[CHUNK];
        for (int n; (n = in.read(chunk)) >= 0; ) {
            size += n;
            if (size > limit) throw new TooLarge();
            body.write(chunk, 0, n);
        }
        return body.toByteArray();
    }

    /**
     * The rest of the body is not read, so the connection cannot carry another request: it is closed
     * a moment after the problem has been written. Closed at once, with the client's bytes still
     * arriving unread, the connection would be reset, and a client still sending could lose the
     * answer before reading it.
     */
    private void closeAfterAnswer() {
        RoutingContext context;
        try {
            context = current.getCurrent();
        } catch (RuntimeException e) {
            return; // no request context: a test reading directly
        }
        if (context == null) return;
        context.response().putHeader("Connection", "close");
        context.addEndHandler(done -> context.vertx().setTimer(LINGER_MILLIS, t -> context.request().connection().close()));
    }

    /** More bytes than the limit; no stack trace (it is the client's body, not a bug). */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("over the limit", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
