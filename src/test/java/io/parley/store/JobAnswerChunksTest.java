package io.parley.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.jobs.Job;
import io.parley.jobs.JobRepository;
import io.parley.jobs.JobState;
import io.parley.jobs.JobsConfig;
import io.parley.jobs.Operation;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A shard's answer is kept in chunks, so the largest one allowed (the test profile's
 * parley.jobs.max-shard-answer-bytes: 20 MiB + 3 bytes, over MariaDB's default 16 MiB
 * max_allowed_packet, whose one row or statement could not carry it) round-trips byte for byte
 * through the database, and one byte more is refused, leaving nothing behind.
 */
@QuarkusTest
class JobAnswerChunksTest {

    @Inject
    JobRepository store;
    @Inject
    JobsConfig config;
    @Inject
    DataSource data;

    /** {@code length} bytes drawn from a seeded stream: the same bytes each time it is made. */
    static InputStream bytes(long length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new InputStream() {
            private long left = length;

            @Override
            public int read() {
                if (left == 0) return -1;
                left--;
                return random.nextInt(256);
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) return -1;
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) b[off + i] = (byte) random.nextInt(256);
                left -= n;
                return n;
            }
        };
    }

    static byte[] sha256(InputStream in) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) != -1; ) digest.update(buffer, 0, n);
        return digest.digest();
    }

    private String newJob() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Job job = new Job("job-" + UUID.randomUUID(), "chunks-test", "chunks-test", Operation.SWEEP, Operation.Media.CSV,
                List.of(Operation.Media.CSV), "", "{}", 1, 0, JobState.QUEUED, Optional.empty(), "0".repeat(64),
                Optional.empty(), now, Optional.empty(), Optional.empty(), Optional.empty());
        store.create(job, Optional.empty());
        return job.id();
    }

    private long chunks(String id) throws SQLException {
        try (Connection c = data.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM job_answer_chunk WHERE job_id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void theLargestShardAnswerAllowedRoundTripsThroughTheDatabase() throws Exception {
        long largest = config.maxShardAnswerBytes();
        long packet = store.maxPacketBytes().orElseThrow();
        assertTrue(largest > packet, "the answer (" + largest + " B) is more than one statement carries (" + packet + " B)");
        String id = newJob();
        int attempt = store.startShard(id, 1, Instant.now()).orElseThrow();
        store.keepAnswer(id, 1, attempt, Operation.Media.CSV, bytes(largest, 15), largest);
        Instant at = Instant.now();
        assertEquals(JobState.SUCCEEDED, store.finishShard(id, 1, attempt, at, at.plusSeconds(60)).orElseThrow().state());
        // ⌈(20 MiB + 3) / 1 MiB⌉ = 21 chunks, the last of 3 bytes
        assertEquals((largest + config.answerChunkBytes() - 1) / config.answerChunkBytes(), chunks(id));
        byte[][] read = new byte[1][];
        store.answers(id, Operation.Media.CSV, (shard, in) -> {
            try {
                read[0] = sha256(in);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
        assertArrayEquals(sha256(bytes(largest, 15)), read[0], "the bytes read back are the bytes written");
    }

    @Test
    void oneByteMoreIsRefusedAndLeavesNoChunks() throws Exception {
        long largest = config.maxShardAnswerBytes();
        String id = newJob();
        int attempt = store.startShard(id, 1, Instant.now()).orElseThrow();
        JobRepository.AnswerTooLarge refused = assertThrows(JobRepository.AnswerTooLarge.class,
                () -> store.keepAnswer(id, 1, attempt, Operation.Media.CSV, bytes(largest + 1, 15), largest));
        assertEquals(largest, refused.maxBytes);
        assertEquals(0, chunks(id));
    }
}
