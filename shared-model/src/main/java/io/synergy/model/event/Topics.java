package io.synergy.model.event;

import io.synergy.model.catalogue.Sector;

/** Topic names: {@code <what>.<sector>.v<version>}. See docs/events.md. */
public final class Topics {

    public static final String RESULTS = "results.v1";
    public static final String ALERTS = "alerts.v1";

    private Topics() {
    }

    /** Reports produced by a bureau's system (the same JSON as the REST body). */
    public static String feed(Sector sector) {
        return "feeds." + sector.code() + ".v1";
    }

    /** Feed messages that could not be parsed or validated, with the reason in headers. */
    public static String feedDeadLetters(Sector sector) {
        return feed(sector) + ".dlq";
    }

    /** Indicator events a sector service publishes through its outbox. */
    public static String indicators(Sector sector) {
        return "indicators." + sector.code() + ".v1";
    }
}
