package io.parley.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch mode's arguments: what an Indexed Job's pod passes, and what it gets wrong. */
class SweepShardTest {

    static final List<String> JOB_ARGS = List.of("--request", "/request/sweep.json", "--output-dir", "/results", "--shards", "16");

    @Test
    void anIndexedJobsCompletionIndexIsTheShardCountedFromOne() {
        SweepShard shard = SweepShard.parse(JOB_ARGS, Map.of(SweepShard.COMPLETION_INDEX, "6"));
        assertThat(shard.shard()).isEqualTo(7);
        assertThat(shard.shards()).isEqualTo(16);
        assertThat(shard.format()).isEqualTo(SweepShard.Format.CSV);
        assertThat(shard.output()).isEqualTo(Path.of("/results/sweep-07-of-16.csv"));
    }

    @Test
    void anExplicitShardWinsOverTheIndex() {
        List<String> args = new ArrayList<>(JOB_ARGS);
        args.addAll(List.of("--shard", "16", "--format", "ndjson"));
        SweepShard shard = SweepShard.parse(args, Map.of(SweepShard.COMPLETION_INDEX, "0"));
        assertThat(shard.output()).isEqualTo(Path.of("/results/sweep-16-of-16.ndjson"));
    }

    @Test
    void outputNamesSortInShardOrder() {
        Path tenth = new SweepShard(Path.of("r"), Path.of("o"), 10, 100, SweepShard.Format.CSV).output();
        Path ninth = new SweepShard(Path.of("r"), Path.of("o"), 9, 100, SweepShard.Format.CSV).output();
        assertThat(ninth.toString()).isLessThan(tenth.toString()).endsWith("sweep-009-of-100.csv");
    }

    @Test
    void withoutAShardOrAnIndexNothingRuns() {
        assertThatThrownBy(() -> SweepShard.parse(JOB_ARGS, Map.of()))
                .hasMessageContaining("give --shard K, or run in an Indexed Job");
        assertThatThrownBy(() -> SweepShard.parse(JOB_ARGS, Map.of(SweepShard.COMPLETION_INDEX, "16")))
                .hasMessage("shard 17 of 16: needs 1 ≤ shard ≤ shards");
        assertThatThrownBy(() -> SweepShard.parse(List.of("--request", "r", "--output-dir", "o"), Map.of()))
                .hasMessageContaining("missing --shards");
        assertThatThrownBy(() -> SweepShard.parse(List.of("--request", "r", "--output-dir", "o", "--shards", "x"), Map.of()))
                .hasMessage("--shards must be a whole number, not 'x'");
        assertThatThrownBy(() -> SweepShard.parse(List.of("--request", "r", "--shards"), Map.of()))
                .hasMessageContaining("unexpected argument '--shards'");
    }
}
