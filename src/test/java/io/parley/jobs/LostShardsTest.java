package io.parley.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The rule of {@link Jobs#recoverLostShards()}: a shard is lost, and queued again, only when the queue
 * no longer holds it and it is still unfinished when read after the queue said so. The list of
 * unfinished shards is read first; a shard that finished, or whose job was cancelled, between that
 * read and the queue's answer has left the queue for good and must not run again.
 */
class LostShardsTest {

    private static final JobRepository.ShardRef SHARD = new JobRepository.ShardRef("job-1", 2);

    /** What the store says about the one listed shard, in order: at the list, then at the second look. */
    private final Set<JobRepository.ShardRef> unfinishedNow = new HashSet<>();
    private final Set<JobRepository.ShardRef> held = new HashSet<>();
    private final List<JobRepository.ShardRef> requeued = new ArrayList<>();
    /** Runs when the queue is asked whether it holds the shard: what happens meanwhile on another replica. */
    private Runnable meanwhile = () -> { };

    private Jobs jobs() {
        JobRepository store = (JobRepository) Proxy.newProxyInstance(JobRepository.class.getClassLoader(),
                new Class<?>[] {JobRepository.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "unfinishedShards" -> List.of(SHARD);
                    case "unfinished" -> unfinishedNow.contains(new JobRepository.ShardRef((String) args[0], (Integer) args[1]));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        ShardQueue queue = new ShardQueue() {
            @Override
            public void enqueue(String id, int shards) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void dequeue(String id, int shards) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean holds(String id, int shard) {
                meanwhile.run();
                return held.contains(new JobRepository.ShardRef(id, shard));
            }

            @Override
            public boolean requeue(String id, int shard) {
                requeued.add(new JobRepository.ShardRef(id, shard));
                return true;
            }

            @Override
            public void callBack(String id, int send, java.time.Instant at) {
                throw new UnsupportedOperationException();
            }
        };
        return new Jobs(store, queue, Duration.ofDays(7), Optional.empty(), 1 << 20, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    @Test
    void aShardNotHeldAndStillUnfinishedIsLostAndQueuedAgain() {
        unfinishedNow.add(SHARD);
        assertEquals(1, jobs().recoverLostShards());
        assertEquals(List.of(SHARD), requeued);
    }

    @Test
    void aShardTheQueueHoldsIsRunningOrWaitingAndIsLeftAlone() {
        unfinishedNow.add(SHARD);
        held.add(SHARD);
        assertEquals(0, jobs().recoverLostShards());
        assertEquals(List.of(), requeued);
    }

    @Test
    void aShardThatFinishedOrWasCancelledAfterTheListWasReadIsNotQueuedAgain() {
        // listed as running; then, before the queue is asked, it is done (or its job cancelled): the
        // entry has ended, so the queue no longer holds it, and the second look finds it finished
        unfinishedNow.add(SHARD);
        held.add(SHARD);
        meanwhile = () -> {
            unfinishedNow.remove(SHARD);
            held.remove(SHARD);
        };
        assertEquals(0, jobs().recoverLostShards());
        assertEquals(List.of(), requeued);
    }
}
