package io.synergy.platform.orgunits;

import io.quarkus.logging.Log;
import io.synergy.model.event.OrgUnitEvent;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.config.OrgUnitsConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This service's view of the org units: the city, its districts and groups (fixed, from {@code org-units.yaml} and
 * configuration) and the registered parks and enterprises, kept current from the registry's events. Readers take an
 * immutable snapshot with {@link #current()}, so one request or computation sees one consistent hierarchy. Every change
 * applied is announced as an {@link Applied} CDI event (the aggregation re-rolls its figures when a unit moves).
 */
@ApplicationScoped
public class OrgUnitRegistry {

    private final OrgUnitsConfig config;
    private final Event<Applied> applied;
    private final AtomicReference<OrgUnits> current = new AtomicReference<>();
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    @Inject
    public OrgUnitRegistry(OrgUnitsConfig config, Event<Applied> applied) {
        this.config = config;
        this.applied = applied;
    }

    @PostConstruct
    void init() {
        OrgUnits units = OrgUnits.load();
        for (Map.Entry<String, List<String>> g : config.groups().entrySet()) {
            OrgUnit existing = units.find(g.getKey()).orElse(null);
            String zh = existing == null ? g.getKey() : existing.zh();
            String en = existing == null ? g.getKey() : existing.en();
            units = units.withGroup(g.getKey(), zh, en, g.getValue());
        }
        current.set(units);
    }

    /** The org units as of now (an immutable snapshot). */
    public OrgUnits current() {
        return current.get();
    }

    /**
     * Applies a registry change. Versions older than what was applied are ignored (a compacted topic replayed from
     * the start, or a duplicate). An event the registry cannot take (its parent unknown) is logged and skipped; the feed
     * checks every record first and holds back, or refuses, what this would skip ({@link OrgUnitFeed}).
     *
     * @return whether the snapshot changed
     */
    public synchronized boolean apply(OrgUnitEvent event) {
        Long known = versions.get(event.code());
        if (known != null && known >= event.version()) {
            return false;
        }
        OrgUnits before = current.get();
        OrgUnit unit = event.toOrgUnit();
        try {
            current.set(before.withUnit(unit));
            versions.put(event.code(), event.version());
        } catch (IllegalArgumentException e) {
            Log.warnf("org unit %s v%d not applied: %s", event.code(), event.version(), e.getMessage());
            return false;
        }
        applied.fire(new Applied(before.find(event.code()).orElse(null), unit));
        return true;
    }

    /** The version of a unit this instance has applied (from the topic or its own registry), 0 if none. */
    public long version(String code) {
        return versions.getOrDefault(code, 0L);
    }

    /**
     * A change {@link #apply(OrgUnitEvent) applied} to the snapshot, fired synchronously on the applying thread (the
     * topic's consumer): observers hand work off rather than block it.
     *
     * @param before the unit as it was, {@code null} if it is new to this instance
     * @param after  the unit as it is now
     */
    public record Applied(OrgUnit before, OrgUnit after) {

        /** Whether figures rolled up through the hierarchy change: the unit moved to another parent, closed or reopened. */
        public boolean changesRollUps() {
            return before != null
                    && (!Objects.equals(before.parent(), after.parent()) || before.closed() != after.closed());
        }
    }
}
