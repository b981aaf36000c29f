package io.parley.ops;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One shard of a sweep to run in batch: the request file (the body {@code POST /api/v1/analyses/sweep}
 * takes), which shard of how many (the endpoint's {@code shard=k&shards=n}, 1 ≤ k ≤ n), the format
 * and the directory its output goes to. In a Kubernetes Indexed Job the shard comes from
 * {@code JOB_COMPLETION_INDEX} (0-based): completion i runs shard i + 1.
 */
public record SweepShard(Path request, Path outputDirectory, int shard, int shards, Format format) {

    /** The Indexed Job's completion index, set by Kubernetes in every pod of the Job. */
    public static final String COMPLETION_INDEX = "JOB_COMPLETION_INDEX";
    public static final String USAGE = "sweep-shard --request FILE --output-dir DIR --shards N [--shard K]"
            + " [--format csv|ndjson]   (K defaults to $" + COMPLETION_INDEX + " + 1)";

    /** A streamed answer of the sweep endpoint. */
    public enum Format {
        CSV("text/csv", "csv"), NDJSON("application/x-ndjson", "ndjson");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    public SweepShard {
        if (shards < 1 || shard < 1 || shard > shards) {
            throw new IllegalArgumentException("shard " + shard + " of " + shards + ": needs 1 ≤ shard ≤ shards");
        }
    }

    /**
     * The output file, numbered so that the shards' files sort in shard order
     * ({@code sweep-007-of-100.csv}): concatenated in that order they are the whole sweep.
     */
    public Path output() {
        int width = String.valueOf(shards).length();
        return outputDirectory.resolve(String.format("sweep-%0" + width + "d-of-%d.%s", shard, shards, format.extension));
    }

    /** Reads the arguments after {@code sweep-shard}; the shard falls back on the Job's completion index. */
    public static SweepShard parse(List<String> args, Map<String, String> environment) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!List.of("--request", "--output-dir", "--shards", "--shard", "--format").contains(name) || i + 1 >= args.size()) {
                throw new IllegalArgumentException("unexpected argument '" + name + "'; usage: " + USAGE);
            }
            options.put(name, args.get(i + 1));
        }
        String request = required(options, "--request");
        String output = required(options, "--output-dir");
        int shards = whole("--shards", required(options, "--shards"));
        int shard = Optional.ofNullable(options.get("--shard")).map(k -> whole("--shard", k))
                .orElseGet(() -> Optional.ofNullable(environment.get(COMPLETION_INDEX))
                        .map(index -> whole(COMPLETION_INDEX, index) + 1)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "give --shard K, or run in an Indexed Job (which sets " + COMPLETION_INDEX + ")")));
        Format format = switch (options.getOrDefault("--format", "csv")) {
            case "csv" -> Format.CSV;
            case "ndjson" -> Format.NDJSON;
            default -> throw new IllegalArgumentException("--format is csv or ndjson, not '" + options.get("--format") + "'");
        };
        return new SweepShard(Path.of(request), Path.of(output), shard, shards, format);
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) throw new IllegalArgumentException("missing " + name + "; usage: " + USAGE);
        return value;
    }

    private static int whole(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
