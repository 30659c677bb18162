package io.synergy.energy.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.synergy.model.catalogue.Sector;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.sector.SectorServiceTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The defect of the scale run (docs/performance.md, "Scale: the run of 2026-12-01 02:39"): two clients' batches of 1,000
 * reports were stored at once and the 64 MB heap ran out, because the admission weighed request bodies (3 MB of them
 * admitted both). Now the values being stored are bounded ({@code synergy.sector.max-values-in-flight}, 20,000): a second
 * large batch waits its turn and, when the first is still being stored after the wait, is refused with 503 {@code busy} and
 * Retry-After — nothing of it stored or published — while the first, and a small request beside it, complete.
 */
@QuarkusTest
@TestProfile(IngestionAdmissionTest.ShortWait.class)
@WithTestResource(PlatformTestResource.class)
class IngestionAdmissionTest extends SectorServiceTest {

    /** A wait of 2 s instead of 30 s, so that the refusal comes within the test. */
    public static class ShortWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synergy.sector.ingestion-wait", "2s");
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    IngestionAdmissionTest() {
        super(Sector.ENERGY);
    }

    @Test
    void aSecondLargeBatchIsRefusedWhileTheFirstIsStoredAndNothingOfItIsStored() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // ~11,000 values each, as a batch of 1,000 enterprises' energy reports; small bodies (~0.75 MB) that the bound
        // on
        // bytes in flight (3 MB) lets through together
        ArrayNode first = monthlyReports("first/" + run, 2000, 600);
        ArrayNode second = monthlyReports("second/" + run, 2005, 600);
        ArrayNode small = monthlyReports("small/" + run, 2010, 1);
        assertThat(values(first)).isGreaterThan(10_000);
        assertThat(values(first) + values(second)).isGreaterThan(20_000);

        try (Connection holder = connect()) {
            // the first batch stays in flight, holding its values' turn, until the test lets it write its events
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("LOCK TABLE outbox IN EXCLUSIVE MODE");
            }
            CompletableFuture<HttpResponse<String>> a = post(first);
            await().atMost(WAIT).until(() -> a.isDone() || waitingOnTheOutbox() == 1);
            assertThat(a).as("the first batch is being stored").isNotDone();

            CompletableFuture<HttpResponse<String>> c = post(small);
            HttpResponse<String> b = post(second).get();

            assertThat(b.statusCode()).as(b.body()).isEqualTo(503);
            assertThat(b.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith(PROBLEM));
            assertThat(b.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isPositive());
            JsonNode problem = MAPPER.readTree(b.body());
            assertThat(problem.path("type").asText()).endsWith("/busy");
            assertThat(problem.path("detail").asText()).contains("nothing was stored");
            assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("body");
            assertThat(problem.path("errors").get(0).path("message").asText())
                    .contains("synergy.sector.max-values-in-flight");

            // the small request fits beside the first batch: it is admitted and waits for the outbox like the first
            await().atMost(WAIT).until(() -> c.isDone() || waitingOnTheOutbox() == 2);
            holder.rollback();
            assertThat(a.get().statusCode()).as(a.get().body()).isEqualTo(201);
            assertThat(c.get().statusCode()).as(c.get().body()).isEqualTo(201);
        }
        assertThat(queryCount("SELECT count(*) FROM report WHERE report_id LIKE 'first/" + run + "/%'"))
                .isEqualTo(600);
        assertThat(queryCount("SELECT count(*) FROM report WHERE report_id LIKE 'second/" + run + "/%'"))
                .as("nothing of the refused batch is stored")
                .isZero();
        assertThat(queryCount("SELECT count(*) FROM data_value WHERE report_id LIKE 'second/" + run + "/%'"))
                .isZero();
        // its events would have come from its years, which nothing else wrote (the outbox goes with the same
        // transaction)
        assertThat(queryCount("SELECT count(*) FROM indicator_value WHERE year BETWEEN 2005 AND 2009"))
                .as("nothing of it computed or published")
                .isZero();
    }

    /** {@code count} district-month reports from January of {@code firstYear} on, the districts' values spread over months. */
    private ArrayNode monthlyReports(String prefix, int firstYear, int count) {
        ArrayNode batch = MAPPER.createArrayNode();
        for (int n = 0; n < count; n++) {
            int d = n % districts.size();
            int month = n / districts.size() % 12 + 1;
            int year = firstYear + n / (districts.size() * 12);
            Map<String, Double> v = valuesFor(d);
            v.replaceAll((k, x) -> x / 12);
            batch.add(report(prefix + "/" + n, districts.get(d), String.format("%d-%02d", year, month), null, v));
        }
        return batch;
    }

    private static int values(ArrayNode batch) {
        int n = 0;
        for (JsonNode r : batch) {
            n += r.path("values").size();
        }
        return n;
    }

    private CompletableFuture<HttpResponse<String>> post(ArrayNode batch) {
        return client.sendAsync(
                HttpRequest.newBuilder(uri(REPORTS))
                        .timeout(Duration.ofSeconds(120))
                        .header("Authorization", auth.header())
                        .header("Content-Type", JSON)
                        .POST(HttpRequest.BodyPublishers.ofString(batch.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long waitingOnTheOutbox() {
        return queryCount("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO outbox%'");
    }
}
