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
import io.parley.jobs.Operation;

/**
 * Jobs in the tables {@code job} and {@code job_shard}, through plain JDBC: a shard's answer is written
 * and read as a stream, never as an entity held whole. Every method is its own transaction unless it
 * joins the caller's (a submission stores the job and queues its shards in one).
 */
@ApplicationScoped
public class JobStore implements JobRepository {

    private static final String COLUMNS = "j.id, j.tenant, j.created_by, j.operation, j.media_type, j.request, j.shards, "
            + "(SELECT COUNT(*) FROM job_shard s WHERE s.job_id = j.id AND s.state = 'done') AS done, j.state, "
            + "j.callback_url, j.fingerprint, j.failure, j.created_at, j.started_at, j.finished_at, j.expires_at";

    private final DataSource data;

    public JobStore(DataSource data) {
        this.data = data;
    }

    @Override
    @Transactional
    public void create(Job job, Optional<String> idempotencyKey) {
        try (Connection c = data.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO job (id, tenant, created_by, operation, media_type, "
                     + "request, shards, state, callback_url, idempotency_key, fingerprint, created_at) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
    @Transactional
    public Optional<Job> finishShard(String id, int shard, byte[] answer, Instant at, Instant expiresAt) {
        try (Connection c = data.getConnection()) {
            String state = lockedState(c, id);
            if (state == null) return Optional.empty();
            if (!JobState.of(state).finished()) {
                update(c, "UPDATE job_shard SET state = 'done', answer = ?, finished_at = ? WHERE job_id = ? AND shard = ?",
                        answer, Timestamp.from(at), id, shard);
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
    @Transactional
    public void answers(String id, ShardReader reader) throws IOException {
        try (Connection c = data.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT answer FROM job_shard WHERE job_id = ? AND shard = ?")) {
            int shards = shardsOf(c, id);
            for (int k = 1; k <= shards; k++) {
                // one shard's answer at a time: the whole answer is never held in memory
                s.setString(1, id);
                s.setInt(2, k);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) throw new IllegalStateException("job " + id + " has no shard " + k);
                    try (InputStream in = r.getBinaryStream(1)) {
                        reader.read(k, in);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("reading the answer of job " + id + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    @Transactional
    public int deleteExpired(Instant now) {
        try (Connection c = data.getConnection();
             PreparedStatement shards = c.prepareStatement("DELETE FROM job_shard WHERE job_id IN "
                     + "(SELECT id FROM job WHERE expires_at < ?)");
             PreparedStatement jobs = c.prepareStatement("DELETE FROM job WHERE expires_at < ?")) {
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
        return new Job(r.getString(1), r.getString(2), r.getString(3), Operation.valueOf(r.getString(4)), r.getString(5),
                r.getString(6), r.getInt(7), r.getInt(8), JobState.of(r.getString(9)), Optional.ofNullable(r.getString(10)),
                r.getString(11), Optional.ofNullable(r.getString(12)), r.getTimestamp(13).toInstant(), instant(r, 14),
                instant(r, 15), instant(r, 16));
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
