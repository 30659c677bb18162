package io.synergy.platform.tabular;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;

/**
 * Serves a {@link Tabular} answer in the format content negotiation chose. As JSON it is Jackson's (a {@code Tabular}
 * serialises as its body). As CSV (its first table) or XLSX (every table) it becomes a download: the table is streamed
 * by {@link TabularWriter}, with {@code Content-Disposition: attachment} naming the answer's file and the exact media
 * type ({@code text/csv; charset=UTF-8}; the workbook's without a charset, being binary).
 *
 * <p>A response filter rather than a message body writer: the server picks a writer for the entity's class among
 * its own, and its catch-all writer (any object, any media type, as {@code toString()}) wins over one for
 * {@code Tabular}; a {@link StreamingOutput} entity it writes as it is.
 */
@Provider
public class TabularDownloads implements ContainerResponseFilter {

    static final MediaType CSV = MediaType.valueOf(Tabular.CSV);
    static final MediaType XLSX = MediaType.valueOf(Tabular.XLSX);

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Tabular<?> answer)) {
            return;
        }
        String extension = extension(response.getMediaType());
        if (extension == null) {
            return;
        }
        boolean csv = extension.equals(".csv");
        StreamingOutput body = csv
                ? out -> TabularWriter.csv(answer.tables().get(0), out)
                : out -> TabularWriter.xlsx(answer.tables(), out);
        MediaType type = csv ? CSV.withCharset("UTF-8") : XLSX;
        response.setEntity(body, new Annotation[0], type);
        response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, type.toString());
        response.getHeaders()
                .putSingle("Content-Disposition", "attachment; filename=\"" + answer.filename() + extension + "\"");
    }

    /** {@code .csv} or {@code .xlsx} for the two tabular media types (parameters aside), {@code null} for any other. */
    static String extension(MediaType type) {
        if (type == null || type.isWildcardType() || type.isWildcardSubtype()) {
            return null;
        }
        return CSV.isCompatible(type) ? ".csv" : XLSX.isCompatible(type) ? ".xlsx" : null;
    }
}
