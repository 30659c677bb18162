package io.synergy.platform.config;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** The catalogue and the org units as beans, read once at start. */
@ApplicationScoped
public class ReferenceDataProducer {

    @Produces
    @Singleton
    Catalogue catalogue() {
        return Catalogue.load();
    }

    @Produces
    @Singleton
    OrgUnits orgUnits(OrgUnitsConfig config) {
        OrgUnits units = OrgUnits.load();
        for (Map.Entry<String, List<String>> g : config.groups().entrySet()) {
            OrgUnit existing = units.find(g.getKey()).orElse(null);
            String zh = existing == null ? g.getKey() : existing.zh();
            String en = existing == null ? g.getKey() : existing.en();
            units = units.withGroup(g.getKey(), zh, en, g.getValue());
        }
        return units;
    }
}
