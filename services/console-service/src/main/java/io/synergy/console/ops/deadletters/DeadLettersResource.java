package io.synergy.console.ops.deadletters;

import io.synergy.console.ops.OpsConfig;
import io.synergy.console.ops.OpsSnapshot;
import io.synergy.console.ops.topics.PlatformTopic;
import io.synergy.console.ops.topics.TopicOffsets;
import io.synergy.model.event.FeedDeadLetter.Identity;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.security.Operator;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dead-letter topics: how deep, what is in them and why, and replaying a feed's messages once their cause is fixed
 * (the dead letters of the platform's own topics are browse only).
 */
@RolesAllowed("ops")
@Path("/api/v1/ops/dead-letters")
@APIResponse(
        responseCode = "400",
        description = "A parameter or the body is not valid; errors[].field names it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "ops")
public class DeadLettersResource {

    private final TopicOffsets offsets;
    private final DeadLetterReader reader;
    private final DeadLetterReplayer replayer;
    private final ReplayAudit audit;
    private final Operator operator;
    private final OpsConfig config;
    private final DeadLetterListing listing;
    private final OpsSnapshot snapshot;

    @Inject
    DeadLettersResource(
            TopicOffsets offsets,
            DeadLetterReader reader,
            DeadLetterReplayer replayer,
            ReplayAudit audit,
            Operator operator,
            OpsConfig config,
            DeadLetterListing listing,
            OpsSnapshot snapshot) {
        this.offsets = offsets;
        this.reader = reader;
        this.replayer = replayer;
        this.audit = audit;
        this.operator = operator;
        this.config = config;
        this.listing = listing;
        this.snapshot = snapshot;
    }

    /**
     * A dead letter as an operator reads it; {@code headers} holds every header, decoded as UTF-8, a credential's value
     * redacted. {@code identity}: who the sector service verified as its producer ({@code null} if the dead letter names
     * nobody: written before identities were recorded), recorded under {@code deadLetterId}.
     */
    public record MessageView(
            int partition,
            long offset,
            Instant timestamp,
            String key,
            String value,
            boolean valueTruncated,
            int valueBytes,
            String reason,
            String cause,
            String sourceTopic,
            Integer sourcePartition,
            Long sourceOffset,
            int replayCount,
            boolean replayed,
            String deadLetterId,
            Identity identity,
            Map<String, String> headers) {

        /** The same message, with {@code replayed} as the audit says now. */
        MessageView replayed(boolean now) {
            return now == replayed
                    ? this
                    : new MessageView(
                            partition,
                            offset,
                            timestamp,
                            key,
                            value,
                            valueTruncated,
                            valueBytes,
                            reason,
                            cause,
                            sourceTopic,
                            sourcePartition,
                            sourceOffset,
                            replayCount,
                            now,
                            deadLetterId,
                            identity,
                            headers);
        }
    }

    /**
     * One dead-letter topic.
     *
     * @param sourceTopic where its records came from; {@code null} for {@code indicators.v1.dlq}, fed by the five indicator topics
     *                    (each message's {@code sourceTopic} says which)
     * @param replayable  {@code false} for the browse-only topics ({@code indicators.v1.dlq}, {@code org-units.v1.dlq})
     * @param depth       messages retained; for a compacted topic ({@code org-units.v1.dlq}) the distinct source records
     * @param sampledAt   when the listing was read: the ops snapshot's time for up to
     *                    {@code synergy.ops.dead-letters.default-limit} messages, else the request's
     */
    public record DeadLetterTopicView(
            String topic,
            String sector,
            String sourceTopic,
            boolean replayable,
            boolean exists,
            long depth,
            List<TopicOffsets.PartitionOffsets> partitions,
            Map<String, Long> reasons,
            List<MessageView> messages,
            Instant sampledAt) {}

    /** {@code {"messages":[{"partition":0,"offset":12}]}}, or {@code {"all":true}}; {@code dryRun} only reports. */
    public record ReplayRequest(List<MessageRef> messages, Boolean all, Boolean dryRun, Boolean force) {}

    public record MessageRef(Integer partition, Long offset) {}

    public record ReplayResult(
            String topic,
            String operator,
            boolean dryRun,
            int requested,
            Map<String, Long> counts,
            List<DeadLetterReplayer.Outcome> messages) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Every dead-letter topic (the feeds', indicators.v1.dlq, org-units.v1.dlq, targets.v1.dlq, approvals.v1.dlq): depth, messages per reason, and the newest "
                            + "messages with key, value, timestamp, partition/offset, the producer's identity as the sector service verified it, and every "
                            + "header (dead-letter-reason, -cause, -topic, -partition, -offset, -id, -identity...)",
            description =
                    "limit: messages per topic (default 20). topic: only this dead-letter topic. Up to synergy.ops.dead-letters.default-limit "
                            + "messages come from the ops snapshot (taken every synergy.ops.sample-interval and after each replay; sampledAt says when), "
                            + "more are read at once. Reads with assign+seek, commits nothing. "
                            + "indicators.v1.dlq, org-units.v1.dlq, targets.v1.dlq and approvals.v1.dlq are browse only (replayable false); the compacted org-units.v1.dlq "
                            + "and targets.v1.dlq list one entry per source record. A credential header (authorization...) of an old dead letter is shown as (redacted), never its value.")
    @APIResponse(
            responseCode = "200",
            description = "Every dead-letter topic, or the one asked for",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = DeadLetterTopicView.class)))
    public List<DeadLetterTopicView> deadLetters(
            @QueryParam("limit") Integer limit, @QueryParam("topic") String topic) {
        int n = limit == null ? config.deadLetters().defaultLimit() : limit;
        if (n < 0 || n > config.deadLetters().maxLimit()) {
            throw ProblemException.invalid(
                    "Invalid parameter",
                    List.of(new FieldError(
                            "limit",
                            "must be between 0 and " + config.deadLetters().maxLimit())));
        }
        List<PlatformTopic> topics =
                topic == null || topic.isBlank() ? PlatformTopic.deadLetterTopics() : List.of(deadLetterTopic(topic));
        if (n <= listing.kept()) {
            // the snapshot's listing, cut to the limit
            Map<String, DeadLetterTopicView> kept = snapshot.current().deadLetters();
            return topics.stream()
                    .map(t -> DeadLetterListing.cut(kept.get(t.name()), n))
                    .toList();
        }
        // more messages than the snapshot keeps: read them now (an operator's rare, deliberate request)
        Map<String, TopicDescription> described =
                offsets.describe(topics.stream().map(PlatformTopic::name).toList());
        return List.copyOf(listing.list(Instant.now(), topics, described, offsets.offsets(described), n, Map.of())
                .values());
    }

    @POST
    @Path("/{topic}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Re-produce chosen dead letters (or all) to their feed, with their key and original headers (no credential), "
                            + "plus replayed-dead-letter, replayed-from, replayed-by and replay-count; every attempt is recorded in the replay audit",
            description =
                    "Target: the feed of the dead-letter topic (feeds.energy.v1.dlq → feeds.energy.v1), whatever the message's headers "
                            + "say; another dead-letter topic is browse-only (409). The sector service authorises the replay as the identity it "
                            + "recorded with the dead letter: a dead letter without one (no dead-letter-id) or unauthenticated is refused. A message "
                            + "whose replay-count reached synergy.ops.dead-letters.max-replays is refused (loop guard). A message already replayed "
                            + "successfully is skipped unless force is true. dryRun: report what would happen, change nothing.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "chosen",
                                        value = "{\"messages\":[{\"partition\":0,\"offset\":12}]}"),
                                @ExampleObject(name = "all", value = "{\"all\":true,\"dryRun\":true}")
                            }))
    @APIResponse(
            responseCode = "200",
            description = "What became of each chosen message",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReplayResult.class)))
    public ReplayResult replay(@PathParam("topic") String topic, ReplayRequest request, @Context HttpHeaders headers) {
        PlatformTopic t = deadLetterTopic(topic);
        if (!t.replayable()) {
            throw ProblemException.invalid(
                    t.name() + " is browse only",
                    List.of(
                            new FieldError(
                                    "topic",
                                    t.name()
                                            + " cannot be replayed: its records came from topics only the platform's services write; fix the producer instead")));
        }
        if (request == null) {
            throw ProblemException.invalid(
                    "A body is required",
                    List.of(new FieldError(
                            "body", "must be {\"messages\":[{\"partition\":0,\"offset\":12}]} or {\"all\":true}")));
        }
        boolean all = Boolean.TRUE.equals(request.all());
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        boolean force = Boolean.TRUE.equals(request.force());
        List<ConsumerRecord<byte[], byte[]>> records;
        List<DeadLetterReplayer.Outcome> notFound = new ArrayList<>();
        int requested;
        if (all) {
            Map<String, TopicDescription> described = offsets.describe(List.of(t.name()));
            List<TopicOffsets.PartitionOffsets> partitions =
                    offsets.offsets(described).getOrDefault(t.name(), List.of());
            long depth = TopicOffsets.sumRetained(partitions);
            if (depth > config.deadLetters().maxReplayBatch()) {
                throw ProblemException.invalid(
                        "Too many messages for one replay",
                        List.of(new FieldError(
                                "all",
                                t.name() + " holds " + depth
                                        + " messages, more than synergy.ops.dead-letters.max-replay-batch ("
                                        + config.deadLetters().maxReplayBatch()
                                        + "): choose messages by partition and offset")));
            }
            records = reader.read(
                    t.name(),
                    partitions.stream()
                            .map(p -> new DeadLetterReader.Range(p.partition(), p.start(), p.end()))
                            .toList());
            requested = records.size();
        } else {
            Map<Integer, Set<Long>> wanted = wanted(request.messages());
            records = reader.at(t.name(), wanted);
            requested = wanted.values().stream().mapToInt(Set::size).sum();
            Set<String> found = new HashSet<>();
            records.forEach(r -> found.add(r.partition() + "/" + r.offset()));
            wanted.forEach((p, os) -> os.stream()
                    .filter(o -> !found.contains(p + "/" + o))
                    .forEach(o -> notFound.add(new DeadLetterReplayer.Outcome(
                            p,
                            o,
                            null,
                            null,
                            DeadLetterReplayer.NOT_FOUND,
                            null,
                            null,
                            null,
                            0,
                            "no message at this partition and offset of " + t.name(),
                            null,
                            null,
                            null))));
        }
        List<DeadLetterReplayer.Outcome> skipped = new ArrayList<>();
        if (!force) {
            Set<String> replayed = audit.replayedMessages(t.name());
            List<ConsumerRecord<byte[], byte[]>> fresh = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (replayed.contains(r.partition() + "/" + r.offset())) {
                    skipped.add(new DeadLetterReplayer.Outcome(
                            r.partition(),
                            r.offset(),
                            r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                            DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REASON),
                            "ALREADY_REPLAYED",
                            DeadLetterReplayer.target(t.name()),
                            null,
                            null,
                            DeadLetterHeaders.replayCount(r.headers()),
                            "replayed before (see /api/v1/ops/dead-letters/replays); force=true replays it again",
                            null,
                            DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.ID),
                            DeadLetterHeaders.identity(r.headers()).orElse(null)));
                } else {
                    fresh.add(r);
                }
            }
            records = fresh;
        }
        String who = operator.who();
        List<DeadLetterReplayer.Outcome> outcomes;
        try {
            outcomes = new ArrayList<>(replayer.replay(t.name(), records, who, dryRun));
        } finally {
            if (!dryRun) {
                // the audit moved (replayed flags, the feed's offsets): the next listing shows it, not the last
                // snapshot
                snapshot.refreshAfterWrite();
            }
        }
        outcomes.addAll(skipped);
        outcomes.addAll(notFound);
        outcomes.sort((a, b) -> a.partition() != b.partition()
                ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach(o -> counts.merge(o.outcome(), 1L, Long::sum));
        return new ReplayResult(t.name(), who, dryRun, requested, counts, outcomes);
    }

    @GET
    @Path("/replays")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The replay audit, newest first: who replayed which dead letter, to where, and the outcome")
    @APIResponse(
            responseCode = "200",
            description = "The audit's entries, newest first",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = ReplayAudit.Entry.class)))
    public List<ReplayAudit.Entry> replays(@QueryParam("topic") String topic, @QueryParam("limit") Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 1000) {
            throw ProblemException.invalid(
                    "Invalid parameter", List.of(new FieldError("limit", "must be between 1 and 1000")));
        }
        return audit.newest(topic == null || topic.isBlank() ? null : topic, n);
    }

    private static PlatformTopic deadLetterTopic(String name) {
        return PlatformTopic.find(name)
                .filter(t -> PlatformTopic.DEAD_LETTER.equals(t.kind()))
                .orElseThrow(() ->
                        ProblemException.notFound("'" + name + "' is not a dead-letter topic of the platform; they are "
                                + String.join(
                                        ", ",
                                        PlatformTopic.deadLetterTopics().stream()
                                                .map(PlatformTopic::name)
                                                .toList())));
    }

    private static Map<Integer, Set<Long>> wanted(List<MessageRef> refs) {
        if (refs == null || refs.isEmpty()) {
            throw ProblemException.invalid(
                    "Nothing to replay",
                    List.of(
                            new FieldError(
                                    "messages",
                                    "choose messages ({\"messages\":[{\"partition\":0,\"offset\":12}]}) or replay all ({\"all\":true})")));
        }
        Map<Integer, Set<Long>> out = new TreeMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            MessageRef m = refs.get(i);
            if (m == null || m.partition() == null || m.partition() < 0 || m.offset() == null || m.offset() < 0) {
                errors.add(new FieldError("messages[" + i + "]", "needs a partition and an offset, both >= 0"));
                continue;
            }
            out.computeIfAbsent(m.partition(), p -> new TreeSet<>()).add(m.offset());
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid messages", errors);
        }
        return out;
    }
}
