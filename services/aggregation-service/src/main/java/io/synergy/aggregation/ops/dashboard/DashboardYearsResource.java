package io.synergy.aggregation.ops.dashboard;

import io.synergy.aggregation.store.ResultStore;
import io.synergy.aggregation.store.YearStateStore;
import io.synergy.method.results.YearCoverage;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.results.view.ResultYears;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
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

    private final ResultStore results;
    private final OrgUnitRegistry registry;
    private final YearStateStore yearStates;

    public DashboardYearsResource(ResultStore results, OrgUnitRegistry registry, YearStateStore yearStates) {
        this.results = results;
        this.registry = registry;
        this.yearStates = yearStates;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The years with a stored result for the city, ascending, each with its state (COMPLETE, CLOSED, PROVISIONAL) and "
            + "coverage, and the year the dashboard opens on (empty before the first recompute)")
    public ResultYears years() {
        String city = registry.current().city().code();
        Map<Integer, YearCoverage> coverage = new HashMap<>();
        yearStates.all().forEach(s -> coverage.put(s.year(), s.coverage()));
        return ResultYears.of(city, results.years(city), coverage);
    }
}
