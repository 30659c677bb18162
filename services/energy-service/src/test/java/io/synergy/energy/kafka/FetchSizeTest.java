package io.synergy.energy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/**
 * The defect of the scale run (docs/performance.md, "Kafka fetches and direct memory"): with Kafka's default fetch sizes a
 * consumer of 15 partitions read a 13 MB fetch response, which the JDK copies through a temporary direct buffer of that
 * size, against a 24 MB direct-memory cap. Every consumer channel of a service now fetches at most 1 MB at once (256 KB a
 * partition), from platform-kit's shared configuration: checked on the consumers as the connector made them.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class FetchSizeTest {

    /** -XX:MaxDirectMemorySize of every service (deploy/local/services.sh, the chart, compose). */
    private static final long DIRECT_MEMORY_CAP = 24L * 1024 * 1024;

    @Inject
    KafkaClientService kafka;

    @Test
    void everyConsumerFetchesAtMostOneMegabyteSoItsReadsFitTheDirectMemoryCap() {
        assertThat(kafka.getConsumerChannels())
                .as("the sector's feed and the registry's org units")
                .contains("feed", "org-units");
        long readsAtOnce = 0;
        for (String channel : kafka.getConsumerChannels()) {
            List<KafkaConsumer<Object, Object>> consumers = kafka.getConsumers(channel);
            assertThat(consumers).as(channel).isNotEmpty();
            for (KafkaConsumer<Object, Object> consumer : consumers) {
                Map<String, ?> config = consumer.configuration();
                assertThat(bytes(config, ConsumerConfig.FETCH_MAX_BYTES_CONFIG))
                        .as("%s fetch.max.bytes", channel)
                        .isEqualTo(1024 * 1024);
                assertThat(bytes(config, ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG))
                        .as("%s max.partition.fetch.bytes", channel)
                        .isEqualTo(256 * 1024);
                // the polling thread and the heartbeat thread may each be reading a response
                readsAtOnce += 2 * bytes(config, ConsumerConfig.FETCH_MAX_BYTES_CONFIG);
            }
        }
        assertThat(readsAtOnce)
                .as("every consumer thread reading a whole fetch at once leaves at least half the cap to HTTP")
                .isLessThanOrEqualTo(DIRECT_MEMORY_CAP / 2);
    }

    private static long bytes(Map<String, ?> config, String key) {
        Object v = config.get(key);
        assertThat(v).as(key).isNotNull();
        return Long.parseLong(v.toString());
    }
}
