package io.parley.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Joins the answers of a job's shards into the answer of the whole, as the endpoint's
 * {@code shard=k&shards=n} promises: the rows of shard 1, then shard 2, and so on. NDJSON joins as it
 * is; every CSV shard starts with the same header line, which is written once.
 */
public final class ShardAnswers {

    private ShardAnswers() {
    }

    /** Writes shard {@code shard}'s answer as its part of the whole in {@code mediaType}. */
    public static void write(String mediaType, int shard, InputStream answer, OutputStream out) throws IOException {
        if (shard > 1 && Operation.Media.CSV.equals(mediaType)) skipLine(answer);
        answer.transferTo(out);
    }

    /** Reads past the first line (a header: column names, never quoted line breaks) and its CRLF or LF. */
    private static void skipLine(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            // the header's bytes are dropped
        }
    }
}
