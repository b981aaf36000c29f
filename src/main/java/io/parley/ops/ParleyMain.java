package io.parley.ops;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The packaged service's entry point. With no arguments it serves (as always). Two batch modes
 * start the same application, do one thing and exit, so a Kubernetes init container or Job runs the
 * very image the Deployment runs:
 * <ul>
 *   <li>{@code migrate}: brings the schema up to date with Flyway and exits (the Deployment's init
 *       container; the serving container then skips migration);</li>
 *   <li>{@code sweep-shard ...}: runs one shard of a sweep from a request file to an output file
 *       (an Indexed Job's completion; see {@link SweepShard}).</li>
 * </ul>
 */
@QuarkusMain
public class ParleyMain implements QuarkusApplication {

    /** Wrong arguments: nothing was run. */
    static final int USAGE = 64;

    private static final Logger LOG = Logger.getLogger(ParleyMain.class);

    private final Flyway flyway;
    private final SweepShards sweepShards;
    private final int port;

    public ParleyMain(Flyway flyway, SweepShards sweepShards, @ConfigProperty(name = "quarkus.http.port") int port) {
        this.flyway = flyway;
        this.sweepShards = sweepShards;
        this.port = port;
    }

    @Override
    public int run(String... args) throws Exception {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "migrate" -> {
                // migrate-at-start has usually done it already; this makes the mode honest whatever it says
                flyway.migrate();
                LOG.infof("schema at version %s", flyway.info().current() == null ? "none" : flyway.info().current().getVersion());
                return 0;
            }
            case "sweep-shard" -> {
                SweepShard shard;
                try {
                    shard = SweepShard.parse(rest, System.getenv());
                } catch (IllegalArgumentException e) {
                    LOG.error(e.getMessage());
                    return USAGE;
                }
                return sweepShards.run(shard, URI.create("http://localhost:" + port));
            }
            default -> {
                LOG.errorf("unknown mode '%s'; run with no argument to serve, or 'migrate', or %s", args[0], SweepShard.USAGE);
                return USAGE;
            }
        }
    }
}
