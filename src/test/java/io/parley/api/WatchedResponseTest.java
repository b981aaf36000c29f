package io.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The watch never asks a response for its state while a stream's write is in Vert.x's hands: on HTTP/2
 * that pair of calls takes the response's and the connection's locks in opposite orders (a deadlock
 * seen under load).
 */
class WatchedResponseTest {

    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpServerResponse response() {
        return (HttpServerResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServerResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "closed" -> {
                        asked.incrementAndGet();
                        yield closed.get();
                    }
                    case "ended" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Only its monitor is used: the one Quarkus's output stream waits on while the client does not read. */
    private final HttpConnection connection = (HttpConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {HttpConnection.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });

    private HttpServerRequest request() {
        HttpServerResponse response = response();
        return (HttpServerRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "response" -> response;
                    case "connection" -> connection;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void whileAWriteIsUnderWayTheResponseIsNotAsked() throws Exception {
        WatchedResponse watched = new WatchedResponse(request());
        CountDownLatch inWrite = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                inWrite.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        };
        OutputStream out = watched.writes(slow);
        Thread writer = new Thread(() -> {
            try {
                out.write(new byte[65536], 0, 65536);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        assertTrue(inWrite.await(10, TimeUnit.SECONDS));

        assertNull(watched.state(), "a write is under way: the round is skipped");
        assertEquals(0, asked.get(), "closed() must not be called while the writer is inside the stream");

        release.countDown();
        writer.join(10_000);
        closed.set(true);
        WatchedResponse.State seen = watched.state();
        assertEquals(new WatchedResponse.State(true, false), seen);
        assertEquals(1, asked.get());
    }

    @Test
    void betweenWritesTheWatchSeesAClientThatWentAway() throws Exception {
        WatchedResponse watched = new WatchedResponse(request());
        OutputStream out = watched.writes(OutputStream.nullOutputStream());
        out.write(new byte[10], 0, 10);
        out.flush();
        assertEquals(new WatchedResponse.State(false, false), watched.state());
        closed.set(true);
        assertEquals(new WatchedResponse.State(true, false), watched.state());
    }

    @Test
    void aWriterWaitingForItsClientIsWokenToSeeItGone() throws Exception {
        WatchedResponse watched = new WatchedResponse(request());
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicBoolean gone = new AtomicBoolean();
        // as Quarkus's output stream waits when the write queue is full: on the connection, a long timeout,
        // looking whether the client is gone each time it wakes (a reset on HTTP/2 notifies nobody)
        OutputStream stalled = new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (connection) {
                    waiting.countDown();
                    while (!gone.get()) {
                        try {
                            connection.wait(60_000);
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                    }
                }
                throw new IOException("Connection has been closed");
            }
        };
        OutputStream out = watched.writes(stalled);
        AtomicBoolean failed = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try {
                out.write(new byte[65536], 0, 65536);
            } catch (IOException e) {
                failed.set(true);
            }
        });
        writer.start();
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        gone.set(true); // the client resets the stream: nothing notifies the connection
        long before = System.nanoTime();
        assertNull(watched.state(), "a write is under way: the round is skipped, and the writer woken");
        writer.join(10_000);
        assertTrue(!writer.isAlive() && failed.get(), "the write failed once woken");
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(10), "woken by the watch, not by its 60 s timeout");
        assertEquals(0, asked.get(), "closed() was not asked by the watch while the writer was inside the stream");
    }
}
