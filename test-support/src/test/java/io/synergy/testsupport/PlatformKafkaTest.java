package io.synergy.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synergy.kafka.PlatformKafka;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.Topics;
import io.synergy.model.kafka.KafkaAccess;
import io.synergy.model.kafka.KafkaAcl;
import io.synergy.model.kafka.Principals;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * The provisioning kafka.sh and the tests' broker run, against the real in-JVM broker, whose platform topics and ACLs exist
 * from its start (as after an earlier run of the platform): it brings topics and ACLs back to what the platform declares.
 */
class PlatformKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void bringsExistingTopicsToTheConfigurationThePlatformDeclares() throws Exception {
        KafkaBroker.start();
        try (Admin admin = Admin.create(KafkaBroker.clientProperties(Principals.ADMIN))) {
            // a feed topic created before its records were stamped with the broker's clock
            ConfigResource feed = new ConfigResource(ConfigResource.Type.TOPIC, "feeds.energy.v1");
            admin.incrementalAlterConfigs(Map.of(
                            feed,
                            List.of(new AlterConfigOp(
                                    new ConfigEntry(Topics.TIMESTAMP_TYPE, "CreateTime"), AlterConfigOp.OpType.SET))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            // configuration changes reach the broker's view asynchronously
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(config(admin, "feeds.energy.v1", Topics.TIMESTAMP_TYPE))
                            .isEqualTo("CreateTime"));

            assertThat(PlatformKafka.provisionTopics(admin, (short) 1))
                    .containsExactly("reconfigured topics [feeds.energy.v1]");

            await().atMost(WAIT).untilAsserted(() -> {
                for (Topics.TopicSpec t : Topics.all()) {
                    for (Map.Entry<String, String> c : t.configs().entrySet()) {
                        assertThat(config(admin, t.name(), c.getKey()))
                                .as("%s %s", t.name(), c.getKey())
                                .isEqualTo(c.getValue());
                    }
                }
            });
            assertThat(config(admin, "feeds.energy.v1.dlq", Topics.TIMESTAMP_TYPE))
                    .isEqualTo("CreateTime");
            assertThat(PlatformKafka.provisionTopics(admin, (short) 1))
                    .as("nothing left to do")
                    .isEmpty();
        }
    }

    @Test
    void restoresARevokedGrantAndRevokesOneTheModelDoesNotMake() throws Exception {
        KafkaBroker.start();
        try (Admin admin = Admin.create(KafkaBroker.clientProperties(Principals.ADMIN))) {
            KafkaAcl granted = KafkaAccess.acls(Principals.AGGREGATION).get(0);
            PlatformKafka.revoke(admin, granted);
            // a grant the platform never made, to one of its principals: a bureau reading the results
            KafkaAcl foreign = new KafkaAcl(
                    Principals.bureau(Sector.WASTE),
                    KafkaAcl.Resource.TOPIC,
                    Topics.RESULTS,
                    KafkaAcl.Pattern.LITERAL,
                    KafkaAcl.Operation.READ);
            admin.createAcls(List.of(PlatformKafka.binding(foreign))).all().get(30, TimeUnit.SECONDS);

            List<String> done = PlatformKafka.provisionAcls(admin);

            assertThat(done).hasSize(2);
            assertThat(done.get(0))
                    .startsWith("revoked 1 ACLs")
                    .contains(Topics.RESULTS)
                    .contains("bureau-waste");
            assertThat(done.get(1)).isEqualTo("granted 1 ACLs");
            List<AclBinding> held = List.copyOf(
                    admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
            assertThat(held)
                    .contains(PlatformKafka.binding(granted))
                    .doesNotContain(PlatformKafka.binding(foreign))
                    .hasSize(KafkaAccess.acls().size());
        }
    }

    private static String config(Admin admin, String topic, String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource)
                .get(name)
                .value();
    }
}
