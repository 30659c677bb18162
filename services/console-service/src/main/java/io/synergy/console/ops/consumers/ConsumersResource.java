package io.synergy.console.ops.consumers;

import io.synergy.console.ops.OpsSnapshot;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform's consumer groups: who reads what, and how far behind they are. */
@RolesAllowed("ops")
@Path("/api/v1/ops/consumers")
@Tag(name = "ops")
public class ConsumersResource {

    private final OpsSnapshot snapshot;

    ConsumersResource(OpsSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /**
     * One consumer group.
     *
     * @param state     Kafka's group state: STABLE (consuming), EMPTY (no member, offsets kept), DEAD (unknown to the
     *                  cluster), PREPARING_REBALANCE/COMPLETING_REBALANCE/RECONCILING (members moving)
     * @param lagTrend  growing, shrinking or steady over the last minute (from the sampler), {@code null} if not yet known
     * @param sampledAt when the snapshot this answer comes from was taken (at most a refresh old, see OpsSnapshot)
     * Whether the aggregation's consumer runs or waits (STALLED) is its readiness check, {@code GET /q/health/ready} of each of its
     * instances: the console sees the groups from the cluster, not a service's insides.
     */
    public record GroupView(
            String group,
            String state,
            String type,
            int memberCount,
            List<ConsumerGroups.Member> members,
            long totalLag,
            String lagTrend,
            List<ConsumerGroups.TopicLag> topics,
            Instant sampledAt) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Every platform consumer group (aggregation-service, console-service, <sector>-service-feed): state, members, lag per topic and "
                            + "partition (end offset − committed offset) and in total",
            description =
                    "A partition without a committed offset counts from its start offset (auto.offset.reset=earliest). Whether the "
                            + "aggregation's consumer runs or is STALLED is its readiness (GET /q/health/ready on the aggregation service). 503 when Kafka "
                            + "did not answer the last snapshot. Served from the ops snapshot, taken every synergy.ops.sample-interval "
                            + "(sampledAt says when).")
    public List<GroupView> consumers() {
        return snapshot.current().consumers();
    }
}
