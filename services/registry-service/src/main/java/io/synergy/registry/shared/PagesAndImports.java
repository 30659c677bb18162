package io.synergy.registry.shared;

import static io.synergy.registry.shared.OperationParts.addHeader;
import static io.synergy.registry.shared.OperationParts.addProblem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.synergy.platform.openapi.DocumentOperations;
import io.synergy.platform.tabular.Tabular;
import io.synergy.platform.tabular.TabularOperations;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What every list and every import of the registry shares in its OpenAPI description, declared once here instead of on
 * each resource (org units, targets, projects, pilots, deadlines). A resource says what is its own: the summary, the JSON
 * schema (an import's with {@code @APIResponseSchema}), the CSV's header; this filter adds the rest wherever the resource
 * did not say it otherwise. The CSV's encoding and the workbook, which every service's tables share, are platform-kit's
 * {@link TabularOperations}.
 *
 * <ul>
 *   <li>A <b>page</b> (an operation with a {@code cursor}): the {@code Link} header to the next page, and a 400 for a
 *       bad filter, {@code limit} or {@code cursor}.
 *   <li>An <b>import</b> (a body of {@code text/csv}): the summary of what was imported as the success, and the import's
 *       errors: 400 (every fault of every row), 413 (too large) and 415 (neither a CSV nor a workbook), none of which
 *       stores anything.
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class PagesAndImports implements OASFilter {

    static final String NEXT_PAGE = "<…?cursor=…>; rel=\"next\" when more rows follow this page";
    static final String BAD_QUERY = "A filter, limit or cursor is not valid; errors[].field names it";
    static final String IMPORTED = "Imported: how many rows were created, changed or left unchanged";
    static final Map<String, String> IMPORT_ERRORS = Map.of(
            "400",
            "Every fault of every row in errors[] (field \"line N: column\" in a CSV, \"row N: column\" in a workbook), a "
                    + "missing column, a malformed CSV or workbook, a workbook of several sheets without sheet; nothing stored",
            "413",
            "Larger than 10 MiB, more than 100,000 rows, or a workbook unpacking to more than 100 MiB; nothing stored",
            "415",
            "The body is neither text/csv nor an XLSX workbook, or its charset is unknown");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        for (Operation operation : DocumentOperations.of(openAPI)) {
            if (operation.getResponses() == null) {
                continue;
            }
            if (operation.getRequestBody() != null
                    && operation.getRequestBody().getContent() != null
                    && operation.getRequestBody().getContent().hasMediaType(Tabular.CSV)) {
                describeImport(operation);
            }
            APIResponse ok = operation.getResponses().getAPIResponse("200");
            if (ok != null && pages(operation)) {
                describePage(ok, operation.getResponses());
            }
        }
    }

    /** A list with {@code limit} and {@code cursor} (registry {@link Pages}). */
    private static boolean pages(Operation operation) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "cursor".equals(p.getName()));
    }

    private static void describePage(APIResponse ok, APIResponses responses) {
        addHeader(ok, "Link", NEXT_PAGE);
        addProblem(responses, "400", BAD_QUERY);
    }

    private static void describeImport(Operation operation) {
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        if (ok != null
                && (ok.getDescription() == null
                        || ok.getDescription().isEmpty()
                        || ok.getDescription().equals("OK"))) {
            ok.description(IMPORTED);
        }
        IMPORT_ERRORS.forEach((status, description) -> addProblem(operation.getResponses(), status, description));
    }
}
