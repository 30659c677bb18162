package io.synergy.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.synergy.model.project.DesignationLevel;
import io.synergy.model.project.PilotStatus;
import java.time.Instant;

/**
 * A pilot or designation (试点示范) of an org unit as the registry service holds it, published on the compacted topic
 * {@code pilots.v1} (key: the code) after every change. Type {@link CloudEventTypes#PILOT}; schema
 * {@code schemas/pilot-event.v1.json}. A consumer that shows a unit's designations keeps the latest version per code.
 *
 * @param orgUnit        the city, a district, a park or an enterprise, as the programme allows
 * @param programme      a programme of the catalogue ({@code project-catalogue.yaml})
 * @param clause         the plan's clause of the programme
 * @param industry       for a programme by industry (the carbon-EIA pilot), the industry; else {@code null}
 * @param level          who designated it
 * @param yearDesignated the year of the designation, {@code null} while APPLIED
 * @param document       the designation's document (批复文件, 文号), {@code null} while APPLIED
 * @param version        increases with every change; a consumer ignores a version it has applied
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PilotEvent(
        String code,
        String orgUnit,
        String programme,
        int clause,
        String industry,
        DesignationLevel level,
        Integer yearDesignated,
        PilotStatus status,
        String document,
        long version,
        Instant changedAt,
        String changedBy) {}
