package io.parley.optimize;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A deadline on a clock the test moves by hand: what is left, shared among the stages to come. */
class DeadlineTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private Deadline in(long millis) {
        return Deadline.in(millis, now::get);
    }

    @Test
    void ninetyMillisecondsForThreeStagesAreThirtyEach() {
        Deadline whole = in(90);
        assertThat(whole.share(3).millisLeft()).isEqualTo(30);
        now.addAndGet(30_000_000L);
        assertThat(whole.share(2).millisLeft()).isEqualTo(30);
        now.addAndGet(30_000_000L);
        // the last stage's share is the deadline itself
        assertThat(whole.share(1)).isEqualTo(whole);
    }

    @Test
    void aStageThatOverranLeavesTheOthersOnlyWhatIsLeft() {
        Deadline whole = in(90);
        now.addAndGet(80_000_000L); // the first stage took 80 of the 90 ms
        assertThat(whole.share(2).millisLeft()).isEqualTo(5);
        assertThat(whole.share(2).at()).isLessThanOrEqualTo(whole.at());
    }

    @Test
    void reachedAtTheDeadline() {
        Deadline whole = in(10);
        now.addAndGet(9_999_999L);
        assertThat(whole.reached()).isFalse();
        now.incrementAndGet();
        assertThat(whole.reached()).isTrue();
        now.incrementAndGet();
        // past it, a share ends at once, and a solver is given its least time, 1 ms
        assertThat(whole.share(4).at()).isEqualTo(now.get());
        assertThat(whole.share(4).millisLeft()).isEqualTo(1);
    }

    @Test
    void noDeadlineNeverPasses() {
        assertThat(Deadline.NONE.reached()).isFalse();
        assertThat(Deadline.NONE.share(7)).isEqualTo(Deadline.NONE);
    }
}
