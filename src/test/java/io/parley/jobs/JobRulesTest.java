package io.parley.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.parley.model.InvalidInputException;

/** The jobs' own rules, without a store or a queue: progress, joining shards, the callback's signature, submissions. */
class JobRulesTest {

    private static final Instant T0 = Instant.parse("2026-12-03T16:00:00Z");

    @Test
    void progressIsShardsDoneAtTheirRateSinceTheStart() {
        // 2 of 8 shards in 10 s: 0.2 shards/s, so the other 6 take 30 s more
        Progress p = Progress.of(2, 8, Optional.of(T0), T0.plusSeconds(10));
        assertEquals(0.2, p.ratePerSecond().getAsDouble(), 1e-12);
        assertEquals(T0.plusSeconds(40), p.estimatedFinish().orElseThrow());
        // no shard done yet: no rate, no estimate
        Progress none = Progress.of(0, 8, Optional.of(T0), T0.plusSeconds(10));
        assertTrue(none.ratePerSecond().isEmpty() && none.estimatedFinish().isEmpty());
        assertTrue(Progress.of(0, 8, Optional.empty(), T0).ratePerSecond().isEmpty());
    }

    @Test
    void csvShardsJoinWithTheHeaderOnceAndNdjsonAsItIs() throws IOException {
        String[] csv = {"a,b\r\n1,2\r\n", "a,b\r\n3,4\r\n", "a,b\r\n5,\r\n"};
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int k = 1; k <= 3; k++) ShardAnswers.write(Operation.Media.CSV, k, stream(csv[k - 1]), joined);
        assertEquals("a,b\r\n1,2\r\n3,4\r\n5,\r\n", joined.toString(StandardCharsets.UTF_8));

        String[] ndjson = {"{\"a\":1}\n", "{\"a\":2}\n"};
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (int k = 1; k <= 2; k++) ShardAnswers.write(Operation.Media.NDJSON, k, stream(ndjson[k - 1]), lines);
        assertEquals("{\"a\":1}\n{\"a\":2}\n", lines.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCallbackSignatureIsHmacSha256AsRfc4231Gives() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?"
        byte[] mac = CallbackSignature.hmacSha256("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", HexFormat.of().formatHex(mac));
        // the header signs "<t>.<body>"
        byte[] body = "{\"state\":\"succeeded\"}".getBytes(StandardCharsets.UTF_8);
        String header = CallbackSignature.of("Jefe", Instant.ofEpochSecond(1_800_000_000L), body);
        String signed = "1800000000." + new String(body, StandardCharsets.UTF_8);
        assertEquals("t=1800000000,v1=" + HexFormat.of().formatHex(CallbackSignature.hmacSha256(
                "Jefe".getBytes(StandardCharsets.UTF_8), signed.getBytes(StandardCharsets.UTF_8))), header);
    }

    @Test
    void aSubmissionNamesEachRuleItBreaks() {
        Jobs signing = new Jobs(null, null, Duration.ofDays(7), Optional.of("secret"), 1 << 20, java.time.Clock.systemUTC());
        Jobs unsigned = new Jobs(null, null, Duration.ofDays(7), Optional.empty(), 1 << 20, java.time.Clock.systemUTC());
        signing.check(Operation.SWEEP, Operation.Media.CSV, 8, Optional.of("https://example.com/done"));
        signing.check(Operation.MONTE_CARLO, Operation.Media.NDJSON, 1000, Optional.empty());
        assertThatThrownBy(() -> signing.check(Operation.OPTIMIZE, Operation.Media.CSV, 2, Optional.of("ftp://x")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.pointer()).containsExactly("/accept", "/shards", "/callbackUrl"));
        // a JSON sweep or Monte Carlo summary does not join from shards
        assertThatThrownBy(() -> signing.check(Operation.SWEEP, Operation.Media.JSON, 2, Optional.empty()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> signing.check(Operation.SWEEP, Operation.Media.CSV, 1001, Optional.empty()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> unsigned.check(Operation.SWEEP, Operation.Media.CSV, 1, Optional.of("https://example.com/done")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("callback secret"));
        // every format a job keeps is one the endpoint offers, named once; a sharded job keeps only formats that join
        signing.check(Operation.SWEEP, Operation.Media.CSV, java.util.List.of(Operation.Media.CSV, Operation.Media.NDJSON), 4, Optional.empty());
        assertThatThrownBy(() -> signing.check(Operation.OPTIMIZE, Operation.Media.JSON,
                java.util.List.of(Operation.Media.JSON, Operation.Media.NDJSON, Operation.Media.JSON), 1, Optional.empty()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.pointer()).containsExactly("/formats/1", "/formats/2"));
        assertThatThrownBy(() -> signing.check(Operation.SWEEP, Operation.Media.CSV, java.util.List.of(Operation.Media.CSV, Operation.Media.JSON), 2, Optional.empty()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.pointer()).containsExactly("/shards"));
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
