package io.synergy.energy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.model.catalogue.Sector;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.sector.SecurityContract;

/**
 * The sector kit's sector-neutral contract: access control ({@link SecurityContract}). Run here only, once for the five sector services,
 * which share the kit's code; each of them runs what differs per sector (CatalogueContract). One boot serves all of this module's test
 * classes.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class EnergySecurityTest extends SecurityContract {

    EnergySecurityTest() {
        super(Sector.ENERGY);
    }
}
