package io.parley.plan;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What a failure is made of. A database error does not always hang on the exception's causes: when
 * the connection dies during COMMIT, Narayana's RollbackException carries the driver's error only as a
 * suppressed XAException's cause. So every test of "was this the database's doing" walks both.
 */
public final class Causes {

    private Causes() {
    }

    /** Every throwable reachable from {@code e} through causes and suppressed exceptions, each once. */
    public static List<Throwable> of(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> open = new ArrayDeque<>();
        open.push(e);
        while (!open.isEmpty()) {
            Throwable t = open.pop();
            if (!seen.add(t)) continue;
            if (t.getCause() != null) open.push(t.getCause());
            for (Throwable suppressed : t.getSuppressed()) open.push(suppressed);
        }
        return List.copyOf(seen);
    }
}
