package io.synergy.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synergy.model.event.Topics;
import io.synergy.testsupport.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** Against the real in-JVM broker, whose platform topics exist from its start (as after an earlier run of the platform). */
class TopicProvisionerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void bringsExistingTopicsToTheConfigurationThePlatformDeclares() throws Exception {
        String bootstrap = KafkaBroker.start();
        try (Admin admin =
                Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
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

            TopicProvisioner provisioner = new TopicProvisioner();
            provisioner.enabled = true;
            provisioner.replicationFactor = 1;
            provisioner.bootstrap = bootstrap;
            provisioner.provision(null);

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
