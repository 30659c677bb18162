package io.synergy.testsupport;

import io.synergy.kafka.PlatformKafka;
import io.synergy.model.kafka.Principals;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.metadata.UserScramCredentialRecord;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One real Apache Kafka broker (KRaft, combined broker and controller) per test JVM, on free ports, secured as the platform
 * runs Kafka: every client authenticates (SASL/SCRAM-SHA-512 on the broker listener; the controller listener takes only
 * the administrator, SASL/PLAIN), Kafka's StandardAuthorizer denies whatever the ACLs do not allow
 * ({@code allow.everyone.if.no.acl.found=false}), and the ACLs are the platform's ({@code KafkaAccess}, applied at start
 * with {@link PlatformKafka#provisionAcls}). Every principal of the platform has a SCRAM credential from format time, with a
 * password made when the JVM's first broker starts ({@link #password}); {@link Principals#ADMIN} is the super user the test
 * harness observes with.
 *
 * <p>Started on first use and stopped when the JVM exits, so every Quarkus test application of a module, and every
 * restart of one, talks to the same broker: starting it costs about 2 s, a second one would cost memory for nothing.
 * The platform's topics are created up front with their partition counts and configuration, as in production.
 */
public final class KafkaBroker {

    /** The broker listener's protocol: SASL without TLS (one machine); clients authenticate with {@link PlatformKafka#MECHANISM}. */
    public static final String SECURITY_PROTOCOL = SecurityProtocol.SASL_PLAINTEXT.name;

    private static final String BROKER_LISTENER = "external";
    private static final String CONTROLLER_LISTENER = "controller";
    private static KafkaClusterTestKit cluster;
    private static String bootstrapServers;

    private KafkaBroker() {}

    /** Starts the broker if it is not running, and returns its bootstrap servers. */
    public static synchronized String start() {
        if (cluster == null) {
            // brokers and clients of every class loader of the JVM authenticate with their own classes (SaslFactories)
            SaslFactories.install();
            try {
                // the production features (TestKit defaults to the newest *testing* ones, which a controller with
                // unstable
                // features disabled refuses), and every principal's SCRAM credential, as `kafka-storage format
                // --add-scram` writes
                TestKitNodes nodes = new TestKitNodes.Builder(bootstrapMetadata())
                        .setCombined(true)
                        .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build();
                String adminPassword = password(Principals.ADMIN);
                KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                        .setConfigProp("auto.create.topics.enable", "false")
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
                        // clients: SCRAM-SHA-512 with the credentials of the metadata log (written at format time,
                        // below)
                        .setConfigProp("sasl.enabled.mechanisms", PlatformKafka.MECHANISM)
                        .setConfigProp("sasl.mechanism.inter.broker.protocol", PlatformKafka.MECHANISM)
                        .setConfigProp(
                                "listener.name." + BROKER_LISTENER + ".scram-sha-512.sasl.jaas.config",
                                PlatformKafka.jaasConfig(Principals.ADMIN, adminPassword))
                        // the controller listener: the administrator only (the broker itself, KafkaBroker's own admin
                        // calls), PLAIN
                        // with a static password, since SCRAM credentials live in the metadata the controller serves
                        .setConfigProp("listener.name." + CONTROLLER_LISTENER + ".sasl.enabled.mechanisms", "PLAIN")
                        .setConfigProp("sasl.mechanism.controller.protocol", "PLAIN")
                        .setConfigProp(
                                "listener.name." + CONTROLLER_LISTENER + ".plain.sasl.jaas.config",
                                controllerJaas(adminPassword))
                        // deny by default; the administrator is the only super user
                        .setConfigProp("authorizer.class.name", StandardAuthorizer.class.getName())
                        .setConfigProp("allow.everyone.if.no.acl.found", "false")
                        .setConfigProp("super.users", "User:" + Principals.ADMIN)
                        .build();
                kit.format();
                kit.startup();
                kit.waitForReadyBrokers();
                cluster = kit;
                bootstrapServers = kit.bootstrapServers();
                try (Admin admin = Admin.create(clientProperties(Principals.ADMIN))) {
                    PlatformKafka.provisionTopics(admin, (short) 1);
                    PlatformKafka.provisionAcls(admin);
                }
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
     * The password of one of the platform's principals on this JVM's broker: random, made once per JVM and kept as a system
     * property, so that every class loader of the JVM (Quarkus' and the test's) knows the same one.
     */
    public static String password(String principal) {
        if (!Principals.all().contains(principal)) {
            throw new IllegalArgumentException("not a principal of the platform: " + principal);
        }
        String key = "synergy.test.kafka.password." + principal;
        synchronized (System.getProperties()) {
            String password = System.getProperty(key);
            if (password == null) {
                byte[] bytes = new byte[18];
                new SecureRandom().nextBytes(bytes);
                password = HexFormat.of().formatHex(bytes);
                System.setProperty(key, password);
            }
            return password;
        }
    }

    /** Client properties of a principal of the platform: bootstrap servers, SASL/SCRAM-SHA-512 and its credentials. */
    public static Properties clientProperties(String principal) {
        return clientProperties(principal, password(principal));
    }

    /** Client properties with any password: a wrong one is refused by the broker (SaslAuthenticationException). */
    public static Properties clientProperties(String principal, String password) {
        SaslFactories.install();
        return PlatformKafka.clientProperties(bootstrapServers(), SECURITY_PROTOCOL, principal, password);
    }

    /** The {@code sasl.jaas.config} of a principal, as a service under test is configured with (PlatformTestResource). */
    public static String jaasConfig(String principal) {
        return PlatformKafka.jaasConfig(principal, password(principal));
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
        p.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, SECURITY_PROTOCOL);
        p.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        p.put(
                SaslConfigs.SASL_JAAS_CONFIG,
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + Principals.ADMIN
                        + "\" password=\"" + password(Principals.ADMIN) + "\";");
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

    /** The controller listener's JAAS: the administrator's PLAIN credentials, as server (its user list) and as client. */
    private static String controllerJaas(String adminPassword) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + Principals.ADMIN
                + "\" password=\"" + adminPassword + "\" user_" + Principals.ADMIN + "=\"" + adminPassword + "\";";
    }

    /**
     * The metadata the controller starts from: the production features at the production metadata.version, and a
     * SCRAM-SHA-512 credential for every principal of the platform, as {@code kafka-storage format --add-scram} writes for a
     * standalone broker (the test kit takes the bootstrap records from here rather than from its format): the broker
     * authenticates them from its first start.
     */
    private static BootstrapMetadata bootstrapMetadata() throws Exception {
        Map<String, Short> features = new HashMap<>();
        Feature.PRODUCTION_FEATURES.forEach(f -> features.put(f.featureName(), f.latestProduction()));
        BootstrapMetadata production =
                BootstrapMetadata.fromVersions(MetadataVersion.latestProduction(), features, "synergy-test");
        List<ApiMessageAndVersion> records = new ArrayList<>(production.records());
        ScramFormatter formatter = new ScramFormatter(ScramMechanism.SCRAM_SHA_512);
        for (String principal : Principals.all()) {
            ScramCredential credential = formatter.generateCredential(password(principal), PlatformKafka.ITERATIONS);
            records.add(new ApiMessageAndVersion(
                    new UserScramCredentialRecord()
                            .setName(principal)
                            .setMechanism(ScramMechanism.SCRAM_SHA_512.type())
                            .setSalt(credential.salt())
                            .setStoredKey(credential.storedKey())
                            .setServerKey(credential.serverKey())
                            .setIterations(credential.iterations()),
                    (short) 0));
        }
        return BootstrapMetadata.fromRecords(records, production.source());
    }

    private static synchronized void stop() {
        if (cluster != null) {
            // the JVM is going down anyway: a broker error while closing must not call System.exit in a shutdown hook
            Exit.setExitProcedure((code, message) -> {});
            Exit.setHaltProcedure((code, message) -> {});
            try {
                cluster.close();
            } catch (Exception e) {
                // the JVM is exiting: nothing to do with the error
            }
            cluster = null;
        }
    }
}
