package io.synergy.registry.pilots;

/**
 * A pilot or designation (试点示范) as a planner creates or changes it (JSON body, or one row of an uploaded table).
 *
 * @param orgUnit        the city, a district, a park or an enterprise, as the programme designates
 * @param programme      a programme of {@code GET /api/v1/pilots/programmes}
 * @param industry       for a programme by industry (CARBON_EIA), one of its industries; else omitted
 * @param level          NATIONAL, PROVINCIAL or CITY: who designated it
 * @param yearDesignated the year of the designation; omitted while APPLIED
 * @param status         APPLIED, DESIGNATED, ACCEPTED or REVOKED; omitted: APPLIED for a new pilot, else unchanged
 * @param document       the designation's document (批复文件, 文号); required once designated
 */
public record PilotChange(
        String code,
        String orgUnit,
        String programme,
        String industry,
        String level,
        Integer yearDesignated,
        String status,
        String document) {

    /** The same change of the pilot {@code code} (a {@code PUT}'s, whose path names it). */
    public PilotChange withCode(String code) {
        return new PilotChange(code, orgUnit, programme, industry, level, yearDesignated, status, document);
    }
}
