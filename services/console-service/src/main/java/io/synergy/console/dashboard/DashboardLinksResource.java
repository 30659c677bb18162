package io.synergy.console.dashboard;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The other services' pages the dashboard links to: the annual assessment report above all (issue 16). */
@RolesAllowed("reader")
@Path("/api/v1/dashboard/links")
@Tag(name = "dashboard")
public class DashboardLinksResource {

    /**
     * The pages, as absolute URLs without their query.
     *
     * @param assessmentReport the annual assessment report (年度评估考核报告); add {@code ?period=<year>[&orgUnit=…]}
     * @param projectProgress  the key projects' progress (重点工程进展); add {@code ?period=<year>}
     * @param pilots           the pilots and designations (试点示范)
     */
    public record Links(String assessmentReport, String projectProgress, String pilots) {}

    private final DashboardLinks links;

    DashboardLinksResource(DashboardLinks links) {
        this.links = links;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Where the dashboard links to: the assessment report, the key projects' progress, the pilots")
    @APIResponse(
            responseCode = "200",
            description = "The pages' URLs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Links.class)))
    public Links links() {
        return new Links(
                base(links.aggregation()) + "/api/v1/assessment/report",
                base(links.registry()) + "/api/v1/projects/progress",
                base(links.registry()) + "/api/v1/pilots");
    }

    private static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
