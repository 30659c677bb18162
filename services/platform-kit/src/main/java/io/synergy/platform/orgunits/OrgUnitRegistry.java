package io.synergy.platform.orgunits;

import io.quarkus.logging.Log;
import io.synergy.model.event.OrgUnitEvent;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.config.OrgUnitsConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This service's view of the org units: the city, its districts and groups (fixed, from {@code org-units.yaml} and
 * configuration) and the registered parks and enterprises, kept current from the registry's events. Readers take an
 * immutable snapshot with {@link #current()}, so one request or computation sees one consistent hierarchy.
 */
@ApplicationScoped
public class OrgUnitRegistry {

    @Inject
    OrgUnitsConfig config;

    private final AtomicReference<OrgUnits> current = new AtomicReference<>();
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

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
        Long applied = versions.get(event.code());
        if (applied != null && applied >= event.version()) {
            return false;
        }
        try {
            current.set(current.get().withUnit(event.toOrgUnit()));
            versions.put(event.code(), event.version());
            return true;
        } catch (IllegalArgumentException e) {
            Log.warnf("org unit %s v%d not applied: %s", event.code(), event.version(), e.getMessage());
            return false;
        }
    }
}
