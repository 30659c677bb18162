package io.synergy.platform.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.synergy.platform.kafka.KafkaClientProperties;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes refused records to their dead-letter topics and counts them ({@code synergy.dead.letters{topic,kind}}). A send
 * completes when the broker has acknowledged it ({@code acks=all}, idempotent producer), so a consumer that waits for
 * its dead letters before its offsets move loses nothing: a crash in between only writes them again.
 */
@ApplicationScoped
public class DeadLetterWriter {

    private final DeadLetterConfig config;
    private final MeterRegistry metrics;
    private final String service;
    private final Properties producerProperties;
    private KafkaProducer<byte[], byte[]> producer;

    public DeadLetterWriter(
            DeadLetterConfig config,
            MeterRegistry metrics,
            Config kafka,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.config = config;
        this.metrics = metrics;
        this.service = service;
        Properties p = KafkaClientProperties.filtered(KafkaClientProperties.all(kafka), ProducerConfig.configNames());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-dead-letters");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        long timeout = config.sendTimeout().toMillis();
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout));
        this.producerProperties = p;
    }

    /** The service name written into {@link DeadLetter#SERVICE}. */
    public String service() {
        return service;
    }

    /** Sends one dead letter; the stage completes on the broker's acknowledgement (and is counted then) or fails. */
    public CompletableFuture<Void> send(DeadLetter d) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer().send(record(d), (metadata, failure) -> {
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else {
                    Counter.builder("synergy.dead.letters")
                            .description("Records refused by a consumer and written to a dead-letter topic")
                            .tag("topic", d.topic())
                            .tag("kind", d.rejection().kind())
                            .register(metrics)
                            .increment();
                    done.complete(null);
                }
            });
        } catch (RuntimeException e) {
            // max.block.ms passed without metadata (broker away), or the producer is closing
            done.completeExceptionally(e);
        }
        return done;
    }

    /**
     * Sends the dead letters and waits until the broker has acknowledged every one, within {@code synergy.dead-letters.send-timeout}.
     *
     * @throws IllegalStateException naming the first failure: the caller must not move its offsets past these records
     */
    public void sendAndAwait(Collection<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> sends = new ArrayList<>(letters.size());
        letters.forEach(d -> sends.add(send(d)));
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(config.sendTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + letters.size() + " dead letters", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException(
                    "could not write " + letters.size() + " dead letters to "
                            + letters.iterator().next().topic() + ": "
                            + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : " " + cause.getMessage()),
                    cause);
        }
    }

    ProducerRecord<byte[], byte[]> record(DeadLetter d) {
        RecordHeaders headers = new RecordHeaders();
        if (d.headers() != null) {
            for (Header h : d.headers()) {
                // a refused dead letter that was replayed keeps only its own original headers, not an earlier refusal's
                if (!h.key().startsWith("dead-letter-")) {
                    headers.add(h.key(), h.value());
                }
            }
        }
        add(headers, DeadLetter.REASON, d.rejection().reason());
        add(headers, DeadLetter.KIND, d.rejection().kind());
        if (d.rejection().field() != null) {
            add(headers, DeadLetter.FIELD, d.rejection().field());
        }
        add(headers, DeadLetter.TOPIC, d.source().topic());
        add(headers, DeadLetter.PARTITION, Integer.toString(d.source().partition()));
        add(headers, DeadLetter.OFFSET, Long.toString(d.source().offset()));
        add(headers, DeadLetter.SERVICE, service);
        byte[] value = d.value();
        if (value != null && value.length > config.maxValueBytes()) {
            add(headers, DeadLetter.VALUE_BYTES, Integer.toString(value.length));
            value = Arrays.copyOf(value, config.maxValueBytes());
        }
        return new ProducerRecord<>(d.topic(), null, d.key(), value, headers);
    }

    private static void add(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerProperties);
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                Log.debug("closing the dead-letter producer", e);
            }
            producer = null;
        }
    }
}
