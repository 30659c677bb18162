package io.synergy.model.kafka;

import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.Topics;
import io.synergy.model.kafka.KafkaAcl.Operation;
import io.synergy.model.kafka.KafkaAcl.Pattern;
import io.synergy.model.kafka.KafkaAcl.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The platform's ACLs, least privilege, derived from the declarations — nothing is granted that is not derived here, and
 * the broker denies everything else ({@code allow.everyone.if.no.acl.found=false}):
 * <ul>
 * <li>each topic's writers may produce to it and its readers consume it ({@link TopicAccess} with each topic of
 * {@link Topics#all()});</li>
 * <li>each consumer group may be used by the principal it belongs to ({@link #consumerGroups()});</li>
 * <li>the ops principal may describe every platform topic (partitions, offsets, configuration) and every committed group
 * (lag), which the ops API and the dashboard show.</li>
 * </ul>
 * Applied by deploy/local/kafka.sh and the tests' broker (Kafka's StandardAuthorizer) and by the Helm chart's Strimzi
 * KafkaUser resources (deploy/helm-check compares them with {@link #acls()}).
 */
public final class KafkaAccess {

    /** The aggregation service's consumer group of the indicator topics. */
    public static final String AGGREGATION_GROUP = Principals.AGGREGATION;
    /** The aggregation service's consumer group of targets.v1 (mp.messaging.incoming.targets.group.id). */
    public static final String TARGETS_GROUP = Principals.AGGREGATION + "-targets";
    /** The aggregation service's consumer group of approvals.v1 (mp.messaging.incoming.approvals.group.id): the official view. */
    public static final String AGGREGATION_APPROVALS_GROUP = Principals.AGGREGATION + "-approvals";
    /** The aggregation service's consumer group of projects.v1 (mp.messaging.incoming.projects.group.id). */
    public static final String PROJECTS_GROUP = Principals.AGGREGATION + "-projects";
    /** The aggregation service's consumer group of pilots.v1 (mp.messaging.incoming.pilots.group.id). */
    public static final String PILOTS_GROUP = Principals.AGGREGATION + "-pilots";
    /** The registry's consumer group of approvals.v1 (mp.messaging.incoming.approvals.group.id). */
    public static final String APPROVALS_GROUP = Principals.REGISTRY + "-approvals";
    /** The console's own group on the indicator topics (the feeds' freshness; mp.messaging.incoming.indicators.group.id). */
    public static final String CONSOLE_GROUP = Principals.CONSOLE;

    private KafkaAccess() {}

    /** A sector service's feed consumer group ({@code <sector>-service-feed}). */
    public static String feedGroup(Sector sector) {
        return Principals.service(sector) + "-feed";
    }

    /**
     * The prefix of a service's org-units.v1 consumer groups: every instance reads the registry from the start with a group of
     * its own per start ({@code <service>-org-units-<uuid>}, never committed).
     */
    public static String orgUnitsGroupPrefix(String service) {
        return service + "-org-units-";
    }

    /**
     * A consumer group of the platform.
     *
     * @param principal who consumes with it
     * @param name      its name, or the prefix of its names
     * @param prefixed  one group per start, all with this prefix (never committed: nothing for the ops API to watch)
     */
    public record ConsumerGroup(String principal, String name, boolean prefixed) {}

    /** Every consumer group of the platform, with the principal that uses it. */
    public static List<ConsumerGroup> consumerGroups() {
        List<ConsumerGroup> groups = new ArrayList<>();
        groups.add(new ConsumerGroup(Principals.AGGREGATION, AGGREGATION_GROUP, false));
        groups.add(new ConsumerGroup(Principals.AGGREGATION, TARGETS_GROUP, false));
        groups.add(new ConsumerGroup(Principals.AGGREGATION, AGGREGATION_APPROVALS_GROUP, false));
        groups.add(new ConsumerGroup(Principals.AGGREGATION, PROJECTS_GROUP, false));
        groups.add(new ConsumerGroup(Principals.AGGREGATION, PILOTS_GROUP, false));
        groups.add(new ConsumerGroup(Principals.REGISTRY, APPROVALS_GROUP, false));
        groups.add(new ConsumerGroup(Principals.CONSOLE, CONSOLE_GROUP, false));
        for (Sector s : Sector.values()) {
            groups.add(new ConsumerGroup(Principals.service(s), feedGroup(s), false));
        }
        for (String service : Principals.services()) {
            groups.add(new ConsumerGroup(service, orgUnitsGroupPrefix(service), true));
        }
        return List.copyOf(groups);
    }

    /** Every ACL of the platform, without duplicates, in a stable order. */
    public static List<KafkaAcl> acls() {
        Set<KafkaAcl> acls = new LinkedHashSet<>();
        for (Topics.TopicSpec t : Topics.all()) {
            t.access()
                    .sortedWriters()
                    .forEach(
                            p -> acls.add(new KafkaAcl(p, Resource.TOPIC, t.name(), Pattern.LITERAL, Operation.WRITE)));
            t.access()
                    .sortedReaders()
                    .forEach(p -> acls.add(new KafkaAcl(p, Resource.TOPIC, t.name(), Pattern.LITERAL, Operation.READ)));
            acls.add(new KafkaAcl(Principals.OPS, Resource.TOPIC, t.name(), Pattern.LITERAL, Operation.DESCRIBE));
            acls.add(new KafkaAcl(
                    Principals.OPS, Resource.TOPIC, t.name(), Pattern.LITERAL, Operation.DESCRIBE_CONFIGS));
        }
        for (ConsumerGroup g : consumerGroups()) {
            Pattern pattern = g.prefixed() ? Pattern.PREFIXED : Pattern.LITERAL;
            acls.add(new KafkaAcl(g.principal(), Resource.GROUP, g.name(), pattern, Operation.READ));
            if (!g.prefixed()) {
                acls.add(new KafkaAcl(Principals.OPS, Resource.GROUP, g.name(), Pattern.LITERAL, Operation.DESCRIBE));
            }
        }
        return List.copyOf(acls);
    }

    /** The ACLs of one principal. */
    public static List<KafkaAcl> acls(String principal) {
        return acls().stream().filter(a -> a.principal().equals(principal)).toList();
    }
}
