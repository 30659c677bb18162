package io.synergy.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A family of gauges (one per value of one tag) whose value is either known or absent: a gauge is registered the first time its
 * value is known and removed from the registry when it stops being known (Kafka away, the database away). A scrape then shows
 * no series rather than NaN — Prometheus' {@code absent()} and staleness handle a missing series; NaN breaks comparisons and sums.
 */
public final class KnownGauges {

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final String tag;
    private final Map<String, AtomicReference<Double>> values = new HashMap<>();
    private final Map<String, Gauge> gauges = new HashMap<>();

    /** @param tag the tag that tells the gauges apart; {@code null}: one gauge without tags (pass any tag value, e.g. "") */
    public KnownGauges(MeterRegistry registry, String name, String description, String tag) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.tag = tag;
    }

    /** The gauge of {@code tagValue} reads {@code value} (registered now if it was absent). */
    public synchronized void set(String tagValue, double value) {
        AtomicReference<Double> holder = values.get(tagValue);
        if (holder == null) {
            AtomicReference<Double> created = new AtomicReference<>(value);
            values.put(tagValue, created);
            Gauge.Builder<AtomicReference<Double>> builder =
                    Gauge.builder(name, created, AtomicReference::get).description(description);
            if (tag != null) {
                builder.tag(tag, tagValue);
            }
            gauges.put(tagValue, builder.register(registry));
        } else {
            holder.set(value);
        }
    }

    /** The gauge of {@code tagValue} is removed: its value is no longer known. */
    public synchronized void unknown(String tagValue) {
        values.remove(tagValue);
        Gauge g = gauges.remove(tagValue);
        if (g != null) {
            registry.remove(g);
        }
    }

    /** Every gauge of the family is removed. */
    public synchronized void allUnknown() {
        for (String t : Map.copyOf(gauges).keySet()) {
            unknown(t);
        }
    }

    /** The value of {@code tagValue}, or {@code null} when it is not known. */
    public synchronized Double value(String tagValue) {
        AtomicReference<Double> holder = values.get(tagValue);
        return holder == null ? null : holder.get();
    }
}
