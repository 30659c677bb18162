package io.synergy.registry.shared;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The clock the registry's dates are taken from (today's deadlines and reminders): the system's, unless a test sets its own. */
public final class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.system(Checks.ZONE);
    }
}
