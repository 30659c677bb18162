package io.synergy.aggregation.projects;

import io.quarkus.runtime.Startup;
import io.synergy.model.project.ProjectCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The plan's project types and pilot programmes ({@code project-catalogue.yaml}, shared-model), checked at start: a broken one stops the service. */
@ApplicationScoped
public class ProjectCatalogueProducer {

    @Produces
    @Singleton
    @Startup
    ProjectCatalogue catalogue() {
        return ProjectCatalogue.load();
    }
}
