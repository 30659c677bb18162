package io.synergy.testsupport;

import io.synergy.model.event.Topics;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One real Apache Kafka broker (KRaft, combined broker and controller) per test JVM, on free ports.
 *
 * <p>Started on first use and stopped when the JVM exits, so every Quarkus test application of a module, and every
 * restart of one, talks to the same broker: starting it costs about 2 s, a second one would cost memory for nothing.
 * The platform's topics are created up front with their partition counts and configuration, as in production.
 */
public final class KafkaBroker {

    private static KafkaClusterTestKit cluster;
    private static String bootstrapServers;

    private KafkaBroker() {}

    /** Starts the broker if it is not running, and returns its bootstrap servers. */
    public static synchronized String start() {
        if (cluster == null) {
            try {
                TestKitNodes nodes = new TestKitNodes.Builder()
                        .setCombined(true)
                        // TestKit defaults to the newest *testing* metadata.version, which a controller with unstable
                        // features disabled refuses: pin the production one.
                        .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build();
                KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                        .setConfigProp("auto.create.topics.enable", "true")
                        .setConfigProp("num.partitions", "1")
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        // a restarted broker (restartBroker) is unfenced at its first heartbeats
                        .setConfigProp("broker.heartbeat.interval.ms", "250")
                        .setConfigProp("unstable.api.versions.enable", "false")
                        .setConfigProp("unstable.feature.versions.enable", "false")
                        .build();
                kit.format();
                kit.startup();
                kit.waitForReadyBrokers();
                cluster = kit;
                bootstrapServers = kit.bootstrapServers();
                createPlatformTopics(bootstrapServers);
                Runtime.getRuntime().addShutdownHook(new Thread(KafkaBroker::stop, "kafka-test-broker-stop"));
            } catch (Exception e) {
                throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
            }
        }
        return bootstrapServers;
    }

    public static synchronized String bootstrapServers() {
        return start();
    }

    /** {@code true} once this class loader's broker runs (a test in another class loader sees its own copy). */
    public static synchronized boolean running() {
        return cluster != null;
    }

    /**
     * Takes the broker down — the controller keeps running — until {@link #restartBroker()}: clients see Kafka away,
     * as during an outage. Its listener port is kept (the test kit pre-binds it), so clients reconnect on restart.
     */
    public static synchronized void stopBroker() {
        requireRunning();
        cluster.brokers().values().forEach(b -> {
            b.shutdown();
            b.awaitShutdown();
        });
        // the controller would refuse the restarted broker's registration until the old session expires (9 s):
        // unregister it now, through the controller, so that a restart is a matter of a second
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, cluster.bootstrapControllers());
        try (Admin admin = Admin.create(p)) {
            for (int id : cluster.brokers().keySet()) {
                admin.unregisterBroker(id).all().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // not fatal: the restart then waits for the session to expire
        }
    }

    /** Brings a broker stopped with {@link #stopBroker()} back and waits until it serves. */
    public static synchronized void restartBroker() {
        requireRunning();
        try {
            cluster.brokers().values().forEach(b -> {
                if (b.isShutdown()) {
                    b.startup();
                }
            });
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("could not restart the in-JVM Kafka broker", e);
        }
    }

    private static void requireRunning() {
        if (cluster == null) {
            throw new IllegalStateException("the in-JVM broker is not running in this class loader ("
                    + KafkaBroker.class.getClassLoader() + "): start it with PlatformTestResource first");
        }
    }

    /** Creates every platform topic (one replica; with its configuration: compaction, the feeds' LogAppendTime) on a broker. */
    public static void createPlatformTopics(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            List<NewTopic> topics = Topics.all().stream()
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
                    .toList();
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    private static synchronized void stop() {
        if (cluster != null) {
            // the JVM is going down anyway: a broker error while closing must not call System.exit in a shutdown hook
            org.apache.kafka.common.utils.Exit.setExitProcedure((code, message) -> {});
            org.apache.kafka.common.utils.Exit.setHaltProcedure((code, message) -> {});
            try {
                cluster.close();
            } catch (Exception e) {
                // the JVM is exiting: nothing to do with the error
            }
            cluster = null;
        }
    }
}
