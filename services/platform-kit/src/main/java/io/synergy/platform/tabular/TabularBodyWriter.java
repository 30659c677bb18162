package io.synergy.platform.tabular;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes a {@link Tabular} answer as CSV or as a workbook, whichever content negotiation chose, as a download named after
 * the answer. (JSON is Jackson's: a {@code Tabular} serialises as its body.)
 */
@Provider
@Produces({Tabular.CSV, Tabular.XLSX})
public class TabularBodyWriter implements MessageBodyWriter<Tabular<?>> {

    static final MediaType CSV = MediaType.valueOf(Tabular.CSV);
    static final MediaType XLSX = MediaType.valueOf(Tabular.XLSX);

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Tabular.class.isAssignableFrom(type) && (CSV.isCompatible(mediaType) || XLSX.isCompatible(mediaType));
    }

    @Override
    public void writeTo(Tabular<?> answer, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        boolean csv = CSV.isCompatible(mediaType);
        headers.putSingle("Content-Disposition", "attachment; filename=\"" + answer.filename() + (csv ? ".csv" : ".xlsx") + "\"");
        if (csv) {
            headers.putSingle(HttpHeaders.CONTENT_TYPE, Tabular.CSV + "; charset=UTF-8");
            TabularWriter.csv(answer.tables().get(0), out);
        } else {
            headers.putSingle(HttpHeaders.CONTENT_TYPE, Tabular.XLSX);
            TabularWriter.xlsx(answer.tables(), out);
        }
    }
}
