package io.parley.api;

import java.util.Map;

import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.parley.analysis.Grid;

/**
 * The slice a streamed answer is asked for, {@code shard=k&shards=n}: the k-th of n disjoint, ordered
 * slices, so n clients together fetch every row once. Neither parameter means the whole (1 of 1).
 *
 * @param index the slice, 1 to {@code count}
 * @param count the slices the whole is split into
 */
record Shard(int index, int count) {

    static final Shard WHOLE = new Shard(1, 1);

    /** Reads {@code shard} and {@code shards}; both or neither, {@code shards} at most {@code maxShards}. */
    static Shard of(UriInfo uri, int maxShards) {
        String k = uri.getQueryParameters().getFirst("shard");
        String n = uri.getQueryParameters().getFirst("shards");
        if (k == null && n == null) return WHOLE;
        if (k == null || n == null) {
            throw Requests.badParameter("shard", "give both shard=k and shards=n (1 ≤ k ≤ n), or neither");
        }
        int count = Requests.integer("shards", n, 1, maxShards);
        return new Shard(Requests.integer("shard", k, 1, count), count);
    }

    /** True when the request names a shard at all (even 1 of 1). */
    static boolean asked(UriInfo uri) {
        return uri.getQueryParameters().containsKey("shard") || uri.getQueryParameters().containsKey("shards");
    }

    /**
     * The shard as the request's hash holds it: nothing for the whole, else {@code shard} and {@code shards}
     * as numbers, so a shard's answer (other rows) never shares the hash of the whole or of another shard.
     */
    Map<String, JsonNode> inHash() {
        if (count == 1) return Map.of();
        return Map.of("shard", JsonNodeFactory.instance.numberNode(index), "shards", JsonNodeFactory.instance.numberNode(count));
    }

    /** This shard's rows of {@code size}, as [from, to). */
    long[] of(long size) {
        return Grid.shard(size, index, count);
    }
}
