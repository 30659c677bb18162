package io.synergy.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.Topics;
import io.synergy.model.kafka.KafkaAccess;
import io.synergy.model.kafka.KafkaAcl;
import io.synergy.model.kafka.Principals;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker is the trust boundary of the Kafka side (docs/security.md): against the in-JVM broker, secured as every
 * broker of the platform is (SASL/SCRAM-SHA-512, StandardAuthorizer, deny by default, the platform's ACLs), a client with
 * no credentials or a wrong password gets nothing, a bureau's principal may write its own sector's feed and nothing else,
 * and what every principal may produce is exactly what the model grants.
 */
class BrokerAccessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaTestClient harness;

    @BeforeAll
    static void startBroker() {
        harness = new KafkaTestClient(KafkaBroker.start());
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    @Test
    void aClientWithoutCredentialsGetsNothingFromTheBrokerAndWritesNothing() {
        long before = harness.endOffsetSum(Topics.ALERTS);
        Properties anonymous = new Properties();
        anonymous.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        // what kcat -P -t alerts.v1 without a configuration is: a plaintext client, no SASL handshake
        Throwable refused = sendFails(anonymous, Topics.ALERTS);
        assertThat(refused).isInstanceOf(TimeoutException.class);
        assertThat(harness.endOffsetSum(Topics.ALERTS)).isEqualTo(before);
    }

    @Test
    void aWrongPasswordIsRefusedByTheBrokersAuthentication() {
        long before = harness.endOffsetSum(Topics.feed(Sector.ENERGY));
        for (String principal : List.of(Principals.bureau(Sector.ENERGY), Principals.ADMIN, "mallory")) {
            Throwable refused =
                    sendFails(KafkaBroker.clientProperties(principal, "not-the-password"), Topics.feed(Sector.ENERGY));
            assertThat(refused).as(principal).isInstanceOf(SaslAuthenticationException.class);
            assertThat(refused.getMessage()).as(principal).contains("invalid credentials");
        }
        assertThat(harness.endOffsetSum(Topics.feed(Sector.ENERGY))).isEqualTo(before);
    }

    @Test
    void aBureauMayWriteItsOwnFeedButNotAnotherSectorsFeedNorThePlatformsOwnTopics() {
        Properties bureau = KafkaBroker.clientProperties(Principals.bureau(Sector.ENERGY));
        send(bureau, Topics.feed(Sector.ENERGY));
        for (String topic : List.of(
                Topics.feed(Sector.TRANSPORT),
                Topics.indicators(Sector.ENERGY),
                Topics.indicators(Sector.WASTE),
                Topics.RESULTS,
                Topics.ORG_UNITS,
                Topics.ALERTS,
                Topics.feedDeadLetters(Sector.ENERGY))) {
            long before = harness.endOffsetSum(topic);
            Throwable refused = sendFails(bureau, topic);
            assertThat(refused).as(topic).isInstanceOf(TopicAuthorizationException.class);
            assertThat(((TopicAuthorizationException) refused).unauthorizedTopics())
                    .as(topic)
                    .containsExactly(topic);
            assertThat(harness.endOffsetSum(topic)).as(topic).isEqualTo(before);
        }
    }

    @Test
    void aBureauCannotReadFeedsNorDeadLettersAndAServiceCannotUseAnotherServicesGroup() {
        assertThatThrownBy(() -> poll(Principals.bureau(Sector.ENERGY), Topics.feedDeadLetters(Sector.ENERGY), null))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> poll(
                        Principals.service(Sector.ENERGY), Topics.feed(Sector.ENERGY), KafkaAccess.AGGREGATION_GROUP))
                .isInstanceOf(GroupAuthorizationException.class);
        assertThatThrownBy(() -> poll(
                        Principals.service(Sector.ENERGY),
                        Topics.feed(Sector.TRANSPORT),
                        KafkaAccess.feedGroup(Sector.ENERGY)))
                .isInstanceOf(TopicAuthorizationException.class);
        // its own group and feed
        poll(Principals.service(Sector.ENERGY), Topics.feed(Sector.ENERGY), KafkaAccess.feedGroup(Sector.ENERGY));
    }

    @Test
    void everyPrincipalMayProduceToExactlyTheTopicsTheModelLetsItWrite() {
        List<String> mismatches = new ArrayList<>();
        List<String> principals = new ArrayList<>(Principals.services());
        principals.add(Principals.OPS);
        principals.addAll(Principals.bureaus());
        for (String principal : principals) {
            // one producer (one SCRAM handshake) per principal: a refusal concerns the one topic, the producer goes on
            try (KafkaProducer<byte[], byte[]> producer = producer(KafkaBroker.clientProperties(principal))) {
                for (Topics.TopicSpec topic : Topics.all()) {
                    boolean granted = KafkaAccess.acls(principal).stream()
                            .anyMatch(a -> a.operation() == KafkaAcl.Operation.WRITE
                                    && a.name().equals(topic.name()));
                    Throwable failure = trySend(producer, topic.name());
                    if (granted && failure != null) {
                        mismatches.add(principal + " may write " + topic.name() + " but was refused: " + failure);
                    } else if (!granted && !(failure instanceof TopicAuthorizationException)) {
                        mismatches.add(principal + " may not write " + topic.name() + " but "
                                + (failure == null ? "its record was accepted" : failure));
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static void send(Properties client, String topic) {
        assertThat(trySend(client, topic)).as("send to " + topic).isNull();
    }

    private static Throwable sendFails(Properties client, String topic) {
        Throwable failure = trySend(client, topic);
        assertThat(failure).as("send to " + topic).isNotNull();
        return failure;
    }

    /** Produces one record with a fresh producer; {@code null} when the broker acknowledged it, else why it failed. */
    private static Throwable trySend(Properties client, String topic) {
        try (KafkaProducer<byte[], byte[]> producer = producer(client)) {
            return trySend(producer, topic);
        }
    }

    /** Produces one record; {@code null} when the broker acknowledged it, else why it failed. */
    private static Throwable trySend(KafkaProducer<byte[], byte[]> producer, String topic) {
        try {
            // a key: the compacted topics refuse a record without one
            byte[] key = "access-test".getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(topic, key, key)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(Properties client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // how long a send waits for the topic's metadata: what a client that cannot authenticate never gets
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        return new KafkaProducer<>(p);
    }

    /** Subscribes (with a group) or assigns (without) and polls once; an authorization failure is thrown by the poll. */
    private static void poll(String principal, String topic, String group) {
        Properties p = KafkaBroker.clientProperties(principal);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            if (group != null) {
                consumer.subscribe(List.of(topic));
            } else {
                consumer.assign(List.of(new TopicPartition(topic, 0)));
                consumer.seekToBeginning(consumer.assignment());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            // a group's join takes a few polls: poll until assigned (or refused) within the deadline
            do {
                consumer.poll(Duration.ofMillis(200));
            } while (consumer.assignment().isEmpty() && System.nanoTime() < deadline);
            assertThat(consumer.assignment())
                    .as(principal + " consuming " + topic)
                    .isNotEmpty();
        }
    }
}
