package io.synergy.registry.projects;

import io.synergy.model.project.ProjectCatalogue;
import io.synergy.model.project.Substance;
import java.util.Arrays;
import java.util.List;

/**
 * The catalogue of key-project types (重点工程类型) as {@code GET /api/v1/projects/types} answers it.
 *
 * @param clauses    the plan's clauses that name project types, with their departments
 * @param types      the types, each with its clause and the substances its projects may record
 * @param substances what reductions are counted in, t/a; {@code mainPollutant}: one of the plan's E5
 */
public record ProjectTypes(
        List<ProjectCatalogue.Clause> clauses,
        List<ProjectCatalogue.ProjectType> types,
        List<SubstanceInfo> substances) {

    /** A substance a reduction is counted in. */
    public record SubstanceInfo(Substance code, String zh, String en, String unit, boolean mainPollutant) {}

    static ProjectTypes of(ProjectCatalogue catalogue) {
        return new ProjectTypes(
                catalogue.clauses().stream()
                        .filter(c -> catalogue.types().stream().anyMatch(t -> t.clause() == c.number()))
                        .toList(),
                catalogue.types(),
                Arrays.stream(Substance.values())
                        .map(s -> new SubstanceInfo(s, s.zh(), s.en(), Substance.UNIT, s.mainPollutant()))
                        .toList());
    }
}
