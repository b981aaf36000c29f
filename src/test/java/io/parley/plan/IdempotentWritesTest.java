package io.parley.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of Idempotency-Keys against the real store: in flight, expiry, per caller. */
@QuarkusTest
class IdempotentWritesTest {

    @Inject
    IdempotentWrites idempotent;

    @Inject
    IdempotencyKeys keys;

    static final KeptAnswer CREATED = new KeptAnswer(201, "/api/v1/plans/7", "\"r1\"", "{\"id\":7}");

    static IdempotencyKey key(String caller, String body) {
        return IdempotencyKey.of(caller, "key-" + UUID.randomUUID(), "POST /api/v1/plans", body.getBytes());
    }

    /** A key whose answer {@link #CREATED} was kept {@code age} ago. */
    IdempotencyKey keptAgo(Duration age) {
        IdempotencyKey key = key(IdempotencyKey.ANONYMOUS, "{}");
        Instant at = Instant.now().minus(age).truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(() -> {
            keys.claim(key, at);
            keys.keep(key, CREATED);
        });
        return key;
    }

    @Test
    void aKeyStillInFlightIsRefusedAndTheFirstStillAnswers() throws Exception {
        IdempotencyKey key = key(IdempotencyKey.ANONYMOUS, "{}");
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<KeptAnswer> first = CompletableFuture.supplyAsync(() -> idempotent.once(key, () -> {
            writing.countDown();
            await(release);
            return 1;
        }, written -> CREATED));
        assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
        AtomicInteger secondWrites = new AtomicInteger();
        assertThatThrownBy(() -> idempotent.once(key, secondWrites::incrementAndGet, written -> CREATED))
                .isInstanceOf(IdempotencyKeyException.InFlight.class);
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(CREATED);
        assertThat(secondWrites).hasValue(0);
        // answered now: the retry is given the first answer without writing
        assertThat(idempotent.once(key, secondWrites::incrementAndGet, written -> null)).isEqualTo(CREATED);
        assertThat(secondWrites).hasValue(0);
    }

    @Test
    void anAnswerKeptLongerThanItsLifetimeIsForgottenAndTheRequestWritesAgain() {
        IdempotencyKey key = keptAgo(IdempotentWrites.LIFETIME.plus(Duration.ofMinutes(1)));
        KeptAnswer again = new KeptAnswer(201, "/api/v1/plans/8", "\"r1\"", "{\"id\":8}");
        AtomicInteger writes = new AtomicInteger();
        assertThat(idempotent.once(key, writes::incrementAndGet, written -> again)).isEqualTo(again);
        assertThat(writes).hasValue(1);
    }

    @Test
    void anAnswerWithinItsLifetimeIsGivenAgain() {
        IdempotencyKey key = keptAgo(IdempotentWrites.LIFETIME.minus(Duration.ofMinutes(5)));
        AtomicInteger writes = new AtomicInteger();
        assertThat(idempotent.once(key, writes::incrementAndGet, written -> null)).isEqualTo(CREATED);
        assertThat(writes).hasValue(0);
    }

    @Test
    void keysArePerCaller() {
        IdempotencyKey ana = key("ana", "{}");
        IdempotencyKey ben = new IdempotencyKey("ben", ana.key(), ana.fingerprint());
        AtomicInteger writes = new AtomicInteger();
        idempotent.once(ana, writes::incrementAndGet, written -> CREATED);
        KeptAnswer bens = new KeptAnswer(201, "/api/v1/plans/9", "\"r1\"", "{\"id\":9}");
        assertThat(idempotent.once(ben, writes::incrementAndGet, written -> bens)).isEqualTo(bens);
        assertThat(writes).hasValue(2);
    }

    @Test
    void aWriteThatFailsKeepsNothing() {
        IdempotencyKey key = key(IdempotencyKey.ANONYMOUS, "{}");
        assertThatThrownBy(() -> idempotent.once(key, () -> {
            throw new IllegalStateException("refused");
        }, written -> CREATED)).hasMessage("refused");
        assertThat(QuarkusTransaction.requiringNew().call(() -> keys.kept(key.caller(), key.key()))).isEmpty();
    }

    @Test
    void theFingerprintCoversOperationAndBody() {
        IdempotencyKey a = IdempotencyKey.of("c", "k", "POST /api/v1/plans", "{}".getBytes());
        assertThat(IdempotencyKey.of("c", "k", "POST /api/v1/plans", "{}".getBytes()).fingerprint()).isEqualTo(a.fingerprint());
        assertThat(IdempotencyKey.of("c", "k", "POST /api/v1/plans", "{ }".getBytes()).fingerprint()).isNotEqualTo(a.fingerprint());
        assertThat(IdempotencyKey.of("c", "k", "POST /api/v1/plans/1/actuals", "{}".getBytes()).fingerprint())
                .isNotEqualTo(a.fingerprint());
        assertThat(a.fingerprint()).hasSize(64);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
