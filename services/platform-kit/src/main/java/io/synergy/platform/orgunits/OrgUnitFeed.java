package io.synergy.platform.orgunits;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.synergy.model.event.OrgUnitEvent;
import io.synergy.model.event.OrgUnitEventValidator;
import io.synergy.model.event.Rejection;
import io.synergy.model.event.Topics;
import io.synergy.platform.deadletter.DeadLetter;
import io.synergy.platform.deadletter.DeadLetterWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@link OrgUnitRegistry} current from the compacted topic {@code org-units.v1}. Every instance reads the
 * whole topic from the beginning at start (a consumer group of its own, never committed), so it knows every park and
 * enterprise the registry holds, then each change as it happens.
 *
 * <p>Every record is checked ({@link OrgUnitEventValidator}) before the registry takes it; a refused one goes to
 * {@code org-units.v1.dlq} with the reason and this service's name, and the registry keeps what it had for that unit. The
 * dead letter's key is the source partition and offset and the topic is compacted: every service, at every start,
 * refuses the same record again, and the topic keeps one letter for it. Nothing a record holds can stop the stream.
 *
 * <p>Compaction can put an enterprise before its park (the park changed after the enterprise was registered): during the
 * replay of the topic a unit whose parent is not known yet waits for it; what still waits when the replay reaches the
 * topic's end, as it was at assignment, has no parent and is refused.
 */
@ApplicationScoped
@Default
@Identifier(OrgUnitFeed.REBALANCE_LISTENER)
public class OrgUnitFeed implements KafkaConsumerRebalanceListener {

    /** {@code mp.messaging.incoming.org-units.consumer-rebalance-listener.name}. */
    public static final String REBALANCE_LISTENER = "org-units-feed";
    /** Units held back for their parent during the replay, at most; beyond that they are refused at once. */
    static final int MAX_WAITING = 10_000;

    private final OrgUnitRegistry registry;
    private final DeadLetterWriter deadLetters;
    private final KafkaClientService clients;
    private final OrgUnitEventValidator validator = new OrgUnitEventValidator();

    /** Next offset to process, per partition. */
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    /** End offset of each partition when it was assigned: the records before it are the replay of the registry. */
    private final Map<Integer, Long> replayEnds = new ConcurrentHashMap<>();
    /** Units whose parent has not come yet, by code (guarded by this). */
    private final Map<String, Waiting> waitingForParent = new LinkedHashMap<>();

    private record Waiting(ConsumerRecord<String, byte[]> record, OrgUnitEvent event) {}

    public OrgUnitFeed(OrgUnitRegistry registry, DeadLetterWriter deadLetters, KafkaClientService clients) {
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.clients = clients;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        consumer.endOffsets(partitions).forEach((tp, end) -> replayEnds.put(tp.partition(), end));
        synchronized (this) {
            notifyAll();
        }
    }

    @Incoming("org-units")
    public CompletionStage<Void> consume(ConsumerRecord<String, byte[]> record) {
        List<DeadLetter> letters = new ArrayList<>();
        synchronized (this) {
            try {
                process(record, letters);
            } catch (RuntimeException e) {
                // a fault of ours (or of the registry) must not stop the stream either: the record is set aside with it
                Log.errorf(e, "org-unit record %s-%d@%d failed", record.topic(), record.partition(), record.offset());
                letters.add(deadLetter(
                        record,
                        new Rejection(Rejection.INTERNAL, null, e.getClass().getSimpleName() + ": " + e.getMessage())));
            }
            positions.put(record.partition(), record.offset() + 1);
            if (!waitingForParent.isEmpty() && replayDone()) {
                for (Waiting w : waitingForParent.values()) {
                    OrgUnitEventValidator.Checked again =
                            validator.check(w.record().key(), w.record().value(), registry.current());
                    letters.add(deadLetter(
                            w.record(),
                            again.valid()
                                    ? new Rejection(OrgUnitEventValidator.PARENT, "parent", "no parent")
                                    : again.rejection()));
                }
                waitingForParent.clear();
            }
            notifyAll();
        }
        return send(letters);
    }

    private void process(ConsumerRecord<String, byte[]> record, List<DeadLetter> letters) {
        if (record.value() == null) {
            return; // a tombstone: units are closed, never deleted
        }
        OrgUnitEventValidator.Checked c = validator.check(record.key(), record.value(), registry.current());
        if (c.event() != null) {
            waitingForParent.remove(c.event().code()); // a newer record of the unit decides
        }
        if (c.valid()) {
            apply(c.event(), letters);
        } else if (c.parentUnknown() && !replayDone() && waitingForParent.size() < MAX_WAITING) {
            waitingForParent.put(c.event().code(), new Waiting(record, c.event()));
        } else {
            Log.warnf(
                    "org-unit record %s-%d@%d refused: %s",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    c.rejection().reason());
            letters.add(deadLetter(record, c.rejection()));
        }
    }

    /** Applies a unit, then every waiting unit it is the parent of (an enterprise's park may itself have waited). */
    private void apply(OrgUnitEvent first, List<DeadLetter> letters) {
        List<OrgUnitEvent> applied = new ArrayList<>(List.of(first));
        for (int i = 0; i < applied.size(); i++) {
            OrgUnitEvent e = applied.get(i);
            registry.apply(e);
            List<Waiting> children = waitingForParent.values().stream()
                    .filter(w -> e.code().equals(w.event().parent()))
                    .toList();
            for (Waiting w : children) {
                waitingForParent.remove(w.event().code());
                OrgUnitEventValidator.Checked c =
                        validator.check(w.record().key(), w.record().value(), registry.current());
                if (c.valid()) {
                    applied.add(c.event());
                } else {
                    letters.add(deadLetter(w.record(), c.rejection()));
                }
            }
        }
    }

    /** Every assigned partition has been read up to where it ended when it was assigned. */
    private boolean replayDone() {
        return !replayEnds.isEmpty()
                && replayEnds.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private DeadLetter deadLetter(ConsumerRecord<String, byte[]> r, Rejection why) {
        byte[] key = (r.partition() + "/" + r.offset()).getBytes(StandardCharsets.UTF_8);
        return new DeadLetter(
                Topics.ORG_UNITS_DEAD_LETTERS,
                key,
                r.value(),
                r.headers(),
                new DeadLetter.Source(r.topic(), r.partition(), r.offset()),
                why);
    }

    private CompletionStage<Void> send(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.allOf(letters.stream().map(deadLetters::send).toArray(CompletableFuture[]::new))
                .exceptionally(failure -> {
                    // the topic is read again from the start at the next start, and the letter written again then
                    Log.warnf(
                            "could not write %d dead letters to %s: %s",
                            letters.size(), Topics.ORG_UNITS_DEAD_LETTERS, failure.getMessage());
                    return null;
                });
    }

    /**
     * Waits until this instance's registry has taken every record {@code org-units.v1} holds now — what a sector service
     * could know when it published an event. {@code false} if that takes longer than {@code timeout} (or the feed has no
     * partition yet).
     */
    public boolean awaitCurrent(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> ends;
        try {
            Function<Consumer<String, byte[]>, Map<TopicPartition, Long>> endOffsets =
                    c -> c.endOffsets(c.assignment());
            ends = clients.<String, byte[]>getConsumer("org-units")
                    .runOnPollingThread(endOffsets)
                    .await()
                    .atMost(timeout);
        } catch (RuntimeException e) {
            return false;
        }
        if (ends.isEmpty()) {
            return false;
        }
        synchronized (this) {
            while (!ends.entrySet().stream()
                    .allMatch(e -> positions.getOrDefault(e.getKey().partition(), 0L) >= e.getValue())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }
}
