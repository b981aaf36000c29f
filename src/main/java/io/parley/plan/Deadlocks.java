package io.parley.plan;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.function.Supplier;

/**
 * Runs a transaction again when the database chose it as a deadlock victim. The retry wraps the
 * whole transaction (the caller passes a call through the service's transactional proxy): a retry
 * inside the same transaction would achieve nothing, since the database has already rolled it back.
 */
final class Deadlocks {

    /** Attempts in all: a deadlock twice in a row is rare, three times means contention to report. */
    static final int ATTEMPTS = 3;
    /** Pause before the second attempt, doubled before the third: lets the winning transaction finish. */
    static final long FIRST_PAUSE_MILLIS = 20;
    /** MariaDB/MySQL's error code for "deadlock found when trying to get lock". */
    private static final int MARIADB_DEADLOCK = 1213;

    private Deadlocks() {
    }

    static <T> T retry(Supplier<T> transaction) {
        long pause = FIRST_PAUSE_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isDeadlock(e)) throw e;
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause *= 2;
            }
        }
    }

    /** A deadlock (or serialisation failure) anywhere in the exception's chain. */
    static boolean isDeadlock(Throwable e) {
        // suppressed too: a failed commit hangs the driver's error there (see Causes)
        return Causes.of(e).stream().anyMatch(t -> t instanceof SQLTransactionRollbackException
                || t instanceof SQLException sql && (sql.getErrorCode() == MARIADB_DEADLOCK || "40001".equals(sql.getSQLState())));
    }
}
