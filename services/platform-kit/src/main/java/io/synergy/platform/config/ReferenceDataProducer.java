package io.synergy.platform.config;

import io.synergy.model.catalogue.Catalogue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The catalogue as a bean, read once at start. (The org units change at run time: see
 * {@link io.synergy.platform.orgunits.OrgUnitRegistry}.)
 */
@ApplicationScoped
public class ReferenceDataProducer {

    @Produces
    @Singleton
    Catalogue catalogue() {
        return Catalogue.load();
    }
}
