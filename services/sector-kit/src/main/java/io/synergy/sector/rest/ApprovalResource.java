package io.synergy.sector.rest;

import io.synergy.model.approval.ApprovalMatrix;
import io.synergy.model.approval.ApprovalRequest;
import io.synergy.model.approval.DataSetStatus;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.tabular.Tabular;
import io.synergy.sector.approval.ApprovalService;
import io.synergy.sector.security.WriterAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The reporting cycle of the sector's data sets (docs/reporting-cycle.md): the bureau submits a district's year, the district's
 * reviewer approves or returns it, the city's sector bureau accepts or reopens it. Reads the request and the token, then hands
 * over to {@link ApprovalService}.
 */
@Path("/api/v1/approvals")
@Tag(name = "approvals", description = "Review and approval of the sector's data sets (审核确认)")
@APIResponse(
        responseCode = "401",
        description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "The token lacks the role",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "503",
        description = "The database is unavailable; nothing changed, retry",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ApprovalResource {

    private final ApprovalService approvals;
    private final JsonWebToken token;

    public ApprovalResource(ApprovalService approvals, JsonWebToken token) {
        this.approvals = approvals;
        this.token = token;
    }

    @POST
    @RolesAllowed({"${synergy.sector.feed-role}", "${synergy.sector.reviewer-role}", "${synergy.sector.approver-role}"})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(
            summary = "Move a district's data set of a year on in the reporting cycle",
            description =
                    "SUBMIT (提交; feed:<sector>, the reporting bureau): OPEN → SUBMITTED. APPROVE (审核通过) or RETURN (退回, with a comment; "
                            + "reviewer:<sector>, the district's reviewer): SUBMITTED → APPROVED or OPEN. ACCEPT (审定; approver:<sector>, the city's sector "
                            + "bureau): APPROVED → ACCEPTED. REOPEN (重新打开, with a reason; approver:<sector>): APPROVED or ACCEPTED → OPEN. A token with a "
                            + "districts claim acts for those districts only. Each transition is audited and published on approvals.v1.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ApprovalRequest.class),
                            examples = @ExampleObject(name = "return", value = """
                    {"orgUnit": "370202", "period": "2024", "action": "RETURN", "comment": "12月数据缺失，请补报 / December is missing"}""")))
    @APIResponse(
            responseCode = "200",
            description = "Done: the data set as it now stands, with its history",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DataSetStatus.class)))
    @APIResponse(
            responseCode = "400",
            description = "orgUnit not a district (an enterprise names its district), period not a year or in the "
                    + "future, an unknown action, a missing comment to RETURN or REOPEN; errors[].field names each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The action is not allowed in the data set's state (approval-transition: errors[].field "
                    + "action says the state and who may act now), or APPROVE while flagged values are not acknowledged (unacknowledged-flags); "
                    + "nothing changed",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "state", value = """
                            {"type": "https://synergy.qingdao/problems/approval-transition", "title": "Not allowed in the data set's state", "status": 409,
                             "detail": "The data set is OPEN (填报中); nothing changed",
                             "errors": [{"field": "action", "message": "cannot APPROVE (审核通过) the 2024 data set of 370202: it is OPEN (填报中); SUBMIT (提交) by the reporting bureau (feed:energy)"}]}""")))
    public DataSetStatus act(ApprovalRequest request) {
        return approvals.act(request == null ? new ApprovalRequest(null, null, null, null) : request, actor(token));
    }

    @GET
    @RolesAllowed({
        "reader",
        "${synergy.sector.feed-role}",
        "${synergy.sector.reviewer-role}",
        "${synergy.sector.approver-role}"
    })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "The approval matrix of a year: every district's data set, its state, who acted when with what comment, its history")
    @APIResponse(
            responseCode = "200",
            description = "One row per district of the city; kept until a transition, a flag or the org units change",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ApprovalMatrix.class)))
    @APIResponse(
            responseCode = "400",
            description = "period missing, not a year, or in the future; errors[].field is period",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Tabular<ApprovalMatrix> matrix(
            @Parameter(description = "the year", required = true, example = "2024") @QueryParam("period")
                    String period) {
        return approvals.matrix(period);
    }

    static ApprovalService.Actor actor(JsonWebToken token) {
        return new ApprovalService.Actor(
                token.getName(),
                token.getGroups() == null ? Set.of() : Set.copyOf(token.getGroups()),
                WriterAccess.districts(token));
    }
}
