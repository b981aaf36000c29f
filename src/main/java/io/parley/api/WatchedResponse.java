package io.parley.api;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The watch's view of one response: whether its client went away, asked without ever racing the
 * thread that writes it. Vert.x's HTTP/2 response locks itself and then its connection in
 * {@code closed()}, while Quarkus's output stream holds the connection's lock when it calls
 * {@code closed()} during a write: the watch asking while a stream wrote deadlocked both (seen under
 * load, an h2c client pulling a streamed sweep). So a stream's writes pass through a lock of ours,
 * and the watch asks only when it can take that lock at once; while a write is under way it skips
 * the round, since a write to a connection that closed fails by itself.
 *
 * <p>It fails by itself only once the writer wakes: Quarkus's output stream, its write queue full,
 * waits on the connection's monitor up to a second at a time for a drain or a close to notify it, and
 * on HTTP/2 the reset of a stream whose client went away notifies nobody (seen: the work of a
 * cancelled job, pulled over h2c, went on a second after its client dropped the stream). So a
 * skipped round wakes the writer, which asks {@code closed()} itself, from the thread that may.
 */
final class WatchedResponse {

    /** What the watch saw of the response. */
    record State(boolean closed, boolean ended) {
    }

    private final HttpServerResponse response;
    private final HttpConnection connection;
    private final ReentrantLock writing = new ReentrantLock();

    WatchedResponse(HttpServerRequest request) {
        this.response = request.response();
        this.connection = request.connection();
    }

    /**
     * The response's state now, or null while a write holds it (ask again next round); then the writer,
     * if it waits for the client to read, is woken to look whether the client is still there.
     */
    State state() {
        if (!writing.tryLock()) {
            synchronized (connection) {
                connection.notifyAll(); // the monitor Quarkus's output stream waits on; a spurious wake-up costs it one look
            }
            return null;
        }
        try {
            return new State(response.closed(), response.ended());
        } finally {
            writing.unlock();
        }
    }

    /** {@code out} with each write, flush and close done under the lock the watch respects. */
    OutputStream writes(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                locked(() -> out.write(b));
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                locked(() -> out.write(bytes, offset, length)); // one call per writer's buffer, 64 KiB
            }

            @Override
            public void flush() throws IOException {
                locked(out::flush);
            }

            @Override
            public void close() throws IOException {
                locked(out::close);
            }
        };
    }

    private interface Step {
        void run() throws IOException;
    }

    private void locked(Step step) throws IOException {
        writing.lock();
        try {
            step.run();
        } finally {
            writing.unlock();
        }
    }
}
