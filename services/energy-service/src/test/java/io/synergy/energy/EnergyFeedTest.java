package io.synergy.energy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.model.catalogue.Sector;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.sector.FeedContract;

/**
 * The sector kit's sector-neutral contract: the Kafka feed and its dead letters ({@link FeedContract}). Run here only, once for the five
 * sector services, which share the kit's code; each of them runs what differs per sector (CatalogueContract). One boot serves all of this
 * module's test classes.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class EnergyFeedTest extends FeedContract {

    EnergyFeedTest() {
        super(Sector.ENERGY);
    }
}
