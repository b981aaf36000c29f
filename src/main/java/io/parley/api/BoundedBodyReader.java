package io.parley.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

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
            return read(in, limit);
        } catch (TooLarge e) {
            closeAfterAnswer();
            throw JsonBodies.tooLargeUndeclared(limit);
        }
    }

    /** The whole of {@code in}, or TooLarge as soon as it has given more than {@code limit} bytes. */
    static byte[] read(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        long size = 0;
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
