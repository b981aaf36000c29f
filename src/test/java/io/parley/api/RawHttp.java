package io.parley.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;

/**
 * One HTTP/1.1 exchange written and read by hand, for what no client library sends: a malformed head,
 * a head past the server's limits, a body chunked beyond the limit. The answer is read while the body
 * is still being written, as a careful client does, so an answer sent before the body's end is seen.
 */
final class RawHttp {

    /** How long a test waits for an answer. */
    private static final long ANSWER_SECONDS = 60;

    private RawHttp() {
    }

    /** The answer: its status, headers (names in lower case) and body as text. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Writes a body after the head; returns normally even when the server stops reading. */
    @FunctionalInterface
    interface Body {
        void write(OutputStream out) throws IOException;

        Body NONE = out -> { };
    }

    /** Sends {@code head} (request line and headers, CRLF-separated, without the blank line), then the body. */
    static Answer exchange(String head, Body body) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(ANSWER_SECONDS));
            InputStream in = socket.getInputStream();
            CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(() -> read(in));
            OutputStream out = socket.getOutputStream();
            try {
                out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                body.write(out);
                out.flush();
            } catch (IOException e) {
                // the server answered and closed before the body's end: the answer is what counts
            }
            return answer.get(ANSWER_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** A chunked body of {@code bytes} bytes of JSON whitespace, in 64 KiB chunks. */
    static Body chunked(long bytes) {
        return out -> {
            byte[] chunk = new byte[65536];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (long sent = 0; sent < bytes; sent += chunk.length) {
                int n = (int) Math.min(chunk.length, bytes - sent);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk, 0, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        };
    }

    private static Answer read(InputStream in) {
        try {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            String length = headers.get("content-length");
            byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("no answer could be read: " + e.getMessage(), e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) throw new IOException("the connection ended inside the answer's head");
            if (b != '\r') line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
