package io.synergy.console.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.synergy.console.ops.kafka.OpsKafka;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.Topics;
import io.synergy.platform.worker.WakeableLoop;
import io.synergy.results.view.ResultDocument;
import io.synergy.results.view.ResultView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Keeps {@link ResultsView} current from {@code results.v1}: at every start it reads the compacted topic from its
 * beginning (no consumer group, nothing committed: each console instance holds the whole view), then follows it. Every
 * record is checked before it is taken — our own topic is input like any other: a value that is not a result document,
 * or whose org unit, year and view are not its key ({@code <orgUnit>:<year>} for the latest view,
 * {@code <orgUnit>:<year>:official} for the official one), is counted ({@code synergy.console.results.refused}), logged and skipped,
 * and the view keeps what it had. The view is ready once it has read up to the end offsets the topic had at start.
 */
@ApplicationScoped
public class ResultsFeed {

    private final OpsKafka kafka;
    private final ResultsView view;
    private final ObjectMapper json;
    private final Counter refused;
    private KafkaConsumer<byte[], byte[]> consumer;
    private WakeableLoop loop;
    private volatile Map<TopicPartition, Long> startEnd;
    private volatile boolean caughtUp;

    ResultsFeed(OpsKafka kafka, ResultsView view, ObjectMapper json, MeterRegistry metrics) {
        this.kafka = kafka;
        this.view = view;
        this.json = json;
        this.refused = Counter.builder("synergy.console.results.refused")
                .description("results.v1 records that are not a result document")
                .register(metrics);
    }

    void start(@Observes StartupEvent event) {
        loop = new WakeableLoop(
                "results-view", Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(10), this::poll);
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.stop();
        }
    }

    /** Whether the view holds every record the topic had when this instance started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** One poll; on the loop's thread only (a consumer is not thread-safe). Opens the consumer on first use and after a failure. */
    private boolean poll() {
        try {
            if (consumer == null) {
                open();
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                take(r);
            }
            if (!caughtUp) {
                caughtUp = startEnd.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            return true;
        } catch (RuntimeException e) {
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(1));
                consumer = null;
            }
            throw e;
        }
    }

    private void open() {
        KafkaConsumer<byte[], byte[]> c = kafka.ownReader("console-service-results");
        List<TopicPartition> partitions = c.partitionsFor(Topics.RESULTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        if (startEnd == null) {
            startEnd = c.endOffsets(partitions);
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        consumer = c;
    }

    void take(ConsumerRecord<byte[], byte[]> r) {
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        String problem = check(key, r);
        if (problem != null) {
            refused.increment();
            Log.warnf("results.v1 %d@%d skipped: %s", r.partition(), r.offset(), problem);
        }
    }

    /** Applies the record, or says why not. */
    private String check(String key, ConsumerRecord<byte[], byte[]> r) {
        if (key == null || !key.matches("[^:]+:\\d{4}(:official)?")) {
            return "the key is not <orgUnit>:<year> or <orgUnit>:<year>:official";
        }
        String[] parts = key.split(":");
        if (r.value() == null) {
            view.remove(
                    parts.length == 3 ? ResultView.OFFICIAL : ResultView.LATEST, parts[0], Integer.parseInt(parts[1]));
            return null;
        }
        Header type = r.headers().lastHeader("ce_type");
        if (type != null && !CloudEventTypes.RESULT.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return "ce_type is not " + CloudEventTypes.RESULT;
        }
        ResultDocument doc;
        try {
            doc = json.readValue(r.value(), ResultDocument.class);
        } catch (IOException e) {
            return "not a result document: " + e.getMessage();
        }
        if (doc == null
                || doc.result() == null
                || doc.computedAt() == null
                || doc.version() < 1
                || doc.result().orgUnit() == null) {
            return "a result document needs version (≥ 1), computedAt and result";
        }
        String own = ResultsView.key(doc.view(), doc.orgUnit(), doc.year());
        if (!key.equals(own)) {
            return "the document is of " + own + ", the key says " + key;
        }
        view.apply(doc);
        return null;
    }
}
