package io.parley.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * A clock that stands still until a test moves it: quotas are then checked to the unit and the
 * second, and "a minute later" takes no minute. Enabled only by the test profiles that name it.
 */
@Alternative
@Singleton
public class MovableClock extends Clock {

    private volatile Instant now = Instant.parse("2026-01-05T09:00:00Z");

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
