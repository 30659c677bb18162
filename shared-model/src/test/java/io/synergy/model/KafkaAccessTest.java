package io.synergy.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.Topics;
import io.synergy.model.kafka.KafkaAccess;
import io.synergy.model.kafka.KafkaAcl;
import io.synergy.model.kafka.KafkaAcl.Operation;
import io.synergy.model.kafka.KafkaAcl.Resource;
import io.synergy.model.kafka.Principals;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The least-privilege model of issue 17, checked rule by rule against what KafkaAccess derives from the topic declarations. */
class KafkaAccessTest {

    private static Set<String> topics(String principal, Operation operation) {
        return KafkaAccess.acls(principal).stream()
                .filter(a -> a.resource() == Resource.TOPIC && a.operation() == operation)
                .map(KafkaAcl::name)
                .collect(Collectors.toSet());
    }

    private static Set<String> groups(String principal, Operation operation) {
        return KafkaAccess.acls(principal).stream()
                .filter(a -> a.resource() == Resource.GROUP && a.operation() == operation)
                .map(a -> a.name() + (a.pattern() == KafkaAcl.Pattern.PREFIXED ? "*" : ""))
                .collect(Collectors.toSet());
    }

    @Test
    void aBureauMayOnlyWriteItsOwnSectorsFeed() {
        for (Sector s : Sector.values()) {
            String bureau = Principals.bureau(s);
            assertThat(KafkaAccess.acls(bureau)).as(bureau).hasSize(1);
            assertThat(topics(bureau, Operation.WRITE)).containsExactly("feeds." + s.code() + ".v1");
        }
    }

    @Test
    void aSectorServiceReadsItsFeedAndTheRegistryAndWritesItsIndicatorsApprovalsAndDeadLetters() {
        for (Sector s : Sector.values()) {
            String service = Principals.service(s);
            assertThat(topics(service, Operation.READ))
                    .containsExactlyInAnyOrder("feeds." + s.code() + ".v1", "org-units.v1");
            assertThat(topics(service, Operation.WRITE))
                    .containsExactlyInAnyOrder(
                            "feeds." + s.code() + ".v1.dlq",
                            "indicators." + s.code() + ".v1",
                            "org-units.v1.dlq",
                            Topics.APPROVALS);
            assertThat(groups(service, Operation.READ))
                    .containsExactlyInAnyOrder(s.code() + "-service-feed", s.code() + "-service-org-units-*");
        }
    }

    @Test
    void theAggregationReadsTheIndicatorsTargetsAndApprovalsAndWritesResultsAlertsAndItsDeadLetters() {
        Set<String> indicators =
                Arrays.stream(Sector.values()).map(Topics::indicators).collect(Collectors.toSet());
        // approvals.v1: the official view (issue 15)
        assertThat(topics(Principals.AGGREGATION, Operation.READ))
                .containsAll(indicators)
                .contains(Topics.ORG_UNITS, Topics.TARGETS, Topics.APPROVALS, Topics.PROJECTS, Topics.PILOTS)
                .hasSize(indicators.size() + 5);
        assertThat(topics(Principals.AGGREGATION, Operation.WRITE))
                .containsExactlyInAnyOrder(
                        Topics.RESULTS,
                        Topics.ALERTS,
                        Topics.INDICATORS_DEAD_LETTERS,
                        Topics.ORG_UNITS_DEAD_LETTERS,
                        Topics.TARGETS_DEAD_LETTERS,
                        Topics.APPROVALS_DEAD_LETTERS,
                        Topics.PROJECTS_DEAD_LETTERS,
                        Topics.PILOTS_DEAD_LETTERS);
        assertThat(groups(Principals.AGGREGATION, Operation.READ))
                .containsExactlyInAnyOrder(
                        "aggregation-service",
                        "aggregation-service-targets",
                        "aggregation-service-approvals",
                        "aggregation-service-projects",
                        "aggregation-service-pilots",
                        "aggregation-service-org-units-*");
    }

    @Test
    void theConsoleReadsResultsIndicatorsAlertsAndTheRegistryWithItsOwnGroups() {
        Set<String> indicators =
                Arrays.stream(Sector.values()).map(Topics::indicators).collect(Collectors.toSet());
        assertThat(topics(Principals.CONSOLE, Operation.READ))
                .containsAll(indicators)
                .contains(Topics.RESULTS, Topics.ALERTS, Topics.ORG_UNITS)
                .hasSize(indicators.size() + 3);
        // like every reader of org-units.v1, it sets aside the records it refuses
        assertThat(topics(Principals.CONSOLE, Operation.WRITE)).containsExactly(Topics.ORG_UNITS_DEAD_LETTERS);
        assertThat(groups(Principals.CONSOLE, Operation.READ))
                .containsExactlyInAnyOrder("console-service", "console-service-org-units-*");
        assertThat(topics(Principals.CONSOLE, Operation.DESCRIBE))
                .as("the ops API describes, as ops")
                .isEmpty();
    }

    @Test
    void onlyTheRegistryWritesTheRegistry() {
        List<String> writers = KafkaAccess.acls().stream()
                .filter(a -> a.name().equals(Topics.ORG_UNITS) && a.operation() == Operation.WRITE)
                .map(KafkaAcl::principal)
                .toList();
        assertThat(writers).containsExactly(Principals.REGISTRY);
        // the registry's master data: org units, key projects, pilots and targets; the reporting cycle's reminders and
        // the approvals it refused
        assertThat(topics(Principals.REGISTRY, Operation.WRITE))
                .containsExactlyInAnyOrder(
                        Topics.ORG_UNITS,
                        Topics.ORG_UNITS_DEAD_LETTERS,
                        Topics.PROJECTS,
                        Topics.PILOTS,
                        Topics.TARGETS,
                        Topics.REMINDERS,
                        Topics.APPROVALS_DEAD_LETTERS);
        assertThat(topics(Principals.REGISTRY, Operation.READ))
                .containsExactlyInAnyOrder(Topics.ORG_UNITS, Topics.APPROVALS);
        assertThat(groups(Principals.REGISTRY, Operation.READ))
                .containsExactlyInAnyOrder("registry-service-approvals", "registry-service-org-units-*");
    }

    @Test
    void theOpsPrincipalDescribesEverythingReadsDeadLettersAndReplaysToFeedsOnly() {
        Set<String> all = Topics.all().stream().map(Topics.TopicSpec::name).collect(Collectors.toSet());
        assertThat(topics(Principals.OPS, Operation.DESCRIBE)).isEqualTo(all);
        assertThat(topics(Principals.OPS, Operation.DESCRIBE_CONFIGS)).isEqualTo(all);
        assertThat(topics(Principals.OPS, Operation.WRITE))
                .isEqualTo(all.stream().filter(Topics::isFeed).collect(Collectors.toSet()));
        assertThat(topics(Principals.OPS, Operation.READ))
                .isEqualTo(all.stream().filter(t -> t.endsWith(".dlq")).collect(Collectors.toSet()));
        assertThat(groups(Principals.OPS, Operation.DESCRIBE))
                .contains(
                        "aggregation-service",
                        "aggregation-service-targets",
                        "aggregation-service-approvals",
                        "aggregation-service-projects",
                        "aggregation-service-pilots",
                        "registry-service-approvals",
                        "console-service",
                        "energy-service-feed")
                .hasSize(7 + Sector.values().length);
        assertThat(groups(Principals.OPS, Operation.READ))
                .as("it browses without a group")
                .isEmpty();
    }

    @Test
    void nobodyIsGrantedAnythingOnTheClusterAndTheAdministratorNeedsNoAcl() {
        assertThat(KafkaAccess.acls()).noneMatch(a -> a.resource() == Resource.CLUSTER);
        assertThat(KafkaAccess.acls(Principals.ADMIN)).isEmpty();
        assertThat(KafkaAccess.acls())
                .doesNotHaveDuplicates()
                .allMatch(a -> Principals.all().contains(a.principal()));
    }
}
