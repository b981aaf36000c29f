package io.parley.store;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.ArrayList;
import java.util.Optional;
import java.util.OptionalInt;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.parley.jobs.Job;
import io.parley.jobs.JobRepository;
import io.parley.jobs.JobState;
import io.parley.jobs.JobsConfig;
import io.parley.jobs.Operation;

/**
 * Jobs in the tables {@code job} and {@code job_shard}, through plain JDBC: a shard's answer is written
 * and read as a stream, never as an entity held whole. Every method is its own transaction unless it
 * joins the caller's (a submission stores the job and queues its shards in one).
 */
@ApplicationScoped
public class JobStore implements JobRepository {

    private static final String COLUMNS = "j.id, j.tenant, j.created_by, j.operation, j.media_type, j.formats, j.parameters, j.request, j.shards, "
            + "(SELECT COUNT(*) FROM job_shard s WHERE s.job_id = j.id AND s.state = 'done') AS done, j.state, "
            + "j.callback_url, j.fingerprint, j.failure, j.created_at, j.started_at, j.finished_at, j.expires_at";

    private final DataSource data;
    /** Bytes of one stored chunk of an answer (parley.jobs.answer-chunk-bytes): what one statement carries. */
    private final int chunkBytes;

    public JobStore(DataSource data, JobsConfig config) {
        this.data = data;
        this.chunkBytes = config.answerChunkBytes();
    }

    @Override
    @Transactional
    public void create(Job job, Optional<String> idempotencyKey) {
        try (Connection c = data.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO job (id, tenant, created_by, operation, media_type, "
                     + "request, shards, state, callback_url, idempotency_key, fingerprint, created_at, formats, parameters) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement shard = c.prepareStatement("INSERT INTO job_shard (job_id, shard, state, attempts) VALUES (?, ?, 'queued', 0)")) {
            insert.setString(1, job.id());
            insert.setString(2, job.tenant());
            insert.setString(3, job.createdBy());
            insert.setString(4, job.operation().name());
            insert.setString(5, job.mediaType());
            insert.setString(6, job.request());
            insert.setInt(7, job.shards());
            insert.setString(8, job.state().apiName());
            insert.setString(9, job.callbackUrl().orElse(null));
            insert.setString(10, idempotencyKey.orElse(null));
            insert.setString(11, job.fingerprint());
            insert.setTimestamp(12, Timestamp.from(job.createdAt()));
            insert.setString(13, String.join(",", job.formats()));
            insert.setString(14, job.parameters());
            insert.executeUpdate();
            for (int k = 1; k <= job.shards(); k++) {
                shard.setString(1, job.id());
                shard.setInt(2, k);
                shard.addBatch();
            }
            shard.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("storing job " + job.id() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    @Transactional
    public Optional<Job> find(String tenant, String id) {
        return one("SELECT " + COLUMNS + " FROM job j WHERE j.tenant = ? AND j.id = ?", tenant, id);
    }

    @Override
    @Transactional
    public Optional<Job> find(String id) {
        return one("SELECT " + COLUMNS + " FROM job j WHERE j.id = ?", id);
    }

    @Override
    @Transactional
    public Optional<Job> byIdempotencyKey(String tenant, String createdBy, String idempotencyKey) {
        return one("SELECT " + COLUMNS + " FROM job j WHERE j.tenant = ? AND j.created_by = ? AND j.idempotency_key = ?",
                tenant, createdBy, idempotencyKey);
    }

    @Override
    @Transactional
    public OptionalInt startShard(String id, int shard, Instant at) {
        try (Connection c = data.getConnection()) {
            // the job's row is locked first, as every change of a job does, so shards and a cancel take turns
            String state = lockedState(c, id);
            if (state == null || JobState.of(state).finished()) return OptionalInt.empty();
            int attempts;
            try (PreparedStatement s = c.prepareStatement("SELECT state, attempts FROM job_shard WHERE job_id = ? AND shard = ?")) {
                s.setString(1, id);
                s.setInt(2, shard);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next() || r.getString(1).equals("done")) return OptionalInt.empty();
                    attempts = r.getInt(2) + 1;
                }
            }
            update(c, "UPDATE job_shard SET state = 'running', attempts = ?, started_at = ? WHERE job_id = ? AND shard = ?",
                    attempts, Timestamp.from(at), id, shard);
            update(c, "UPDATE job SET state = 'running', started_at = COALESCE(started_at, ?) WHERE id = ?", Timestamp.from(at), id);
            return OptionalInt.of(attempts);
        } catch (SQLException e) {
            throw new IllegalStateException("starting shard " + shard + " of job " + id + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void keepAnswer(String id, int shard, int attempt, String mediaType, InputStream answer, long maxBytes) throws IOException {
        // each chunk is its own statement, outside any transaction: the answer may be far larger than one
        // statement may carry (max_allowed_packet) or the heap may hold, and is not the shard's until finishShard
        byte[] chunk = new byte[chunkBytes];
        long total = 0;
        int seq = 0;
        deleteChunks(id, shard, mediaType, attempt); // what this attempt wrote before, if the call was made again
        while (true) {
            int filled = answer.readNBytes(chunk, 0, chunk.length);
            if (filled == 0) return;
            total += filled;
            if (total > maxBytes) {
                deleteChunks(id, shard, mediaType, attempt);
                throw new AnswerTooLarge(maxBytes);
            }
            try (Connection c = data.getConnection();
                 PreparedStatement insert = c.prepareStatement("INSERT INTO job_answer_chunk (job_id, shard, media_type, attempt, seq, bytes) "
                         + "VALUES (?, ?, ?, ?, ?, ?)")) {
                chunk(insert, id, shard, mediaType, attempt, seq++);
                insert.setBinaryStream(6, new java.io.ByteArrayInputStream(chunk, 0, filled), filled);
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("keeping shard " + shard + " of job " + id + " failed: " + e.getMessage(), e);
            }
            if (filled < chunk.length) return;
        }
    }

    /** Sets the first five parameters of a statement on one chunk: its job, shard, format, attempt and place. */
    private static void chunk(PreparedStatement s, String id, int shard, String mediaType, int attempt, int seq) throws SQLException {
        s.setString(1, id);
        s.setInt(2, shard);
        s.setString(3, mediaType);
        s.setInt(4, attempt);
        s.setInt(5, seq);
    }

    private void deleteChunks(String id, int shard, String mediaType, int attempt) {
        try (Connection c = data.getConnection()) {
            update(c, "DELETE FROM job_answer_chunk WHERE job_id = ? AND shard = ? AND media_type = ? AND attempt = ?",
                    id, shard, mediaType, attempt);
        } catch (SQLException e) {
            throw new IllegalStateException("clearing shard " + shard + " of job " + id + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    @Transactional
    public Optional<Job> finishShard(String id, int shard, int attempt, Instant at, Instant expiresAt) {
        try (Connection c = data.getConnection()) {
            String state = lockedState(c, id);
            if (state == null) return Optional.empty();
            if (!JobState.of(state).finished()) {
                update(c, "UPDATE job_shard SET state = 'done', answer_attempt = ?, finished_at = ? "
                        + "WHERE job_id = ? AND shard = ? AND state <> 'done'", attempt, Timestamp.from(at), id, shard);
                // an attempt that finished second (its replica was thought dead, and was not) leaves the first's answer
                update(c, "DELETE FROM job_answer_chunk WHERE job_id = ? AND shard = ? AND attempt <> "
                        + "(SELECT answer_attempt FROM job_shard WHERE job_id = ? AND shard = ?)", id, shard, id, shard);
                update(c, "UPDATE job SET state = 'succeeded', finished_at = ?, expires_at = ? WHERE id = ? AND NOT EXISTS "
                        + "(SELECT 1 FROM job_shard s WHERE s.job_id = ? AND s.state <> 'done')",
                        Timestamp.from(at), Timestamp.from(expiresAt), id, id);
            }
            return find(id);
        } catch (SQLException e) {
            throw new IllegalStateException("keeping shard " + shard + " of job " + id + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    @Transactional
    public boolean end(String id, JobState state, Optional<String> failure, Instant at, Instant expiresAt) {
        try (Connection c = data.getConnection()) {
            String now = lockedState(c, id);
            if (now == null || JobState.of(now).finished()) return false;
            update(c, "UPDATE job SET state = ?, failure = ?, finished_at = ?, expires_at = ? WHERE id = ?",
                    state.apiName(), failure.orElse(null), Timestamp.from(at), Timestamp.from(expiresAt), id);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("ending job " + id + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void answers(String id, String mediaType, ShardReader reader) throws IOException {
        int shards;
        try (Connection c = data.getConnection()) {
            shards = shardsOf(c, id);
        } catch (SQLException e) {
            throw new IOException("reading the answer of job " + id + " failed: " + e.getMessage(), e);
        }
        for (int k = 1; k <= shards; k++) {
            // one chunk at a time, each read on its own: the whole answer is never held in memory, and no
            // connection is held while the reader's client takes its time
            try (InputStream in = new ChunkStream(id, k, mediaType, answerAttempt(id, k))) {
                reader.read(k, in);
            }
        }
    }

    /** The attempt whose chunks are shard {@code shard}'s answer. */
    private int answerAttempt(String id, int shard) throws IOException {
        try (Connection c = data.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT answer_attempt FROM job_shard WHERE job_id = ? AND shard = ?")) {
            s.setString(1, id);
            s.setInt(2, shard);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || r.getObject(1) == null) throw new IOException("job " + id + " has no answer of shard " + shard);
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IOException("reading the answer of job " + id + " failed: " + e.getMessage(), e);
        }
    }

    /** One shard's answer in one format, its chunks read one by one as the reader gets to them. */
    private final class ChunkStream extends InputStream {
        private final String id;
        private final int shard;
        private final String mediaType;
        private final int attempt;
        private int next;
        private byte[] chunk = new byte[0];
        private int at;
        private boolean ended;

        ChunkStream(String id, int shard, String mediaType, int attempt) {
            this.id = id;
            this.shard = shard;
            this.mediaType = mediaType;
            this.attempt = attempt;
        }

        private boolean more() throws IOException {
            while (at == chunk.length) {
                if (ended) return false;
                try (Connection c = data.getConnection();
                     PreparedStatement s = c.prepareStatement("SELECT bytes FROM job_answer_chunk "
                             + "WHERE job_id = ? AND shard = ? AND media_type = ? AND attempt = ? AND seq = ?")) {
                    chunk(s, id, shard, mediaType, attempt, next++);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            ended = true;
                            return false;
                        }
                        chunk = r.getBytes(1);
                        at = 0;
                    }
                } catch (SQLException e) {
                    throw new IOException("reading shard " + shard + " of job " + id + " failed: " + e.getMessage(), e);
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return more() ? chunk[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (!more()) return -1;
            int n = Math.min(len, chunk.length - at);
            System.arraycopy(chunk, at, b, off, n);
            at += n;
            return n;
        }
    }

    @Override
    public java.util.OptionalLong maxPacketBytes() {
        try (Connection c = data.getConnection()) {
            if (!c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("mariadb")
                    && !c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("mysql")) {
                return java.util.OptionalLong.empty();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT @@max_allowed_packet"); ResultSet r = s.executeQuery()) {
                return r.next() ? java.util.OptionalLong.of(r.getLong(1)) : java.util.OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the database's max_allowed_packet failed: " + e.getMessage(), e);
        }
    }

    @Override
    @Transactional
    public int deleteExpired(Instant now) {
        try (Connection c = data.getConnection();
             PreparedStatement chunks = c.prepareStatement("DELETE FROM job_answer_chunk WHERE job_id IN "
                     + "(SELECT id FROM job WHERE expires_at < ?)");
             PreparedStatement shards = c.prepareStatement("DELETE FROM job_shard WHERE job_id IN "
                     + "(SELECT id FROM job WHERE expires_at < ?)");
             PreparedStatement jobs = c.prepareStatement("DELETE FROM job WHERE expires_at < ?")) {
            chunks.setTimestamp(1, Timestamp.from(now));
            chunks.executeUpdate();
            shards.setTimestamp(1, Timestamp.from(now));
            shards.executeUpdate();
            jobs.setTimestamp(1, Timestamp.from(now));
            return jobs.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("deleting expired jobs failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean unfinished(String id, int shard) {
        try (Connection c = data.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM job_shard s JOIN job j ON j.id = s.job_id "
                     + "WHERE s.job_id = ? AND s.shard = ? AND j.state IN ('queued', 'running') AND s.state IN ('queued', 'running')")) {
            s.setString(1, id);
            s.setInt(2, shard);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading shard " + shard + " of job " + id + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ShardRef> unfinishedShards() {
        try (Connection c = data.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT s.job_id, s.shard FROM job_shard s JOIN job j ON j.id = s.job_id "
                     + "WHERE j.state IN ('queued', 'running') AND s.state IN ('queued', 'running')");
             ResultSet r = s.executeQuery()) {
            List<ShardRef> out = new ArrayList<>();
            while (r.next()) out.add(new ShardRef(r.getString(1), r.getInt(2)));
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("listing unfinished shards failed: " + e.getMessage(), e);
        }
    }

    @Override
    @Transactional
    public long unfinished() {
        try (Connection c = data.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM job WHERE state IN ('queued', 'running')");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting jobs failed: " + e.getMessage(), e);
        }
    }

    @Override
    @Transactional
    public Optional<Instant> oldestQueued() {
        try (Connection c = data.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT MIN(created_at) FROM job WHERE state = 'queued'");
             ResultSet r = s.executeQuery()) {
            r.next();
            return Optional.ofNullable(r.getTimestamp(1)).map(Timestamp::toInstant);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the queue failed: " + e.getMessage(), e);
        }
    }

    private Optional<Job> one(String sql, String... parameters) {
        try (Connection c = data.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) s.setString(i + 1, parameters[i]);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(job(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading a job failed: " + e.getMessage(), e);
        }
    }

    private static Job job(ResultSet r) throws SQLException {
        String mediaType = r.getString(5);
        String formats = r.getString(6);
        return new Job(r.getString(1), r.getString(2), r.getString(3), Operation.valueOf(r.getString(4)), mediaType,
                formats == null ? List.of(mediaType) : List.of(formats.split(",")), Optional.ofNullable(r.getString(7)).orElse(""),
                r.getString(8), r.getInt(9), r.getInt(10), JobState.of(r.getString(11)), Optional.ofNullable(r.getString(12)),
                r.getString(13), Optional.ofNullable(r.getString(14)), r.getTimestamp(15).toInstant(), instant(r, 16),
                instant(r, 17), instant(r, 18));
    }

    private static Optional<Instant> instant(ResultSet r, int column) throws SQLException {
        return Optional.ofNullable(r.getTimestamp(column)).map(Timestamp::toInstant);
    }

    /** The job's state, its row locked until the transaction ends; null when there is no such job. */
    private static String lockedState(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state FROM job WHERE id = ? FOR UPDATE")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static int shardsOf(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT shards FROM job WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }

    private static void update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) s.setObject(i + 1, parameters[i]);
            s.executeUpdate();
        }
    }
}
