package io.synergy.platform.tabular;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 *
 * <p>A {@link Tabular#kept() kept} answer (a memoised one, served to many readers) is rendered once per format, JSON
 * included, and its bytes served from then on: a read of it costs no serialisation. The bytes go out as
 * {@link KeptBytes}, which {@link KeptBytesWriter} writes a slice at a time over the kept array: neither a copy per
 * response on the heap nor one of the whole answer in direct memory. (A {@code byte[]} entity the server copies, per
 * response, into a pooled direct buffer taken on the worker thread and cached there after the write — 32 workers kept up
 * to one per connection, beyond the services' 24 MB of direct memory; a buffer over the whole array Netty copies into one
 * direct buffer of the answer's size at the socket — 4.5 MB per response for the ranking of 5,000 enterprises.)
 */
@Provider
public class TabularDownloads implements ContainerResponseFilter {

    static final MediaType CSV = MediaType.valueOf(Tabular.CSV);
    static final MediaType XLSX = MediaType.valueOf(Tabular.XLSX);

    private final ObjectMapper json;

    TabularDownloads(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        filter(request.getHeaderString(HttpHeaders.ACCEPT_ENCODING), response);
    }

    /** The filter, given the request's {@code Accept-Encoding} (or {@code null}). */
    void filter(String acceptEncoding, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Tabular<?> answer)) {
            return;
        }
        String extension = extension(response.getMediaType());
        Renderings kept = answer.rendered();
        if (extension == null) {
            if (kept != null && MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())) {
                Renderings.Renderer body = out -> json.writeValue(out, answer.body());
                serve(
                        response,
                        MediaType.APPLICATION_JSON_TYPE,
                        () -> kept.json(body),
                        acceptsGzip(acceptEncoding) ? () -> kept.jsonGzip(body) : null);
            }
            return;
        }
        if (answer.tables().isEmpty()) {
            throw new IllegalStateException("an answer offered as JSON alone (Tabular.json) negotiated as " + extension
                    + ": its resource must produce JSON only");
        }
        boolean csv = extension.equals(".csv");
        StreamingOutput body = csv
                ? out -> TabularWriter.csv(answer.tables().get(0), out)
                : out -> TabularWriter.xlsx(answer.tables(), out);
        MediaType type = csv ? CSV.withCharset("UTF-8") : XLSX;
        if (kept != null) {
            // a workbook is a zip already: gzip would not make it smaller
            serve(
                    response,
                    type,
                    csv ? () -> kept.csv(body::write) : () -> kept.xlsx(body::write),
                    csv && acceptsGzip(acceptEncoding) ? () -> kept.csvGzip(body::write) : null);
        } else {
            response.setEntity(body, new Annotation[0], type);
        }
        response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, type.toString());
        response.getHeaders()
                .putSingle("Content-Disposition", "attachment; filename=\"" + answer.filename() + extension + "\"");
    }

    /**
     * A kept rendering as the response's entity: its gzipped bytes when the reader accepts gzip and they are smaller
     * ({@code gzipped} not {@code null}), otherwise the bytes as rendered. JSON and CSV say {@code Vary: Accept-Encoding}
     * either way, so that a cache keeps the two apart.
     */
    private static void serve(
            ContainerResponseContext response, MediaType type, Rendering identity, Rendering gzipped) {
        byte[] bytes = render(identity);
        if (!type.equals(XLSX)) {
            response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        if (gzipped != null) {
            byte[] compressed = render(gzipped);
            if (compressed.length < bytes.length) {
                response.getHeaders().putSingle(HttpHeaders.CONTENT_ENCODING, "gzip");
                bytes = compressed;
            }
        }
        response.setEntity(new KeptBytes(bytes), new Annotation[0], type);
    }

    /**
     * Whether {@code Accept-Encoding} lists gzip (or x-gzip) with a weight above zero. {@code *} is not taken for gzip:
     * browsers name it, and identity is always acceptable. A weight that is not a number refuses the coding.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",", 32)) {
            String[] parts = coding.split(";");
            String name = parts[0].trim();
            if (!name.equalsIgnoreCase("gzip") && !name.equalsIgnoreCase("x-gzip")) {
                continue;
            }
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                    try {
                        return Double.parseDouble(parameter.substring(2).trim()) > 0;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
            }
            return true;
        }
        return false;
    }

    @FunctionalInterface
    private interface Rendering {
        byte[] bytes() throws IOException;
    }

    private static byte[] render(Rendering rendering) {
        try {
            return rendering.bytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not render the answer", e);
        }
    }

    /** {@code .csv} or {@code .xlsx} for the two tabular media types (parameters aside), {@code null} for any other. */
    static String extension(MediaType type) {
        if (type == null || type.isWildcardType() || type.isWildcardSubtype()) {
            return null;
        }
        return CSV.isCompatible(type) ? ".csv" : XLSX.isCompatible(type) ? ".xlsx" : null;
    }
}
