package io.parley.api;

import java.net.URI;
import java.net.URISyntaxException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * The problems for a request that never reaches a route: a head the HTTP layer could not decode (a
 * request line or headers past its own 64 KiB limits, a {@code Content-Length} that is no number, a
 * malformed header line) and a URI that {@code java.net.URI} cannot parse. The HTTP layer answered
 * these with a bare status line; {@link InvalidRequestHook} puts these answers in its place. Each is
 * written, then the connection is closed, as the layer does: what follows a head that could not be
 * read cannot be trusted to be the next request.
 */
final class UndecodedRequests {

    /** The HTTP layer's limits (quarkus.http.limits.max-initial-line-length and max-header-size). */
    static final int LAYER_LIMIT_BYTES = 65_536;
    /** The most characters of the decoder's own message a detail repeats (it may quote the client's bytes). */
    private static final int MAX_ECHO = 200;

    private final ObjectMapper mapper;

    UndecodedRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Answers a request whose head the HTTP layer could not decode (its decoder result failed). */
    Handler<HttpServerRequest> invalidRequestHandler() {
        return request -> answer(request, forDecoderFailure(request.decoderResult().cause(),
                request.headers().get("Content-Length")));
    }

    /**
     * Answers a request whose URI is no URI, and hands every other to {@code next} (Quarkus's root
     * handler, which would answer the same request with a bare 400 before its router).
     */
    Handler<HttpServerRequest> requestHandler(Handler<HttpServerRequest> next) {
        return request -> {
            String uri = request.uri();
            if (isUri(uri)) {
                next.handle(request);
            } else {
                answer(request, forInvalidUri(uri));
            }
        };
    }

    static boolean isUri(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The problem for a head the decoder refused, by what refused it. {@code contentLength} is the
     * header as sent, when the decoder got that far.
     */
    static Problem forDecoderFailure(Throwable cause, String contentLength) {
        if (cause instanceof TooLongHttpLineException) {
            return Problem.of(Problem.Kind.URI_TOO_LONG)
                    .detail("the request line is longer than " + LAYER_LIMIT_BYTES + " bytes and was not read; "
                            + "the URI limit is " + HttpLimits.MAX_URI_CHARS + " characters: send long inputs in the body")
                    .error("request-line", "must be at most " + LAYER_LIMIT_BYTES + " bytes", null).build();
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return Problem.of(Problem.Kind.HEADERS_TOO_LARGE)
                    .detail("the headers are larger than " + LAYER_LIMIT_BYTES + " bytes and were not read; "
                            + "the limit is " + HttpLimits.MAX_HEADER_BYTES + " bytes")
                    .error("headers", "must be at most " + LAYER_LIMIT_BYTES + " bytes", null).build();
        }
        String message = cause == null || cause.getMessage() == null ? "" : echo(cause.getMessage());
        if (message.startsWith("Content-Length") || message.startsWith("Multiple Content-Length")) {
            return Problem.of(Problem.Kind.BAD_REQUEST).title("The request's Content-Length is not valid")
                    .detail("Content-Length must be one non-negative whole number of bytes: " + message)
                    .error("Content-Length", "must be one non-negative whole number of bytes", contentLength)
                    .build();
        }
        return Problem.of(Problem.Kind.BAD_REQUEST).title("The request's head is not valid HTTP")
                .detail(message.isEmpty() ? "the request line or headers could not be read"
                        : "the request line or headers could not be read: " + message)
                .error("head", "must be an HTTP/1.1 request line and header fields (RFC 9112)", null).build();
    }

    static Problem forInvalidUri(String uri) {
        return Problem.of(Problem.Kind.BAD_REQUEST).title("The request's URI is not valid")
                .detail("the request target is not a valid URI (RFC 3986): a '%' must be followed by two hex digits, "
                        + "and spaces and other reserved characters must be percent-encoded")
                .error("request-target", "must be a valid URI (RFC 3986)", echo(uri)).build();
    }

    /** The decoder's message, cut short and on one line. */
    private static String echo(String text) {
        String line = text.replaceAll("[\\r\\n]+", " ");
        return line.length() <= MAX_ECHO ? line : line.substring(0, MAX_ECHO) + "…";
    }

    private void answer(HttpServerRequest request, Problem problem) {
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // the rest of the bytes on this connection cannot be trusted to start a request: close it, as the layer does
        request.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close").end(body);
        request.response().close();
    }
}
