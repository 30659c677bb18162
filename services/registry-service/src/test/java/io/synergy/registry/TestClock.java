package io.synergy.registry;

import io.synergy.registry.shared.Checks;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** The registry's clock in tests: the system's until a test sets an instant (and after it resets it). */
@Singleton
public class TestClock extends Clock {

    private volatile Instant now;

    /** From now on the clock says this instant. */
    public void set(Instant instant) {
        now = instant;
    }

    /** The system's time again. */
    public void reset() {
        now = null;
    }

    @Override
    public ZoneId getZone() {
        return Checks.ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant n = now;
        return n == null ? Instant.now() : n;
    }
}
