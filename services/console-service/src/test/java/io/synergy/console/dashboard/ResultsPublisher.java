package io.synergy.console.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.synergy.method.results.Fact;
import io.synergy.method.results.IndicatorTable;
import io.synergy.method.results.MethodSettings;
import io.synergy.method.results.ResultCalculator;
import io.synergy.method.results.UnitYearResult;
import io.synergy.method.results.YearState;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.testsupport.KafkaTestClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Plays the aggregation for the console's tests: keeps the facts of the indicator events a test sends (highest revision
 * wins), computes every result with the method's own calculator ({@link ResultCalculator}, synergy-method) and publishes
 * each changed one on {@code results.v1} as the aggregation does — key {@code <orgUnit>:<year>}, value
 * {@code {version, computedAt, result}} — so the console is tested against the documents it reads in production.
 */
final class ResultsPublisher {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaTestClient kafka;
    private final Catalogue catalogue = Catalogue.load();
    private final OrgUnits units = OrgUnits.load();
    private final Map<String, Fact> facts = new HashMap<>();
    private final Map<String, Long> revisions = new HashMap<>();
    private final Map<String, String> published = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<Integer, YearState> closed = new HashMap<>();

    ResultsPublisher(KafkaTestClient kafka) {
        this.kafka = kafka;
    }

    /** The fact an indicator event makes, as the aggregation's fact table keeps it. */
    void add(IndicatorEvent e) {
        String key = e.code() + "|" + e.orgUnit() + "|" + e.period();
        if (revisions.getOrDefault(key, 0L) <= e.revision()) {
            revisions.put(key, e.revision());
            facts.put(
                    key,
                    new Fact(
                            e.code(),
                            e.orgUnit(),
                            Integer.parseInt(e.period()),
                            e.value(),
                            e.numerator(),
                            e.denominator(),
                            e.complete()));
        }
    }

    /** Ops close a year (POST /api/v1/years/{year}/close on the aggregation). */
    void close(int year) {
        closed.put(year, YearState.CLOSED);
    }

    /** Computes every result and publishes those that changed. */
    void publish() {
        IndicatorTable table = new IndicatorTable(
                facts.values(), catalogue, units, MethodSettings.defaults().baseYear());
        Instant now = Instant.now();
        for (UnitYearResult r :
                new ResultCalculator(catalogue, units, MethodSettings.defaults()).compute(table, closed)) {
            String key = r.orgUnit() + ":" + r.year();
            String body = write(r);
            if (body.equals(published.get(key))) {
                continue;
            }
            published.put(key, body);
            long version = versions.merge(key, 1L, Long::sum);
            kafka.send(
                    Topics.RESULTS,
                    key,
                    "{\"version\":" + version + ",\"computedAt\":\"" + now + "\",\"result\":" + body + "}",
                    Map.of("ce_type", CloudEventTypes.RESULT));
        }
    }

    private static String write(UnitYearResult r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
