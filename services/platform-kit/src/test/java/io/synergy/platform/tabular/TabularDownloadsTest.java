package io.synergy.platform.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * What the response filter hands the server for each format. A kept answer's bytes go out as they are kept, for
 * {@link KeptBytesWriter} to write in slices: a {@code byte[]} entity would be copied by the server, per response, into
 * a pooled direct buffer taken on the worker thread, and those buffers, freed after the write into each worker's own
 * cache, outgrew the services' direct memory under many readers (issue 19, the energy service's read part); what the
 * writer costs per response is measured over HTTP by the aggregation's {@code KeptBytesOverHttpTest}.
 */
class TabularDownloadsTest {

    record Emission(String unit, Double value) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Tabular<List<Emission>> answer() {
        return answer(List.of(new Emission("370202", 12.5), new Emission("370203", null)));
    }

    /** An answer of many rows, which gzip makes smaller. */
    private static Tabular<List<Emission>> large() {
        return answer(IntStream.range(0, 2_000)
                .mapToObj(i -> new Emission("3702" + (10 + i % 90), i * 1.5))
                .toList());
    }

    private static Tabular<List<Emission>> answer(List<Emission> rows) {
        Table<Emission> table = new Table<>(
                "排放 Emissions",
                List.of(
                        Column.text("org_unit", "单位", "Org unit", Emission::unit),
                        Column.number("value", "排放量", "Emissions", "t", Emission::value)),
                rows);
        return Tabular.of(rows, "emissions", table);
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    @Test
    void aKeptAnswerIsServedFromTheBytesItKeepsNotFromACopyPerResponse() throws IOException {
        Tabular<List<Emission>> kept = answer().kept();
        TabularDownloads downloads = new TabularDownloads(JSON);
        byte[] json = JSON.writeValueAsBytes(kept.body());
        byte[] csv = rendered(out -> TabularWriter.csv(kept.tables().get(0), out));
        for (MediaType type : List.of(MediaType.APPLICATION_JSON_TYPE, TabularDownloads.CSV, TabularDownloads.XLSX)) {
            byte[] first = served(filtered(downloads, kept, type));
            byte[] second = served(filtered(downloads, kept, type));

            assertThat(second).as("%s: the same kept array, not a copy", type).isSameAs(first);
            if (type.equals(TabularDownloads.XLSX)) {
                assertThat(first).as("a workbook (a zip)").startsWith((byte) 'P', (byte) 'K');
            } else {
                assertThat(first)
                        .as("%s: the answer's rendering", type)
                        .isEqualTo(type == TabularDownloads.CSV ? csv : json);
            }
        }
    }

    @Test
    void aReaderThatAcceptsGzipIsServedTheKeptGzipOfJsonAndCsvNotOfTheWorkbook() throws IOException {
        Tabular<List<Emission>> kept = large().kept();
        TabularDownloads downloads = new TabularDownloads(JSON);
        for (MediaType type : List.of(MediaType.APPLICATION_JSON_TYPE, TabularDownloads.CSV)) {
            ResponseContext plain = filtered(downloads, kept, type, null);
            ResponseContext gzipped = filtered(downloads, kept, type, "gzip, deflate, br");

            assertThat(plain.headers.get("Content-Encoding"))
                    .as("%s without gzip", type)
                    .isNull();
            assertThat(gzipped.headers.getFirst("Content-Encoding"))
                    .as(type.toString())
                    .isEqualTo("gzip");
            for (ResponseContext response : List.of(plain, gzipped)) {
                assertThat(response.headers.get("Vary")).as(type.toString()).containsExactly("Accept-Encoding");
            }
            byte[] compressed = served(gzipped);
            assertThat(compressed.length).as("%s: smaller", type).isLessThan(served(plain).length);
            assertThat(gunzip(compressed)).as("%s: the same answer", type).isEqualTo(served(plain));
            assertThat(served(filtered(downloads, kept, type, "br, gzip;q=0.5")))
                    .as("%s: kept, not compressed per response", type)
                    .isSameAs(compressed);
        }
        ResponseContext workbook = filtered(downloads, kept, TabularDownloads.XLSX, "gzip");
        assertThat(workbook.headers.get("Content-Encoding"))
                .as("a workbook is a zip already")
                .isNull();
        assertThat(workbook.headers.get("Vary")).isNull();
    }

    @Test
    void gzipIsServedOnlyWhenTheReaderNamesItWithAWeightAboveZero() {
        assertThat(TabularDownloads.acceptsGzip("gzip")).isTrue();
        assertThat(TabularDownloads.acceptsGzip("deflate, GZIP ;Q=0.8")).isTrue();
        assertThat(TabularDownloads.acceptsGzip("x-gzip")).isTrue();
        assertThat(TabularDownloads.acceptsGzip(null)).isFalse();
        assertThat(TabularDownloads.acceptsGzip("")).isFalse();
        assertThat(TabularDownloads.acceptsGzip("br, deflate")).isFalse();
        assertThat(TabularDownloads.acceptsGzip("*")).isFalse();
        assertThat(TabularDownloads.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(TabularDownloads.acceptsGzip("gzip;q=0.000")).isFalse();
        assertThat(TabularDownloads.acceptsGzip("gzip;q=much")).isFalse();
        assertThat(TabularDownloads.acceptsGzip("gzipped")).isFalse();
    }

    @Test
    void aSmallAnswerWhoseGzipIsNoSmallerIsServedAsItIs() {
        Tabular<List<Emission>> kept = answer().kept();
        TabularDownloads downloads = new TabularDownloads(JSON);
        ResponseContext response = filtered(downloads, kept, MediaType.APPLICATION_JSON_TYPE, "gzip");
        assertThat(response.headers.get("Content-Encoding")).isNull();
        assertThat(response.headers.get("Vary")).containsExactly("Accept-Encoding");
    }

    @Test
    void anAnswerNotKeptIsStreamedAsJsonByJacksonAndAsCsvAnew() {
        Tabular<List<Emission>> answer = answer();
        TabularDownloads downloads = new TabularDownloads(JSON);
        assertThat(filtered(downloads, answer, MediaType.APPLICATION_JSON_TYPE).entity)
                .isSameAs(answer);
        assertThat(filtered(downloads, answer, TabularDownloads.CSV).entity).isInstanceOf(StreamingOutput.class);
    }

    @Test
    void anAnswerOfferedAsJsonAloneIsKeptAndRenderedOnceLikeTheOthers() throws IOException {
        List<Emission> rows = answer().body();
        Tabular<List<Emission>> kept = Tabular.json(rows).kept();
        TabularDownloads downloads = new TabularDownloads(JSON);
        byte[] first = served(filtered(downloads, kept, MediaType.APPLICATION_JSON_TYPE));
        byte[] second = served(filtered(downloads, kept, MediaType.APPLICATION_JSON_TYPE));

        assertThat(second)
                .as("the same kept array, not a rendering per response")
                .isSameAs(first);
        assertThat(second).isEqualTo(JSON.writeValueAsBytes(rows));
        assertThat(kept.tables()).isEmpty();
        assertThatThrownBy(() -> filtered(downloads, kept, TabularDownloads.CSV))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JSON alone");
    }

    private static ResponseContext filtered(TabularDownloads downloads, Tabular<?> answer, MediaType type) {
        return filtered(downloads, answer, type, null);
    }

    private static ResponseContext filtered(
            TabularDownloads downloads, Tabular<?> answer, MediaType type, String acceptEncoding) {
        ResponseContext response = new ResponseContext(answer, type);
        downloads.filter(acceptEncoding, response);
        return response;
    }

    private static byte[] served(ResponseContext response) {
        assertThat(response.entity).isInstanceOf(KeptBytes.class);
        return ((KeptBytes) response.entity).bytes();
    }

    private static byte[] rendered(Renderings.Renderer renderer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(out);
        return out.toByteArray();
    }

    /** The filter's view of a response whose entity content negotiation has typed: what it sets is kept here. */
    static final class ResponseContext implements ContainerResponseContext {
        Object entity;
        MediaType mediaType;
        final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();

        ResponseContext(Object entity, MediaType mediaType) {
            this.entity = entity;
            this.mediaType = mediaType;
        }

        @Override
        public Object getEntity() {
            return entity;
        }

        @Override
        public MediaType getMediaType() {
            return mediaType;
        }

        @Override
        public void setEntity(Object entity, Annotation[] annotations, MediaType mediaType) {
            this.entity = entity;
            this.mediaType = mediaType;
        }

        @Override
        public MultivaluedMap<String, Object> getHeaders() {
            return headers;
        }

        @Override
        public void setEntity(Object entity) {
            this.entity = entity;
        }

        @Override
        public boolean hasEntity() {
            return entity != null;
        }

        @Override
        public Class<?> getEntityClass() {
            return entity.getClass();
        }

        @Override
        public Type getEntityType() {
            return entity.getClass();
        }

        @Override
        public int getStatus() {
            return 200;
        }

        @Override
        public void setStatus(int code) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Response.StatusType getStatusInfo() {
            return Response.Status.OK;
        }

        @Override
        public void setStatusInfo(Response.StatusType statusInfo) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MultivaluedMap<String, String> getStringHeaders() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getHeaderString(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<String> getAllowedMethods() {
            return Set.of();
        }

        @Override
        public Date getDate() {
            return null;
        }

        @Override
        public Locale getLanguage() {
            return null;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public Map<String, NewCookie> getCookies() {
            return Map.of();
        }

        @Override
        public EntityTag getEntityTag() {
            return null;
        }

        @Override
        public Date getLastModified() {
            return null;
        }

        @Override
        public URI getLocation() {
            return null;
        }

        @Override
        public Set<Link> getLinks() {
            return Set.of();
        }

        @Override
        public boolean hasLink(String relation) {
            return false;
        }

        @Override
        public Link getLink(String relation) {
            return null;
        }

        @Override
        public Link.Builder getLinkBuilder(String relation) {
            return null;
        }

        @Override
        public Annotation[] getEntityAnnotations() {
            return new Annotation[0];
        }

        @Override
        public OutputStream getEntityStream() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setEntityStream(OutputStream outputStream) {
            throw new UnsupportedOperationException();
        }
    }
}
