package io.synergy.console.ops.freshness;

import io.synergy.console.ops.OpsSnapshot;
import io.synergy.model.catalogue.Sector;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Which sector and district has reported what, and which years are still missing or overdue. */
@RolesAllowed("ops")
@Path("/api/v1/ops/freshness")
@APIResponse(
        responseCode = "400",
        description = "A parameter or the body is not valid; errors[].field names it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "ops")
public class FreshnessResource {

    private final FreshnessService freshness;
    private final OpsSnapshot snapshot;

    @Inject
    FreshnessResource(FreshnessService freshness, OpsSnapshot snapshot) {
        this.freshness = freshness;
        this.snapshot = snapshot;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Per sector and district: last report time, years reported, and the years still missing with their due date "
                            + "(annual data of Y is due by synergy.ops.annual-due of Y+1) and whether they are overdue",
            description =
                    "status: UP_TO_DATE, DUE (a closed year missing, not yet past its due date), OVERDUE, NEVER_REPORTED. Computed from the "
                            + "receipts as the ops snapshot read them (every synergy.ops.sample-interval; sampledAt says when).")
    @APIResponse(
            responseCode = "200",
            description = "The freshness of every sector's feeds, or of the one asked for",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = FreshnessService.Freshness.class)))
    public FreshnessService.Freshness freshness(
            @Parameter(
                            description =
                                    "evaluate the calendar at this date (yyyy-MM-dd); default today in synergy.ops.zone")
                    @QueryParam("asOf")
                    String asOf,
            @Parameter(description = "only this sector") @QueryParam("sector") String sector) {
        boolean today = asOf == null || asOf.isBlank();
        LocalDate date;
        try {
            date = today ? freshness.today() : LocalDate.parse(asOf.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(
                    "Invalid parameter", List.of(new FieldError("asOf", "must be a date such as 2026-04-01")));
        }
        Sector only = null;
        if (sector != null && !sector.isBlank()) {
            only = Sector.find(sector.strip())
                    .orElseThrow(() -> ProblemException.invalid(
                            "Invalid parameter",
                            List.of(new FieldError(
                                    "sector", "must be one of energy, transport, building, agriculture, waste"))));
        }
        OpsSnapshot.Snapshot kept = snapshot.current();
        // the snapshot's answer for today and every sector; any other question from the snapshot's receipts
        return today && only == null && kept.freshnessToday().asOf().equals(date)
                ? kept.freshnessToday()
                : freshness.freshness(date, only, kept.freshnessFacts());
    }
}
