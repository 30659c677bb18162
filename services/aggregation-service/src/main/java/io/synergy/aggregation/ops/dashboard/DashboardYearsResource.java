package io.synergy.aggregation.ops.dashboard;

import io.agroal.api.AgroalDataSource;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The years the city has results for: the dashboard's year selector. */
@RolesAllowed("reader")
@Path("/api/v1/dashboard/years")
@Tag(name = "dashboard")
public class DashboardYearsResource {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OrgUnitRegistry registry;

    public record Years(String orgUnit, List<Integer> years) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The years with a stored result for the city, ascending (empty before the first recompute)")
    public Years years() {
        String city = registry.current().city().code();
        List<Integer> years = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT year FROM result WHERE org_unit = ? ORDER BY year")) {
            ps.setString(1, city);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    years.add(rs.getInt(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the result years", e);
        }
        return new Years(city, years);
    }
}
