package io.synergy.platform.tabular;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.synergy.platform.openapi.DocumentOperations;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * What every table the platform serves or reads shares in a service's OpenAPI document, declared once here for every
 * service instead of on each resource: the formats {@link Tabular} answers and {@link TableReader} reads. A resource
 * says what is its own — the JSON schema, and a CSV content saying what a row is (or the CSV's header) — and this
 * filter adds the rest wherever the resource did not say it otherwise.
 *
 * <ul>
 *   <li>A <b>table</b> (a success that offers {@code text/csv}): the CSV is UTF-8 with a byte order mark
 *       ({@link TabularWriter}), and the workbook is the other format, one sheet of the same columns.
 *   <li>An <b>upload</b> (a body of {@code text/csv}): the CSV is a string, and the workbook is the other body.
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class TabularOperations implements OASFilter {

    static final String CSV_ENCODING = "UTF-8 with a byte order mark";
    static final String WORKBOOK = "one sheet, the same columns with Chinese and English headers";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        for (Operation operation : DocumentOperations.of(openAPI)) {
            if (operation.getRequestBody() != null
                    && offersCsv(operation.getRequestBody().getContent())) {
                describeUpload(operation.getRequestBody().getContent());
            }
            APIResponse ok = operation.getResponses() == null
                    ? null
                    : operation.getResponses().getAPIResponse("200");
            if (ok != null && offersCsv(ok.getContent())) {
                describeTable(ok.getContent());
            }
        }
    }

    private static boolean offersCsv(Content content) {
        return content != null && content.hasMediaType(Tabular.CSV);
    }

    private static void describeTable(Content table) {
        Schema csv = table.getMediaType(Tabular.CSV).getSchema();
        if (csv != null && csv.getDescription() != null && !csv.getDescription().startsWith(CSV_ENCODING)) {
            csv.description(CSV_ENCODING + "; " + csv.getDescription());
        }
        if (!table.hasMediaType(Tabular.XLSX)) {
            table.addMediaType(Tabular.XLSX, workbook(WORKBOOK));
        }
    }

    private static void describeUpload(Content body) {
        if (body.getMediaType(Tabular.CSV).getSchema() == null) {
            body.getMediaType(Tabular.CSV).schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        }
        if (!body.hasMediaType(Tabular.XLSX)) {
            body.addMediaType(Tabular.XLSX, workbook(null));
        }
    }

    private static MediaType workbook(String description) {
        return OASFactory.createMediaType()
                .schema(OASFactory.createSchema()
                        .addType(Schema.SchemaType.STRING)
                        .format("binary")
                        .description(description));
    }
}
