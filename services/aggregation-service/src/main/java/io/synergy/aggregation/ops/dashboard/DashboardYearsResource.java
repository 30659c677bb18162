package io.synergy.aggregation.ops.dashboard;

import io.agroal.api.AgroalDataSource;
import io.synergy.aggregation.store.YearStateStore;
import io.synergy.method.results.YearCoverage;
import io.synergy.method.results.YearState;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The years the city has results for, with each one's state: the dashboard's year selector. The dashboard opens on
 * {@code defaultYear}, the latest complete or closed year — never on a year that has just begun (docs/method.md §3).
 */
@RolesAllowed("reader")
@Path("/api/v1/dashboard/years")
@Tag(name = "dashboard")
public class DashboardYearsResource {

    private final AgroalDataSource dataSource;
    private final OrgUnitRegistry registry;
    private final YearStateStore yearStates;

    public DashboardYearsResource(AgroalDataSource dataSource, OrgUnitRegistry registry, YearStateStore yearStates) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.yearStates = yearStates;
    }

    /** A year with results; {@code coverage} is null until its first assessment (the recompute after an upgrade). */
    public record Year(int year, YearState state, boolean provisional, YearCoverage coverage) {
    }

    /**
     * @param years       ascending, as before (the selector's options)
     * @param defaultYear the latest complete or closed year with results; the latest year when none is settled yet
     */
    public record Years(String orgUnit, List<Integer> years, Integer defaultYear, List<Year> states) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The years with a stored result for the city, ascending, each with its state (COMPLETE, CLOSED, PROVISIONAL) and "
            + "coverage, and the year the dashboard opens on (empty before the first recompute)")
    public Years years() {
        String city = registry.current().city().code();
        Map<Integer, YearCoverage> coverage = new HashMap<>();
        yearStates.all().forEach(s -> coverage.put(s.year(), s.coverage()));
        List<Integer> years = new ArrayList<>();
        List<Year> states = new ArrayList<>();
        Integer latestSettled = null;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT year FROM result WHERE org_unit = ? ORDER BY year")) {
            ps.setString(1, city);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int year = rs.getInt(1);
                    YearCoverage v = coverage.get(year);
                    YearState state = v == null ? YearState.PROVISIONAL : v.state();
                    years.add(year);
                    states.add(new Year(year, state, !state.settled(), v));
                    latestSettled = state.settled() ? Integer.valueOf(year) : latestSettled;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the result years", e);
        }
        Integer defaultYear = latestSettled != null ? latestSettled : years.isEmpty() ? null : years.get(years.size() - 1);
        return new Years(city, years, defaultYear, states);
    }
}
