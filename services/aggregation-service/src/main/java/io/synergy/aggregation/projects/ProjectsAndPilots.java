package io.synergy.aggregation.projects;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.synergy.aggregation.store.ProjectStore;
import io.synergy.model.event.PilotEvent;
import io.synergy.model.event.ProjectEvent;
import io.synergy.model.project.ProjectCatalogue;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.results.view.UnitSynergyView.Designation;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The key projects and pilots the aggregation has stored from projects.v1 and pilots.v1, for the read side: the units'
 * designations (试点示范) beside their synergy, and the assessment report's sections.
 */
@ApplicationScoped
public class ProjectsAndPilots {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final ProjectCatalogue catalogue;
    private final ProjectStore projectStore;

    ProjectsAndPilots(
            AgroalDataSource dataSource, ObjectMapper json, ProjectCatalogue catalogue, ProjectStore projectStore) {
        this.projectStore = projectStore;
        this.dataSource = dataSource;
        this.json = json;
        this.catalogue = catalogue;
    }

    public ProjectCatalogue catalogue() {
        return catalogue;
    }

    /** Every project stored. */
    public List<ProjectEvent> projects() {
        try (Connection c = dataSource.getConnection()) {
            return projectStore.projects(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the projects", e);
        }
    }

    /** Every pilot stored. */
    public List<PilotEvent> pilots() {
        try (Connection c = dataSource.getConnection()) {
            return projectStore.pilots(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the pilots", e);
        }
    }

    /** Every unit's designations, by unit code, each unit's in code order. */
    public Map<String, List<Designation>> designations() {
        Map<String, List<Designation>> byUnit = new LinkedHashMap<>();
        for (PilotEvent p : pilots()) {
            byUnit.computeIfAbsent(p.orgUnit(), k -> new ArrayList<>()).add(designation(p));
        }
        return byUnit;
    }

    /** A pilot as a designation, with its programme's names. */
    public Designation designation(PilotEvent p) {
        ProjectCatalogue.Programme programme =
                catalogue.programme(p.programme()).orElse(null);
        return new Designation(
                p.code(),
                p.programme(),
                programme == null ? p.programme() : programme.zh(),
                programme == null ? p.programme() : programme.en(),
                p.industry(),
                p.level().name(),
                p.yearDesignated(),
                p.status().name(),
                p.document());
    }

    /**
     * What a designation must be to match the query parameters ({@code pilot}: a programme; {@code pilotLevel},
     * {@code pilotStatus}, {@code pilotYear}); {@code null} when none is given. A bad value is a 400 naming its parameter.
     */
    public Predicate<Designation> filter(String pilot, String pilotLevel, String pilotStatus, String pilotYear) {
        if (pilot == null && pilotLevel == null && pilotStatus == null && pilotYear == null) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        if (pilot != null && catalogue.programme(pilot).isEmpty()) {
            errors.add(new FieldError(
                    "pilot", "'" + abbreviate(pilot) + "' is not a programme of /api/v1/pilots/programmes"));
        }
        String level = choice("pilotLevel", pilotLevel, Set.of("NATIONAL", "PROVINCIAL", "CITY"), errors);
        String status =
                choice("pilotStatus", pilotStatus, Set.of("APPLIED", "DESIGNATED", "ACCEPTED", "REVOKED"), errors);
        Integer year = null;
        if (pilotYear != null) {
            try {
                year = Integer.valueOf(pilotYear.strip());
                if (year < ProjectCatalogue.FIRST_YEAR || year > ProjectCatalogue.LAST_YEAR) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError(
                        "pilotYear",
                        "a year from " + ProjectCatalogue.FIRST_YEAR + " to " + ProjectCatalogue.LAST_YEAR));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid pilot filter", errors);
        }
        Integer y = year;
        return d -> (pilot == null || pilot.equals(d.programme()))
                && (level == null || level.equals(d.level()))
                && (status == null || status.equals(d.status()))
                && (y == null || y.equals(d.year()));
    }

    private static String choice(String field, String value, Set<String> allowed, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            errors.add(new FieldError(field, "one of " + String.join(", ", new TreeSet<>(allowed))));
            return null;
        }
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
