package io.parley.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** When a job's callback is sent again, and after how long. */
class CallbackRetriesTest {

    private static final CallbackRetries FIVE_FROM_ONE_SECOND = new CallbackRetries(5, Duration.ofSeconds(1));

    @Test
    void noAnswerAServerErrorATimeoutOrTooManyRequestsIsSentAgain() {
        assertThat(FIVE_FROM_ONE_SECOND.retriesAfter(1, OptionalInt.empty())).as("refused, broken or timed out").isTrue();
        for (int status : new int[] {500, 502, 503, 504, 408, 429}) {
            assertThat(FIVE_FROM_ONE_SECOND.retriesAfter(1, OptionalInt.of(status))).as("%d", status).isTrue();
        }
    }

    @Test
    void aRefusalIsFinal() {
        for (int status : new int[] {400, 401, 403, 404, 410, 422}) {
            assertThat(FIVE_FROM_ONE_SECOND.retriesAfter(1, OptionalInt.of(status))).as("%d", status).isFalse();
        }
    }

    @Test
    void theSendsAreBoundedAndThePauseDoubles() {
        assertThat(FIVE_FROM_ONE_SECOND.retriesAfter(4, OptionalInt.of(503))).isTrue();
        assertThat(FIVE_FROM_ONE_SECOND.retriesAfter(5, OptionalInt.of(503))).as("the fifth send is the last").isFalse();
        // 1 s, 2 s, 4 s, 8 s before sends 2 to 5: 15 s from the first send to the last
        assertThat(FIVE_FROM_ONE_SECOND.pauseBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(FIVE_FROM_ONE_SECOND.pauseBefore(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(FIVE_FROM_ONE_SECOND.pauseBefore(5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(new CallbackRetries(1, Duration.ZERO).retriesAfter(1, OptionalInt.empty())).as("one send: never again").isFalse();
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new CallbackRetries(0, Duration.ofSeconds(1))).hasMessageContaining("callback-attempts must be 1–10, not 0");
        assertThatThrownBy(() -> new CallbackRetries(3, Duration.ofSeconds(-1))).hasMessageContaining("callback-first-pause");
        assertThatThrownBy(() -> FIVE_FROM_ONE_SECOND.pauseBefore(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
