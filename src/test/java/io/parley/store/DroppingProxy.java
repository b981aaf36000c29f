package io.parley.store;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between the service and its MariaDB that passes every byte through until it is armed;
 * armed, it cuts the next connection that sends a command right after a {@code COM_PING}. The pool
 * checks a connection it lends with {@code isValid}, which the MariaDB driver sends as a ping, and
 * the first command after it is the transaction's enlistment ({@code set autocommit=0}): so the cut
 * lands exactly between the pool's check and the enlistment, the moment a database that dies
 * under load hits only by chance. The client-to-server stream is read as MariaDB packets (a 3-byte
 * length, a sequence number, the payload; a command is a packet of sequence 0, its first byte the
 * command); the server-to-client stream is copied as it is.
 */
final class DroppingProxy implements AutoCloseable {

    /** MariaDB's command byte of a ping (what {@code Connection.isValid} sends). */
    static final int COM_PING = 0x0e;

    private final ServerSocket listener;
    private final int upstreamPort;
    private final AtomicInteger armed = new AtomicInteger();
    private final AtomicInteger cut = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean open = true;

    DroppingProxy(int upstreamPort) {
        this.upstreamPort = upstreamPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("could not open the proxy's port", e);
        }
        acceptor = new Thread(this::accept, "dropping-proxy-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Cuts the next {@code n} connections that send a command right after a ping. */
    void arm(int n) {
        armed.set(n);
    }

    void disarm() {
        armed.set(0);
    }

    /** How many connections were cut so far. */
    int cut() {
        return cut.get();
    }

    private void accept() {
        while (open) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket server;
            try {
                server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            } catch (IOException down) {
                closeQuietly(client); // the database is down: so is the connection through the proxy
                continue;
            }
            start("proxy-up", () -> commands(client, server));
            start("proxy-down", () -> copy(server, client));
        }
    }

    private static void start(String name, Runnable pump) {
        Thread t = new Thread(pump, name);
        t.setDaemon(true);
        t.start();
    }

    /** Client to server, packet by packet; cuts the connection at a command after a ping when armed. */
    private void commands(Socket client, Socket server) {
        boolean pinged = false;
        try (DataInputStream in = new DataInputStream(client.getInputStream())) {
            OutputStream out = server.getOutputStream();
            byte[] header = new byte[4];
            while (true) {
                in.readFully(header);
                int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
                byte[] payload = new byte[length];
                in.readFully(payload);
                boolean command = header[3] == 0 && length > 0;
                if (command) {
                    int kind = payload[0] & 0xff;
                    if (kind != COM_PING && pinged && armed.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        cut.incrementAndGet();
                        break;
                    }
                    pinged = kind == COM_PING;
                }
                out.write(header);
                out.write(payload);
                out.flush();
            }
        } catch (EOFException | java.net.SocketException closed) {
            // either side went away
        } catch (IOException e) {
            // as above: the connection ends
        } finally {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // either side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            listener.close();
        } catch (IOException ignored) {
            // the port goes with the JVM anyway
        }
    }
}
