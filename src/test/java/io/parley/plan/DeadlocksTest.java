package io.parley.plan;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A deadlock victim's whole transaction runs again; anything else fails at once. */
class DeadlocksTest {

    static RuntimeException deadlock() {
        return new RuntimeException("could not execute statement",
                new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213));
    }

    @Test
    void aDeadlockVictimRunsAgainAndSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        String result = Deadlocks.retry(() -> {
            if (attempts.incrementAndGet() < 3) throw deadlock();
            return "committed";
        });
        assertThat(result).isEqualTo("committed");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void afterThreeDeadlocksTheFailureIsReported() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> Deadlocks.retry(() -> {
            attempts.incrementAndGet();
            throw deadlock();
        })).hasRootCauseInstanceOf(SQLTransactionRollbackException.class);
        assertThat(attempts).hasValue(Deadlocks.ATTEMPTS);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> Deadlocks.retry(() -> {
            attempts.incrementAndGet();
            throw new RuntimeException(new SQLException("Data too long for column", "22001", 1406));
        })).isInstanceOf(RuntimeException.class);
        assertThat(attempts).hasValue(1);
        assertThat(Deadlocks.isDeadlock(new RuntimeException(new SQLException("deadlock", "HY000", 1213)))).isTrue();
    }

    @Test
    void aDeadlockHungOnASuppressedExceptionIsSeen() {
        // how Narayana reports a commit that failed: the driver's error only under a suppressed exception
        RuntimeException commit = new RuntimeException("ARJUNA016053: Could not commit transaction.");
        Exception xa = new Exception("XAException", new SQLTransactionRollbackException("Deadlock found", "40001", 1213));
        commit.addSuppressed(xa);
        assertThat(Deadlocks.isDeadlock(commit)).isTrue();
        assertThat(Deadlocks.isDeadlock(new RuntimeException("ARJUNA016053"))).isFalse();
    }
}
