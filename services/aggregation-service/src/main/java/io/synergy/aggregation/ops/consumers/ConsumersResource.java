package io.synergy.aggregation.ops.consumers;

import jakarta.annotation.security.RolesAllowed;
import io.synergy.aggregation.ingest.ConsumerProgress;
import io.synergy.aggregation.ops.PipelineSampler;
import io.synergy.aggregation.ops.topics.PlatformTopic;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform's consumer groups: who reads what, and how far behind they are. */
@RolesAllowed("ops")
@Path("/api/v1/ops/consumers")
@Tag(name = "ops")
public class ConsumersResource {

    @Inject
    ConsumerGroups groups;

    @Inject
    PipelineSampler sampler;

    @Inject
    ConsumerProgress progress;

    /**
     * One consumer group.
     *
     * @param state     Kafka's group state: STABLE (consuming), EMPTY (no member, offsets kept), DEAD (unknown to the
     *                  cluster), PREPARING_REBALANCE/COMPLETING_REBALANCE/RECONCILING (members moving)
     * @param lagTrend  growing, shrinking or steady over the last minute (from the sampler), {@code null} if not yet known
     * @param processing for {@code aggregation-service}, its consumer in the instance that answers: RUNNING, or STALLED with the
     *                  partitions and offsets it waits at, the reason and since when; {@code null} for the other groups
     */
    public record GroupView(String group, String state, String type, int memberCount, List<ConsumerGroups.Member> members, long totalLag,
            String lagTrend, List<ConsumerGroups.TopicLag> topics, ConsumerProgress.View processing) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every platform consumer group (aggregation-service, <sector>-service-feed): state, members, lag per topic and "
            + "partition (end offset − committed offset) and in total",
            description = "A partition without a committed offset counts from its start offset (auto.offset.reset=earliest). For aggregation-service, "
                    + "processing tells whether this instance's consumer runs or is STALLED (partitions, offsets, reason, since). 503 when Kafka does not answer.")
    public List<GroupView> consumers() {
        List<ConsumerGroups.GroupLag> lags = groups.lags();
        Map<String, ConsumerGroupDescription> described = groups.describe(lags.stream().map(ConsumerGroups.GroupLag::group).toList());
        List<GroupView> out = new ArrayList<>();
        for (ConsumerGroups.GroupLag lag : lags) {
            ConsumerGroupDescription d = described.get(lag.group());
            List<ConsumerGroups.Member> members = d == null ? List.of() : ConsumerGroups.members(d);
            out.add(new GroupView(lag.group(), d == null ? "DEAD" : d.groupState() == null ? "UNKNOWN" : d.groupState().name(),
                    d == null || d.type() == null ? null : d.type().name(), members.size(), members, lag.totalLag(),
                    sampler.lagTrend(lag.group(), Duration.ofMinutes(1)), lag.topics(),
                    PlatformTopic.AGGREGATION_GROUP.equals(lag.group()) ? progress.view() : null));
        }
        return out;
    }
}
