package io.synergy.registry.pilots;

import io.synergy.model.project.ProjectCatalogue;
import java.util.List;

/**
 * The catalogue of pilot programmes (试点示范) as {@code GET /api/v1/pilots/programmes} answers it.
 *
 * @param clauses    the plan's clauses that name programmes, with their departments
 * @param programmes the programmes, each with its clause and the org-unit levels it designates
 * @param industries the industries of a programme by industry (the carbon-EIA pilot); {@code extension}: one the plan extends it to
 */
public record PilotProgrammes(
        List<ProjectCatalogue.Clause> clauses,
        List<ProjectCatalogue.Programme> programmes,
        List<ProjectCatalogue.Industry> industries) {

    static PilotProgrammes of(ProjectCatalogue catalogue) {
        return new PilotProgrammes(
                catalogue.clauses().stream()
                        .filter(c -> catalogue.programmes().stream().anyMatch(p -> p.clause() == c.number()))
                        .toList(),
                catalogue.programmes(),
                catalogue.industries());
    }
}
