package io.synergy.energy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.model.catalogue.Sector;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.sector.ApprovalContract;

/**
 * The sector kit's sector-neutral contract: the reporting cycle ({@link ApprovalContract}). Run here only, once for the five sector
 * services, which share the kit's code. One boot serves all of this module's test classes.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class EnergyApprovalTest extends ApprovalContract {

    EnergyApprovalTest() {
        super(Sector.ENERGY);
    }
}
