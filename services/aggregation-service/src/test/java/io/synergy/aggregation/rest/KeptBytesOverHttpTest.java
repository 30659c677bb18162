package io.synergy.aggregation.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.PlatformDependent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.TestTokens;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * What serving a large kept answer costs per response, over real HTTP connections (issue 19: the ranking of 5,000
 * enterprises, 4.5 MB of JSON, at 3–5 answers a second under 32 readers). Readers that have received the head of the
 * answer and read no further hold, each, what the server has put in flight for them: a slice and the connection's write
 * queue, not a copy of the answer. Before platform-kit's KeptBytesWriter each held a direct buffer of the whole answer
 * (Netty copies a heap buffer whole into direct memory before writing it to a socket), so that in the services, under
 * their 24 MB of direct memory, five readers filled it and the sixth stalled its event loop in the JDK's reservation.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class KeptBytesOverHttpTest {

    private static final int READERS = 8;

    /** What one reader may hold in flight: a slice (32 KB), the write queue (64 KB), pooled buffers' rounding. */
    private static final long PER_READER = 512 * 1024;

    private final String token = TestTokens.bearer(TestTokens.token("reader"));

    @Test
    void readersThatStopReadingALargeKeptAnswerEachHoldASliceOfItNotACopy() throws Exception {
        byte[] whole = given().accept("application/json")
                .get(LargeKeptAnswerResource.PATH)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .asByteArray();
        assertThat(whole.length).as("an answer of megabytes").isGreaterThan(3_000_000);
        // every pool the answer's writes use, warmed by readers that read it whole at once
        readWhole(READERS, whole);

        long before = directMemoryInUse();
        List<Reader> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < READERS; i++) {
                stalled.add(new Reader(""));
            }
            for (Reader reader : stalled) {
                assertThat(reader.head()).startsWith("http/1.1 200").contains("content-length: " + whole.length);
            }
            long inFlight = directMemoryInUse() - before;

            assertThat(inFlight)
                    .as(
                            "direct memory held for %d readers of an answer of %d bytes that read no further than its head",
                            READERS, whole.length)
                    .isLessThan(READERS * PER_READER);
            for (Reader reader : stalled) {
                assertThat(reader.rest(whole.length))
                        .as("the whole answer, byte for byte")
                        .isEqualTo(whole);
            }
        } finally {
            for (Reader reader : stalled) {
                reader.socket.close();
            }
        }
    }

    @Test
    void manyReadersAtOnceEachReadTheWholeAnswerInEachFormat() throws Exception {
        for (String accept : List.of("application/json", "text/csv")) {
            byte[] whole = given().accept(accept)
                    .get(LargeKeptAnswerResource.PATH)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            assertThat(readWhole(16, whole, accept)).as(accept).isEqualTo(16);
        }
    }

    @Test
    void aReaderThatAcceptsGzipIsServedTheKeptGzipOfTheAnswer() throws Exception {
        Reader plain = new Reader("");
        Reader gzip = new Reader("Accept-Encoding: gzip, deflate, br\r\n");
        try {
            String plainHead = plain.head();
            byte[] whole = plain.rest(contentLength(plainHead));
            String head = gzip.head();
            byte[] compressed = gzip.rest(contentLength(head));

            assertThat(plainHead).doesNotContain("content-encoding").contains("vary: accept-encoding");
            assertThat(head).contains("content-encoding: gzip", "vary: accept-encoding");
            assertThat(compressed.length).as("gzip of %d bytes", whole.length).isLessThan(whole.length / 4);
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
                assertThat(in.readAllBytes()).isEqualTo(whole);
            }
        } finally {
            plain.socket.close();
            gzip.socket.close();
        }
    }

    private static int contentLength(String head) {
        Matcher length = Pattern.compile("content-length: (\\d+)").matcher(head);
        assertThat(length.find()).as(head).isTrue();
        return Integer.parseInt(length.group(1));
    }

    private int readWhole(int readers, byte[] whole) throws Exception {
        return readWhole(readers, whole, "application/json");
    }

    /** {@code readers} readers at once, each reading the answer to its end: how many read it whole. */
    private int readWhole(int readers, byte[] whole, String accept) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<byte[]>> reads = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                reads.add(pool.submit(() -> given().accept(accept)
                        .get(LargeKeptAnswerResource.PATH)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray()));
            }
            int read = 0;
            for (Future<byte[]> r : reads) {
                assertThat(r.get()).isEqualTo(whole);
                read++;
            }
            return read;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Direct memory in use: the JDK's buffers, and Netty's own count where it allocates without them. */
    private static long directMemoryInUse() {
        long jdk = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
        return jdk + Math.max(0, PlatformDependent.usedDirectMemory());
    }

    /**
     * A reader on a connection with a small receive window that reads the answer's head and then stops, until asked for
     * the rest.
     */
    private final class Reader {
        final Socket socket = new Socket();
        private final InputStream in;

        /** @param headers more request headers, each ending in CRLF */
        Reader(String headers) throws IOException {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 10_000);
            socket.setSoTimeout(30_000);
            String request = "GET " + LargeKeptAnswerResource.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: application/json\r\nAuthorization: " + token + "\r\n" + headers + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            in = new BufferedInputStream(socket.getInputStream(), 1024);
        }

        /** The status line and headers, lower case. */
        String head() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the connection closed within the head: " + head);
                }
                head.write(b);
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            }
            return head.toString(StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        }

        byte[] rest(int length) throws IOException {
            return in.readNBytes(length);
        }
    }
}
