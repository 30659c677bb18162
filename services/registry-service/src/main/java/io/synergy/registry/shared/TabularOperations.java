package io.synergy.registry.shared;

import static io.synergy.registry.shared.OperationParts.addHeader;
import static io.synergy.registry.shared.OperationParts.addProblem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.synergy.platform.tabular.Tabular;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What every list and every import of the registry shares in its OpenAPI description, declared once here instead of on
 * each resource (org units, targets, projects, pilots, deadlines). A resource says what is its own: the summary, the JSON
 * schema (an import's with {@code @APIResponseSchema}), the CSV's header; this filter adds the rest wherever the resource
 * did not say it otherwise.
 *
 * <ul>
 *   <li>A <b>table</b> (a success that offers {@code text/csv}): the CSV is UTF-8 with a byte order mark, the workbook
 *       one sheet of the same columns.
 *   <li>A <b>page</b> (an operation with a {@code cursor}): the {@code Link} header to the next page, and a 400 for a
 *       bad filter, {@code limit} or {@code cursor}.
 *   <li>An <b>import</b> (a body of {@code text/csv}): the workbook as the other body, the summary of what was imported as
 *       the success, and the import's errors: 400 (every fault of every row), 413 (too large) and 415 (neither a CSV nor a
 *       workbook), none of which stores anything.
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class TabularOperations implements OASFilter {

    static final String CSV_ENCODING = "UTF-8 with a byte order mark";
    static final String WORKBOOK = "one sheet, the same columns with Chinese and English headers";
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
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (operation.getResponses() == null) {
                    continue;
                }
                if (operation.getRequestBody() != null
                        && offersCsv(operation.getRequestBody().getContent())) {
                    describeImport(operation);
                }
                APIResponse ok = operation.getResponses().getAPIResponse("200");
                if (ok != null && offersCsv(ok.getContent())) {
                    describeTable(ok);
                }
                if (ok != null && pages(operation)) {
                    describePage(ok, operation.getResponses());
                }
            }
        }
    }

    private static boolean offersCsv(Content content) {
        return content != null && content.hasMediaType(Tabular.CSV);
    }

    /** A list with {@code limit} and {@code cursor} (registry {@link Pages}). */
    private static boolean pages(Operation operation) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "cursor".equals(p.getName()));
    }

    private static void describeTable(APIResponse ok) {
        Schema csv = ok.getContent().getMediaType(Tabular.CSV).getSchema();
        if (csv != null && csv.getDescription() != null && !csv.getDescription().startsWith(CSV_ENCODING)) {
            csv.description(CSV_ENCODING + "; " + csv.getDescription());
        }
        if (!ok.getContent().hasMediaType(Tabular.XLSX)) {
            ok.getContent().addMediaType(Tabular.XLSX, workbook(WORKBOOK));
        }
    }

    private static void describePage(APIResponse ok, APIResponses responses) {
        addHeader(ok, "Link", NEXT_PAGE);
        addProblem(responses, "400", BAD_QUERY);
    }

    private static void describeImport(Operation operation) {
        Content body = operation.getRequestBody().getContent();
        if (body.getMediaType(Tabular.CSV).getSchema() == null) {
            body.getMediaType(Tabular.CSV).schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        }
        body.addMediaType(Tabular.XLSX, workbook(null));
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        if (ok != null
                && (ok.getDescription() == null
                        || ok.getDescription().isEmpty()
                        || ok.getDescription().equals("OK"))) {
            ok.description(IMPORTED);
        }
        IMPORT_ERRORS.forEach((status, description) -> addProblem(operation.getResponses(), status, description));
    }

    private static MediaType workbook(String description) {
        return OASFactory.createMediaType()
                .schema(OASFactory.createSchema()
                        .addType(Schema.SchemaType.STRING)
                        .format("binary")
                        .description(description));
    }
}
