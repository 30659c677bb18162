package io.synergy.console.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synergy.method.results.UnitYearResult;
import io.synergy.method.results.YearCoverage;
import io.synergy.method.results.YearState;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.results.view.DataSets;
import io.synergy.results.view.ResultDocument;
import io.synergy.results.view.ResultView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * What the console takes from results.v1 into its view, and what it refuses (our own topic is input like any other): the
 * newest version of each org unit and year, never an older one; a tombstone removes; a record that is not a result
 * document, or whose org unit and year are not its key, changes nothing and is counted.
 */
class ResultsFeedTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final ResultsView view = new ResultsView();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final ResultsFeed feed = new ResultsFeed(null, view, JSON, metrics);
    private long offset;

    private static UnitYearResult result(String orgUnit, int year) {
        return new UnitYearResult(
                orgUnit,
                "CITY",
                year,
                false,
                new YearCoverage(YearState.COMPLETE, 19, 19, 10, 10),
                true,
                List.of(),
                List.of(),
                List.of(),
                null,
                Map.of(),
                List.of());
    }

    private void send(String key, String value, String type) {
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>(
                "results.v1",
                0,
                offset++,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        if (type != null) {
            r.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        }
        feed.take(r);
    }

    private void send(String key, long version, UnitYearResult result) throws Exception {
        send(
                key,
                JSON.writeValueAsString(new ResultDocument(
                        version, Instant.parse("2025-04-01T00:00:00Z").plusSeconds(version), result)),
                CloudEventTypes.RESULT);
    }

    private double refused() {
        return metrics.counter("synergy.console.results.refused").count();
    }

    @Test
    void theNewestVersionOfEachUnitAndYearIsKeptWhateverTheOrder() throws Exception {
        send("370200:2024", 2, result("370200", 2024));
        send("370200:2024", 1, result("370200", 2024));
        send("370200:2023", 1, result("370200", 2023));
        assertThat(view.find(ResultView.LATEST, "370200", 2024))
                .get()
                .extracting(ResultDocument::version)
                .isEqualTo(2L);
        assertThat(view.years(ResultView.LATEST, "370200")).containsExactly(2023, 2024);
        assertThat(view.fingerprint())
                .isEqualTo(new ResultsView.Fingerprint(2, 3, Instant.parse("2025-04-01T00:00:02Z")));
        send("370200:2023", null, null);
        assertThat(view.years(ResultView.LATEST, "370200")).containsExactly(2024);
        assertThat(refused()).isZero();
    }

    @Test
    void aRecordThatIsNotAResultOfItsKeyChangesNothingAndIsCounted() throws Exception {
        send("370200:2024", 1, result("370200", 2024));
        ResultsView.Fingerprint before = view.fingerprint();
        send(
                "370200:2024",
                "{\"version\": 5, \"computedAt\": \"2025-04-01T00:00:00Z\"",
                CloudEventTypes.RESULT); // not JSON
        send(
                "370200:2024",
                "{\"version\": 5, \"computedAt\": \"2025-04-01T00:00:00Z\"}",
                CloudEventTypes.RESULT); // no result
        send("370200:2024", 0, result("370200", 2024)); // no version
        send("370202:2024", 6, result("370200", 2024)); // another unit's key
        send(
                "370200:2024",
                JSON.writeValueAsString(new ResultDocument(7, Instant.now(), result("370200", 2024))),
                "cn.qingdao.synergy.alert.v1");
        send("not a key", 8, result("370200", 2024));
        assertThat(view.fingerprint()).isEqualTo(before);
        assertThat(view.find(ResultView.LATEST, "370202", 2024)).isEmpty();
        assertThat(refused()).isEqualTo(6);
    }

    @Test
    void theOfficialViewIsKeptBesideTheLatestUnderItsOwnKeyAndADocumentOfTheOtherViewIsRefused() throws Exception {
        send("370200:2024", 3, result("370200", 2024));
        ResultDocument official = new ResultDocument(
                1,
                Instant.parse("2025-04-02T00:00:00Z"),
                ResultView.OFFICIAL,
                new DataSets(12, 50),
                result("370200", 2024));
        send("370200:2024:official", JSON.writeValueAsString(official), CloudEventTypes.RESULT);
        assertThat(view.find(ResultView.LATEST, "370200", 2024))
                .get()
                .extracting(ResultDocument::version, ResultDocument::view)
                .containsExactly(3L, ResultView.LATEST);
        assertThat(view.find(ResultView.OFFICIAL, "370200", 2024))
                .get()
                .extracting(ResultDocument::version, ResultDocument::dataSets)
                .containsExactly(1L, new DataSets(12, 50));
        // an official document under the latest key (or the other way round) would put one view in the other's place
        send("370200:2024", JSON.writeValueAsString(official), CloudEventTypes.RESULT);
        send(
                "370200:2024:official",
                JSON.writeValueAsString(new ResultDocument(9, Instant.now(), result("370200", 2024))),
                CloudEventTypes.RESULT);
        send("370200:2024:draft", JSON.writeValueAsString(official), CloudEventTypes.RESULT);
        assertThat(refused()).isEqualTo(3);
        assertThat(view.find(ResultView.LATEST, "370200", 2024).orElseThrow().version())
                .isEqualTo(3L);
        // a tombstone of the official key removes the official result only
        send("370200:2024:official", null, null);
        assertThat(view.find(ResultView.OFFICIAL, "370200", 2024)).isEmpty();
        assertThat(view.find(ResultView.LATEST, "370200", 2024)).isPresent();
    }
}
