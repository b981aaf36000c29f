package io.parley.jobs;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * How a job's completion callback is tried again when its receiver does not take it: after a
 * connection that was refused, broke or timed out, a 5xx, a 408 or a 429, up to {@code attempts} in
 * all, the pause doubling from {@code firstPause} (1, 2, 4, … times it). Any other answer is final: a
 * 2xx took it, and a 4xx says the receiver refuses it, which sending again cannot change.
 *
 * @param attempts   sends in all, the first included: 1–{@value #MAX_ATTEMPTS}
 * @param firstPause the pause before the second send: 0 to {@link #MAX_PAUSE}
 */
public record CallbackRetries(int attempts, Duration firstPause) {

    /** Past ten sends the doubling pause is over an hour from a 5 s start: a receiver down that long reads the job itself. */
    public static final int MAX_ATTEMPTS = 10;
    /** The longest first pause: later ones double it. */
    public static final Duration MAX_PAUSE = Duration.ofMinutes(10);

    public CallbackRetries {
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("parley.jobs.callback-attempts must be 1–" + MAX_ATTEMPTS + ", not " + attempts);
        }
        if (firstPause.isNegative() || firstPause.compareTo(MAX_PAUSE) > 0) {
            throw new IllegalArgumentException("parley.jobs.callback-first-pause must be 0 to " + MAX_PAUSE + ", not " + firstPause);
        }
    }

    /**
     * Whether the send numbered {@code attempt} (from 1), which ended with {@code status} (none: no
     * answer at all), is followed by another.
     */
    public boolean retriesAfter(int attempt, OptionalInt status) {
        return attempt < attempts && worthRetrying(status);
    }

    /** No answer, the receiver's own failure (5xx), its timeout (408) or its asking to slow down (429). */
    static boolean worthRetrying(OptionalInt status) {
        if (status.isEmpty()) return true;
        int s = status.getAsInt();
        return s >= 500 || s == 408 || s == 429;
    }

    /** The pause before send {@code attempt} (2 or more): firstPause × 2^(attempt − 2). */
    public Duration pauseBefore(int attempt) {
        if (attempt < 2) throw new IllegalArgumentException("the first send has no pause before it, not attempt " + attempt);
        return firstPause.multipliedBy(1L << (attempt - 2));
    }
}
