package io.parley.packaged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, built by {@code mvn verify} before
 * the *IT tests run) started as its own process, as a user or an operator starts it: its own working
 * directory, environment and JVM options, a free port, its output kept in {@code output.log} beside it.
 * {@link #close()} stops it as SIGTERM does; {@link #kill()} as SIGKILL does.
 */
public final class PackagedService implements AutoCloseable {

    /** Generous: a shared 2-core machine under load starts it in minutes, a quiet one in seconds. */
    private static final Duration STARTUP = Duration.ofSeconds(300);
    /** The batch evaluator's Vector API, as the README's and the image's starts give it. */
    static final String VECTOR_API = "--add-modules=jdk.incubator.vector";

    private final Process process;
    private final Path directory;
    private final int port;

    private PackagedService(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** The packaged jar; fails loudly when the build did not make it (run the suite with `mvn verify`). */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("parley.packaged.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged service at " + jar.toAbsolutePath()
                    + ": the *IT tests run after packaging (./scripts/test runs mvn verify)");
        }
        return jar.toAbsolutePath();
    }

    /**
     * Starts the packaged service in {@code directory} (created if missing) with the given JVM options
     * (such as {@code -Xmx256m} or {@code -Dparley.x=y}) and environment, and waits until it answers ready.
     */
    public static PackagedService start(Path directory, List<String> jvmOptions, Map<String, String> environment) {
        return start(jar(), directory, jvmOptions, environment);
    }

    /** Starts {@code jar} (the default build or another, such as the MariaDB one) as {@link #start(Path, List, Map)} does. */
    public static PackagedService start(Path jar, Path directory, List<String> jvmOptions, Map<String, String> environment) {
        try {
            Files.createDirectories(directory);
            int port = freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add(VECTOR_API);
            command.addAll(jvmOptions);
            command.add("-Dquarkus.http.port=" + port);
            command.add("-jar");
            command.add(jar.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("output.log").toFile());
            builder.environment().putAll(environment);
            PackagedService service = new PackagedService(builder.start(), directory, port);
            service.awaitReady();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Path directory() {
        return directory;
    }

    public String output() {
        try {
            return Files.readString(directory.resolve("output.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** GET with optional headers (name, value, name, value …); the body as text. */
    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the packaged service exited with " + process.exitValue()
                        + " before it was ready:\n" + output());
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) return;
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            pause(200);
        }
        kill();
        throw new IllegalStateException("the packaged service was not ready within " + STARTUP + ":\n" + output());
    }

    /** Sends SIGTERM (its shutdown starts) and returns at once; {@link #awaitExit} waits for the end. */
    public void terminate() {
        process.destroy();
    }

    /** Whether the process has exited within {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the service as SIGKILL does: no shutdown hook, no grace period. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** Stops the service as SIGTERM does (its shutdown runs), and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        if (!waitFor()) kill();
    }

    private boolean waitFor() {
        try {
            return process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
