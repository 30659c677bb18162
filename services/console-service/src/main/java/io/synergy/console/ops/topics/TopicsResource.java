package io.synergy.console.ops.topics;

import io.synergy.console.ops.OpsSnapshot;
import io.synergy.console.ops.PipelineSampler;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform's topics as an operator wants to see them: size, growth, configuration and dead letters. */
@RolesAllowed("ops")
@Path("/api/v1/ops/topics")
@Tag(name = "ops")
public class TopicsResource {

    private final OpsSnapshot snapshot;

    TopicsResource(OpsSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    public record PartitionView(
            int partition, long startOffset, long endOffset, long retained, Instant lastMessageAt) {}

    public record Rates(PipelineSampler.Rate lastMinute, PipelineSampler.Rate last5Minutes) {}

    public record DeadLetterSibling(String topic, long depth) {}

    public record TopicView(
            String name,
            String kind,
            String sector,
            String eventType,
            String consumerGroup,
            boolean exists,
            int partitions,
            Integer replicationFactor,
            String cleanupPolicy,
            Long retentionMs,
            long endOffset,
            long retained,
            Instant lastMessageAt,
            Rates rates,
            DeadLetterSibling deadLetters,
            List<PartitionView> partitionOffsets) {}

    /** @param sampledAt when the snapshot this answer comes from was taken (it is at most a refresh old, see OpsSnapshot) */
    public record TopicsView(Instant sampledAt, List<TopicView> topics) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Every platform topic: partitions, start/end offsets per partition and in total, msgs/s over 1 and 5 min, "
                            + "cleanup policy, last message time, and for a feed the depth of its dead-letter topic",
            description =
                    "Served from the ops snapshot, taken every synergy.ops.sample-interval (sampledAt says when). Rates come from the end offsets "
                            + "of the snapshots; null until two exist. 503 when Kafka did not answer the last snapshot.")
    public TopicsView topics() {
        return snapshot.current().topics();
    }
}
