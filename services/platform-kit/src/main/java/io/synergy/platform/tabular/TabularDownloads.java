package io.synergy.platform.tabular;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
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
 * included, and its bytes served from then on: a read of it costs no serialisation. The bytes go out as a Vert.x
 * {@link Buffer} over the kept array, not as a {@code byte[]} entity: for a {@code byte[]} the server copies every
 * response into a pooled direct buffer taken on the worker thread and freed after the write into that worker's own
 * buffer cache, so under many readers each of the 32 workers kept up to one buffer per connection in flight (32 x 32 x
 * 32 KB for a 31 KB answer), beyond the services' 24 MB of direct memory. Over the kept array the one copy into direct
 * memory is the event loop's, from its own pool, given back to it by the write that used it.
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
        if (!(response.getEntity() instanceof Tabular<?> answer)) {
            return;
        }
        String extension = extension(response.getMediaType());
        Renderings kept = answer.rendered();
        if (extension == null) {
            if (kept != null && MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())) {
                byte[] bytes = render(() -> kept.json(out -> json.writeValue(out, answer.body())));
                response.setEntity(served(bytes), new Annotation[0], MediaType.APPLICATION_JSON_TYPE);
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
            byte[] bytes = render(() -> csv ? kept.csv(body::write) : kept.xlsx(body::write));
            response.setEntity(served(bytes), new Annotation[0], type);
        } else {
            response.setEntity(body, new Annotation[0], type);
        }
        response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, type.toString());
        response.getHeaders()
                .putSingle("Content-Disposition", "attachment; filename=\"" + answer.filename() + extension + "\"");
    }

    /**
     * The kept bytes as the response's body, shared, not copied: a heap buffer over the array, which the write neither
     * changes nor frees (Vert.x hands the connection an unreleasable slice of it).
     */
    private static Buffer served(byte[] bytes) {
        return Buffer.buffer(Unpooled.wrappedBuffer(bytes));
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
