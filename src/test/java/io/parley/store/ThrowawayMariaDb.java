package io.parley.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A MariaDB server of the test's own: a fresh data directory under {@code target/}, a free port on
 * 127.0.0.1, root with an empty password and an empty database {@code test}. A test may stop it and
 * start it again (same port, same data), or freeze and thaw it, under the running service; the
 * machine's shared server on 3306, which other tests use, is never touched. Without MariaDB installed
 * the test fails, it does not skip.
 */
public class ThrowawayMariaDb implements QuarkusTestResourceLifecycleManager {

    /** The server of the running test (one test class uses it at a time). */
    private static volatile ThrowawayMariaDb running;

    /** Long enough for a first start on a busy two-core machine; a healthy start takes about a second. */
    private static final Duration START_WITHIN = Duration.ofSeconds(60);

    /** mariadbd shuts down cleanly on SIGTERM within a second or two; beyond this it is killed. */
    private static final Duration STOP_WITHIN = Duration.ofSeconds(30);

    /** Where Debian's mariadb-server puts its programs, for when sbin is not on the PATH. */
    private static final List<String> PROGRAM_DIRS = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin");

    private Path mariadbd;
    private Path dir;
    private int port;
    private Process server;
    private final Map<String, String> displacedSystemProperties = new HashMap<>();
    private final Thread reaper = new Thread(() -> {
        if (server != null) {
            server.destroyForcibly();
        }
    }, "throwaway-mariadb-reaper");

    /** The server of the running test class. */
    public static ThrowawayMariaDb server() {
        ThrowawayMariaDb s = running;
        if (s == null) {
            throw new IllegalStateException("no throwaway MariaDB is running: annotate the test with "
                    + "@WithTestResource(value = ThrowawayMariaDb.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)");
        }
        return s;
    }

    @Override
    public Map<String, String> start() {
        mariadbd = program("mariadbd");
        Path installDb = program("mariadb-install-db");
        try {
            port = freePort();
            dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "throwaway-mariadb-");
            run(List.of(installDb.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"), "--user=" + osUser(),
                    // root gets an ordinary, empty password instead of Debian's socket authentication
                    "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve"),
                    dir.resolve("install.log"), START_WITHIN);
            launch();
            try (Connection c = connect(""); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE test");
            }
        } catch (IOException | SQLException | RuntimeException e) {
            stop();
            throw new IllegalStateException("could not set up a throwaway MariaDB"
                    + (dir == null ? " under target/" : " in " + dir + " on port " + port) + ": " + e.getMessage(), e);
        }
        // a test JVM that ends without stop() must not leave a server behind on the machine
        Runtime.getRuntime().addShutdownHook(reaper);
        running = this;
        String profile = "%" + System.getProperty("quarkus.test.profile", "test") + ".";
        Map<String, String> config = new HashMap<>();
        for (String prefix : List.of("", profile)) {
            config.put(prefix + "quarkus.datasource.jdbc.url", url("test"));
            config.put(prefix + "quarkus.datasource.username", "root");
            config.put(prefix + "quarkus.datasource.password", "");
        }
        // Test resources' values rank just below system properties (ordinal 399 against 400), so a
        // -D%test.quarkus.datasource.jdbc.url=... that points the rest of the suite at its database
        // would win and this test would stop a server the service does not use. For this class only,
        // such system properties take our values; stop() puts them back.
        for (String key : config.keySet()) {
            String before = System.getProperty(key);
            if (key.startsWith(profile) && before != null) {
                displacedSystemProperties.put(key, before);
                System.setProperty(key, config.get(key));
            }
        }
        return config;
    }

    /** Starts the server again on the same port and data directory, and waits until it answers. */
    public synchronized void startAgain() {
        if (server != null && server.isAlive()) {
            throw new IllegalStateException("the throwaway MariaDB on port " + port + " is already running");
        }
        launch();
    }

    /** A clean shutdown (SIGTERM: mariadbd closes its connections and flushes InnoDB), waited for. */
    public synchronized void shutDown() {
        if (server == null || !server.isAlive()) {
            return;
        }
        server.destroy();
        try {
            if (!server.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
                throw new IllegalStateException("the throwaway MariaDB on port " + port + " did not shut down within "
                        + STOP_WITHIN.toSeconds() + " s and was killed; see " + dir.resolve("server.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
            throw new IllegalStateException("interrupted while stopping the throwaway MariaDB", e);
        }
    }

    /** Kills the server outright (SIGKILL): no connection is closed, no COMMIT finished, as a crash. */
    public synchronized void kill() {
        if (server == null || !server.isAlive()) {
            return;
        }
        try {
            server.destroyForcibly().waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing the throwaway MariaDB", e);
        }
    }

    /** The port the server listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /**
     * Kills ({@code KILL CONNECTION}) every client connection to the database {@code test} but this
     * call's own, as an operator, a failover or an idle timeout would: the clients' sockets stay open
     * until they next use them. Returns how many were killed.
     */
    public synchronized int killClientConnections() {
        try (Connection c = connect("test"); Statement s = c.createStatement()) {
            List<Long> ids = new ArrayList<>();
            try (var rows = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST"
                    + " WHERE ID <> CONNECTION_ID() AND DB = 'test' AND COMMAND <> 'Daemon'")) {
                while (rows.next()) ids.add(rows.getLong(1));
            }
            int killed = 0;
            for (long id : ids) {
                try {
                    s.execute("KILL CONNECTION " + id);
                    killed++;
                } catch (SQLException gone) {
                    // it ended on its own meanwhile
                }
            }
            return killed;
        } catch (SQLException e) {
            throw new IllegalStateException("could not kill the clients of the throwaway MariaDB on port " + port, e);
        }
    }

    /**
     * Freezes the server (SIGSTOP): it keeps its port and its connections, and the kernel still accepts
     * new ones, but nothing answers: a database that times out rather than one that is down.
     */
    public synchronized void freeze() {
        signal("STOP");
    }

    /** Lets a frozen server run on (SIGCONT). */
    public synchronized void thaw() {
        signal("CONT");
    }

    private void signal(String signal) {
        if (server == null || !server.isAlive()) {
            throw new IllegalStateException("the throwaway MariaDB on port " + port + " is not running");
        }
        try {
            run(List.of("kill", "-" + signal, Long.toString(server.pid())), dir.resolve("kill.log"), STOP_WITHIN);
        } catch (IOException e) {
            throw new UncheckedIOException("could not send SIG" + signal + " to the throwaway MariaDB", e);
        }
    }

    /** The end of the test class: the server goes, and its data directory with it. */
    @Override
    public synchronized void stop() {
        running = null;
        displacedSystemProperties.forEach(System::setProperty);
        displacedSystemProperties.clear();
        try {
            if (server != null && server.isAlive()) {
                thaw(); // a frozen server would not act on SIGTERM
            }
            shutDown();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException exiting) {
                // the JVM is already exiting: the hook runs anyway
            }
            if (server != null && server.isAlive()) {
                server.destroyForcibly();
            }
            try {
                if (dir != null) {
                    deleteTree(dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete " + dir, e);
            }
        }
    }

    private void launch() {
        List<String> command = List.of(mariadbd.toString(), "--no-defaults",
                "--datadir=" + dir.resolve("data"), "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("mariadb.sock"), "--pid-file=" + dir.resolve("mariadb.pid"),
                "--user=" + osUser(), "--skip-name-resolve",
                // a small server: the test writes a few rows
                "--innodb-buffer-pool-size=32M");
        try {
            server = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + mariadbd, e);
        }
        awaitAnswer();
    }

    private void awaitAnswer() {
        long deadline = System.nanoTime() + START_WITHIN.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the throwaway MariaDB on port " + port + " exited with "
                        + server.exitValue() + " while starting:\n" + tail(dir.resolve("server.log")));
            }
            try (Connection c = connect("")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(100);
        }
        server.destroyForcibly();
        throw new IllegalStateException("the throwaway MariaDB on port " + port + " did not answer within "
                + START_WITHIN.toSeconds() + " s:\n" + tail(dir.resolve("server.log")), last);
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database) + "?connectTimeout=1000", "root", "");
    }

    private String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    private static String osUser() {
        return System.getProperty("user.name");
    }

    /** The program on the PATH or in the usual places; without it the test cannot prove anything. */
    static Path program(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
        }
        dirs.addAll(PROGRAM_DIRS);
        for (String d : dirs) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException(name + " was not found on the PATH nor in " + PROGRAM_DIRS
                + ": this test runs a MariaDB server of its own and needs MariaDB 10.11 installed "
                + "(Debian: apt-get install -y mariadb-server)");
    }

    private static void run(List<String> command, Path log, Duration within) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(within.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + within.toSeconds() + " s:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with " + p.exitValue() + ":\n" + tail(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the throwaway MariaDB", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
