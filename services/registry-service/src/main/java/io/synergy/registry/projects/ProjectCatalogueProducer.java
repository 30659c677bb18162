package io.synergy.registry.projects;

import io.quarkus.runtime.Startup;
import io.synergy.model.project.ProjectCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The catalogue of key-project types and pilot programmes, read and checked when the service starts: a broken one stops it. */
@ApplicationScoped
public class ProjectCatalogueProducer {

    @Produces
    @Singleton
    @Startup
    ProjectCatalogue catalogue() {
        return ProjectCatalogue.load();
    }
}
