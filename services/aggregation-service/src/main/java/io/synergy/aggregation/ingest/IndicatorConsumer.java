package io.synergy.aggregation.ingest;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.synergy.aggregation.recompute.Recomputer;
import io.synergy.aggregation.store.FactStore;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.IndicatorEventValidator;
import io.synergy.model.event.Rejection;
import io.synergy.model.event.Topics;
import io.synergy.platform.deadletter.DeadLetter;
import io.synergy.platform.deadletter.DeadLetterWriter;
import io.synergy.platform.orgunits.OrgUnitFeed;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.tracing.Traceparent;
import io.synergy.platform.tracing.Traces;
import io.synergy.platform.tracing.WorkTags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes every sector's indicator topic in batches. Each record is checked on its own ({@link IndicatorEventValidator}:
 * schema, sector of the topic, code of the sector, known org unit, year, finite numbers, revision, event id); a refused
 * one goes to {@code indicators.v1.dlq} with the reason, and the rest of the batch goes on. One transaction per batch
 * upserts the facts (highest revision wins, so redeliveries and stale events change nothing) and records which years
 * need recomputing; then the dead letters are written and acknowledged. Only after both does the method return, and the
 * offsets are committed after that: a crash replays the batch, harmlessly, and no refused record is lost.
 *
 * <p>A batch that cannot be stored for a transient reason (the database away, the broker not acknowledging) is retried
 * with backoff for as long as it takes; meanwhile {@link ConsumerProgress} reports the consumer {@code STALLED}. The
 * partitions wait rather than skip events.
 */
@ApplicationScoped
public class IndicatorConsumer {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(15);
    /** How long a batch naming units the registry does not know waits for the registry to take org-units.v1 as it is now. */
    static final Duration REGISTRY_WAIT = Duration.ofSeconds(10);
    /** The kind of a record the database refused although the checks let it through. */
    static final String STORAGE = "storage";

    private final FactWriter writer;
    private final DeadLetterWriter deadLetters;
    private final OrgUnitRegistry orgUnits;
    private final OrgUnitFeed orgUnitFeed;
    private final ConsumerProgress progress;
    private final MeterRegistry metrics;
    private final IndicatorEventValidator validator;
    private final Traces traces;

    public IndicatorConsumer(
            FactWriter writer,
            DeadLetterWriter deadLetters,
            OrgUnitRegistry orgUnits,
            OrgUnitFeed orgUnitFeed,
            ConsumerProgress progress,
            MeterRegistry metrics,
            Catalogue catalogue,
            Traces traces) {
        this.traces = traces;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.orgUnits = orgUnits;
        this.orgUnitFeed = orgUnitFeed;
        this.progress = progress;
        this.metrics = metrics;
        this.validator = new IndicatorEventValidator(catalogue);
    }

    /** A batch sorted into what is stored and what is set aside. */
    record Sorted(
            List<IndicatorEvent> events, List<ConsumerRecord<byte[], byte[]>> sources, List<DeadLetter> letters) {}

    /** Thrown when a batch names org units the registry may not know yet: transient, the batch is retried. */
    static final class RegistryBehind extends RuntimeException {
        RegistryBehind(int events) {
            super(events
                    + " events name org units this instance's registry does not know, and it has not caught up with "
                    + Topics.ORG_UNITS + " within " + REGISTRY_WAIT.toSeconds() + " s");
        }
    }

    @Incoming("indicators")
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<byte[], byte[]> records) {
        // the batch continues the trace of its first record and links to the others' (each record's traceparent, as its
        // sector service's outbox relay sent it); the recompute requests it writes carry this span on to the recompute
        List<Context> contexts = recordContexts(records);
        try (Traces.Work work = traces.start(
                "indicators consume",
                SpanKind.CONSUMER,
                contexts.isEmpty() ? Context.root() : contexts.get(0),
                contexts.stream().map(r -> Span.fromContext(r).getSpanContext()).toList(),
                WorkTags.NONE)) {
            work.span().setAttribute("messaging.batch.message_count", records.count());
            try {
                consume(records, work);
            } catch (RuntimeException e) {
                work.failed(e);
                throw e;
            }
        }
    }

    /** Each record's trace, from its traceparent header. */
    private static List<Context> recordContexts(ConsumerRecords<byte[], byte[]> records) {
        List<Context> contexts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Context c = Traceparent.parse(Traceparent.of(r.headers()));
            if (Span.fromContext(c).getSpanContext().isValid()) {
                contexts.add(c);
            }
        }
        return contexts;
    }

    private void consume(ConsumerRecords<byte[], byte[]> records, Traces.Work work) {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                Sorted batch = sort(records);
                work.tag(new WorkTags(
                        WorkTags.summary(batch.events().stream()
                                .map(IndicatorEvent::reportId)
                                .toList()),
                        WorkTags.summary(batch.events().stream()
                                .map(IndicatorEvent::sector)
                                .toList()),
                        WorkTags.summary(batch.events().stream()
                                .map(IndicatorEvent::orgUnit)
                                .toList()),
                        WorkTags.summary(batch.events().stream()
                                .map(IndicatorEvent::period)
                                .toList())));
                List<DeadLetter> letters = new ArrayList<>(batch.letters());
                letters.addAll(store(batch));
                // the dead letters are acknowledged before the offsets may move past their records
                deadLetters.sendAndAwait(letters);
                if (!letters.isEmpty()) {
                    Map<String, Long> kinds = new TreeMap<>();
                    letters.forEach(d -> kinds.merge(d.rejection().kind(), 1L, Long::sum));
                    Log.warnf(
                            "indicator consumer: %d of %d events refused, to %s %s; first: %s at %s",
                            letters.size(),
                            records.count(),
                            Topics.INDICATORS_DEAD_LETTERS,
                            kinds,
                            letters.get(0).rejection().reason(),
                            letters.get(0).source());
                }
                metrics.counter("synergy.events.consumed").increment(records.count());
                progress.stored();
                return;
            } catch (RuntimeException | SQLException e) {
                progress.failed(records, e);
                if (!progress.pause(backoff)) {
                    throw new IllegalStateException(
                            "stopping: the batch stays uncommitted and is read again at the next start", e);
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** Checks every record; events naming unknown org units are checked again once the registry has caught up. */
    Sorted sort(ConsumerRecords<byte[], byte[]> records) {
        Sorted out = new Sorted(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<ConsumerRecord<byte[], byte[]>> unknownUnit = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            IndicatorEventValidator.Checked c = check(r);
            if (!c.valid()
                    && IndicatorEventValidator.ORG_UNIT.equals(c.rejection().kind())
                    && c.event() != null
                    && orgUnits.current().find(c.event().orgUnit()).isEmpty()) {
                unknownUnit.add(r);
            } else {
                sortInto(out, r, c);
            }
        }
        if (!unknownUnit.isEmpty()) {
            // a sector service learns a new enterprise from org-units.v1 too: what it knew before publishing, this
            // instance knows once it has read the topic up to its end as of now
            if (!orgUnitFeed.awaitCurrent(REGISTRY_WAIT)) {
                throw new RegistryBehind(unknownUnit.size());
            }
            unknownUnit.forEach(r -> sortInto(out, r, check(r)));
        }
        return out;
    }

    private IndicatorEventValidator.Checked check(ConsumerRecord<byte[], byte[]> r) {
        try {
            return validator.check(r.topic(), r.value(), orgUnits.current());
        } catch (RuntimeException e) {
            // a fault of ours must not stop the topic either: the record is set aside with it
            Log.errorf(e, "indicator record %s-%d@%d could not be checked", r.topic(), r.partition(), r.offset());
            return new IndicatorEventValidator.Checked(
                    null,
                    new Rejection(Rejection.INTERNAL, null, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private void sortInto(Sorted out, ConsumerRecord<byte[], byte[]> r, IndicatorEventValidator.Checked c) {
        if (c.valid()) {
            out.events().add(c.event());
            out.sources().add(r);
        } else {
            out.letters().add(deadLetter(r, c.rejection()));
        }
    }

    DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> r, Rejection why) {
        return new DeadLetter(
                Topics.INDICATORS_DEAD_LETTERS,
                r.key(),
                r.value(),
                r.headers(),
                new DeadLetter.Source(r.topic(), r.partition(), r.offset()),
                why);
    }

    /**
     * Writes the batch in one transaction. Should the database refuse the data of a record the checks let through,
     * each event is written in a transaction of its own and the ones it refuses are set aside: one record never fails a
     * batch. An outage is thrown, for {@link #consume} to retry.
     */
    List<DeadLetter> store(Sorted batch) throws SQLException {
        try {
            writer.write(batch.events());
            return List.of();
        } catch (SQLException | RuntimeException e) {
            if (!refusedData(e)) {
                throw e;
            }
            Log.warnf(
                    "indicator consumer: the database refused a batch's data, writing its %d events one by one: %s",
                    batch.events().size(), ConsumerProgress.describe(e));
        }
        List<DeadLetter> refused = new ArrayList<>();
        for (int i = 0; i < batch.events().size(); i++) {
            try {
                writer.write(List.of(batch.events().get(i)));
            } catch (SQLException | RuntimeException e) {
                if (!refusedData(e)) {
                    throw e;
                }
                refused.add(
                        deadLetter(batch.sources().get(i), new Rejection(STORAGE, null, ConsumerProgress.describe(e))));
            }
        }
        return refused;
    }

    /** The database refused a record's data (SQLSTATE class 22) or a constraint (class 23): not an outage, retrying won't help. */
    static boolean refusedData(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s
                    && s.getSQLState() != null
                    && (s.getSQLState().startsWith("22") || s.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /** Upserts a batch's facts and records the years to recompute, in one transaction. */
    @ApplicationScoped
    public static class FactWriter {

        private final FactStore facts;
        private final AgroalDataSource dataSource;
        private final Recomputer recomputer;

        @Inject
        FactWriter(FactStore facts, AgroalDataSource dataSource, Recomputer recomputer) {
            this.facts = facts;
            this.dataSource = dataSource;
            this.recomputer = recomputer;
        }

        @Transactional
        public void write(List<IndicatorEvent> events) throws SQLException {
            try (Connection c = dataSource.getConnection()) {
                Set<Integer> years = facts.upsert(c, events);
                if (!years.isEmpty()) {
                    recomputer.requestedInTransaction();
                }
            }
        }
    }
}
