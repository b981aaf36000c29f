package io.parley.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.parley.identity.IdentityConfig;

/**
 * Runs one {@link SweepShard} through the service's own sweep endpoint on this process, so a batch
 * shard answers exactly what {@code POST /api/v1/analyses/sweep?shard=k&shards=n} answers: the same
 * validation, the same rows, byte for byte. The rows stream into a partial file that is renamed
 * only when the whole shard has arrived, so a file that exists is complete.
 */
@ApplicationScoped
public class SweepShards {

    /** The shard is written. */
    public static final int DONE = 0;
    /** The request is wrong (a 4xx problem, printed): running it again cannot help. */
    public static final int REFUSED = 2;
    /**
     * The service failed or was busy (5xx), the caller's budget of work was spent for now (429), or
     * the stream broke: running the shard again may succeed.
     */
    public static final int RETRY = 75;

    private static final Logger LOG = Logger.getLogger(SweepShards.class);
    private static final String SWEEP = "/api/v1/analyses/sweep";
    private static final int TOO_MANY_REQUESTS = 429;

    private final HttpClient client = HttpClient.newHttpClient();
    /** The API key the shard's request is sent with (an analyst's of the tenant): the endpoint needs a caller like any other. */
    private final Optional<String> apiKey;

    public SweepShards(IdentityConfig identity) {
        this.apiKey = identity.sweepShardApiKey();
    }

    /** Runs the shard against the service at {@code service} and says how it went, as an exit code. */
    public int run(SweepShard shard, URI service) throws InterruptedException {
        Path output = shard.output();
        Path partial = output.resolveSibling(output.getFileName() + ".partial");
        try {
            Files.createDirectories(shard.outputDirectory());
            HttpRequest.Builder builder = HttpRequest.newBuilder(service.resolve(SWEEP + "?shard=" + shard.shard() + "&shards=" + shard.shards()))
                    .header("Content-Type", "application/json").header("Accept", shard.format().mediaType)
                    .POST(HttpRequest.BodyPublishers.ofFile(shard.request()));
            apiKey.ifPresent(key -> builder.header("Authorization", "Bearer " + key));
            HttpRequest request = builder.build();
            HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() == 200) {
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                LOG.infof("sweep shard %d of %d written to %s", shard.shard(), shard.shards(), output);
                return DONE;
            }
            LOG.errorf("sweep shard %d of %d answered %d: %s", shard.shard(), shard.shards(), response.statusCode(),
                    Files.readString(partial));
            Files.deleteIfExists(partial);
            return response.statusCode() < 500 && response.statusCode() != TOO_MANY_REQUESTS ? REFUSED : RETRY;
        } catch (IOException e) {
            LOG.errorf("sweep shard %d of %d failed: %s", shard.shard(), shard.shards(), e.getMessage());
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the partial name never passes for a finished shard; a rerun replaces it
            }
            return RETRY;
        }
    }
}
