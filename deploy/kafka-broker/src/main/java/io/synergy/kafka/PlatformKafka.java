package io.synergy.kafka;

import io.synergy.model.event.Topics;
import io.synergy.model.kafka.KafkaAccess;
import io.synergy.model.kafka.KafkaAcl;
import io.synergy.model.kafka.Principals;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A Kafka cluster brought to what the platform declares, through the Admin API as the administrator: its topics with their
 * partitions and configuration ({@link Topics#all()}), a SCRAM-SHA-512 credential for each of its principals
 * ({@link Principals#all()}), and exactly the ACLs of {@link KafkaAccess#acls()} for them. Every step is idempotent: it
 * creates what is missing, reconfigures what differs and removes ACLs of the platform's principals the model no longer
 * grants; ACLs of other principals (an operator's own) are left alone.
 *
 * <p>Used by deploy/local/kafka.sh (through {@link Provision}) and by the tests' in-JVM broker (test-support's
 * KafkaBroker); on Kubernetes, Strimzi's KafkaTopic and KafkaUser resources of the Helm chart do the same.
 */
public final class PlatformKafka {

    /** The SASL mechanism of every platform principal. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    /** PBKDF2 iterations of a SCRAM credential (Kafka's minimum for SHA-512 is 4096). */
    public static final int ITERATIONS = 8192;

    private static final long TIMEOUT_S = 60;

    private PlatformKafka() {}

    /** The {@code sasl.jaas.config} of a principal: SCRAM, its user name and password. */
    public static String jaasConfig(String principal, String password) {
        if (!principal.matches("[A-Za-z0-9._-]+") || password.contains("\"") || password.contains("\\")) {
            throw new IllegalArgumentException(
                    "a principal is letters, digits, '.', '_' and '-'; a password has no quote or backslash");
        }
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
                + "\" password=\"" + password + "\";";
    }

    /**
     * Client properties for a principal: bootstrap servers, SASL over the given protocol ({@code SASL_PLAINTEXT} or
     * {@code SASL_SSL}), SCRAM-SHA-512 and its credentials.
     */
    public static Properties clientProperties(
            String bootstrap, String securityProtocol, String principal, String password) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        p.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        p.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(principal, password));
        return p;
    }

    /** Creates the platform's missing topics and sets the declared configuration on those that exist. Returns what it did. */
    public static List<String> provisionTopics(Admin admin, short replicationFactor) throws Exception {
        List<String> done = new ArrayList<>();
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<NewTopic> missing = Topics.all().stream()
                .filter(t -> !existing.contains(t.name()))
                .map(t -> new NewTopic(t.name(), t.partitions(), replicationFactor).configs(t.configs()))
                .toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            done.add("created topics " + missing.stream().map(NewTopic::name).toList());
        }
        // a feed topic created before its records were stamped with the broker's clock gets LogAppendTime
        // (docs/security.md)
        Map<ConfigResource, Topics.TopicSpec> resources = new HashMap<>();
        Topics.all().stream()
                .filter(t -> existing.contains(t.name()) && !t.configs().isEmpty())
                .forEach(t -> resources.put(new ConfigResource(ConfigResource.Type.TOPIC, t.name()), t));
        if (!resources.isEmpty()) {
            Map<ConfigResource, Config> current =
                    admin.describeConfigs(resources.keySet()).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
            resources.forEach((resource, spec) -> spec.configs().forEach((name, value) -> {
                ConfigEntry entry = current.get(resource).get(name);
                if (entry == null || !value.equals(entry.value())) {
                    changes.computeIfAbsent(resource, r -> new ArrayList<>())
                            .add(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET));
                }
            }));
            if (!changes.isEmpty()) {
                admin.incrementalAlterConfigs(changes).all().get(TIMEOUT_S, TimeUnit.SECONDS);
                done.add("reconfigured topics "
                        + changes.keySet().stream()
                                .map(ConfigResource::name)
                                .sorted()
                                .toList());
            }
        }
        return done;
    }

    /**
     * Gives every principal in {@code passwords} that has no SCRAM-SHA-512 credential yet the given one (a principal added
     * to the platform after the broker was formatted). Existing credentials are kept: {@link #setPassword} changes one.
     */
    public static List<String> provisionCredentials(Admin admin, Map<String, String> passwords) throws Exception {
        Map<String, UserScramCredentialsDescription> known =
                admin.describeUserScramCredentials().all().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<UserScramCredentialAlteration> missing = new ArrayList<>();
        passwords.forEach((principal, password) -> {
            UserScramCredentialsDescription d = known.get(principal);
            if (d == null
                    || d.credentialInfos().stream().noneMatch(i -> i.mechanism() == ScramMechanism.SCRAM_SHA_512)) {
                missing.add(upsertion(principal, password));
            }
        });
        if (missing.isEmpty()) {
            return List.of();
        }
        admin.alterUserScramCredentials(missing).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        return List.of("created SCRAM credentials of "
                + missing.stream()
                        .map(UserScramCredentialAlteration::user)
                        .sorted()
                        .toList());
    }

    /** Sets a principal's SCRAM-SHA-512 password (credential rotation: clients with the old one fail from their next login). */
    public static void setPassword(Admin admin, String principal, String password) throws Exception {
        admin.alterUserScramCredentials(List.of(upsertion(principal, password)))
                .all()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static UserScramCredentialUpsertion upsertion(String principal, String password) {
        return new UserScramCredentialUpsertion(
                principal, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password);
    }

    /** The Kafka ACL of one of the model's grants (allow, any host). */
    public static AclBinding binding(KafkaAcl acl) {
        return new AclBinding(
                new ResourcePattern(
                        ResourceType.valueOf(acl.resource().name()),
                        acl.name(),
                        PatternType.valueOf(acl.pattern().name())),
                new AccessControlEntry(
                        acl.kafkaPrincipal(),
                        "*",
                        AclOperation.valueOf(acl.operation().name()),
                        AclPermissionType.ALLOW));
    }

    /**
     * Makes the ACLs of the platform's principals exactly {@link KafkaAccess#acls()}: creates the missing ones and deletes
     * those the model does not grant (a grant removed from the model is revoked on the next start). Returns what changed.
     */
    public static List<String> provisionAcls(Admin admin) throws Exception {
        Set<AclBinding> wanted =
                KafkaAccess.acls().stream().map(PlatformKafka::binding).collect(Collectors.toCollection(HashSet::new));
        Set<String> platform = Principals.all().stream().map(p -> "User:" + p).collect(Collectors.toSet());
        Collection<AclBinding> current =
                admin.describeAcls(AclBindingFilter.ANY).values().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<AclBinding> stale = current.stream()
                .filter(b -> platform.contains(b.entry().principal()) && !wanted.contains(b))
                .toList();
        List<AclBinding> missing =
                wanted.stream().filter(b -> !current.contains(b)).toList();
        List<String> done = new ArrayList<>();
        if (!stale.isEmpty()) {
            admin.deleteAcls(stale.stream().map(AclBinding::toFilter).toList())
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            done.add("revoked " + stale.size() + " ACLs the platform no longer grants: " + stale);
        }
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            done.add("granted " + missing.size() + " ACLs");
        }
        if (!done.isEmpty()) {
            awaitAcls(admin, wanted, platform);
        }
        return done;
    }

    /**
     * Waits until the broker enforces what the controller accepted: ACLs reach a broker's authorizer with the metadata, a
     * moment after createAcls returns, and a client started right after provisioning must not be refused meanwhile.
     */
    private static void awaitAcls(Admin admin, Set<AclBinding> wanted, Set<String> platform) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (true) {
            Set<AclBinding> held =
                    admin.describeAcls(AclBindingFilter.ANY).values().get(TIMEOUT_S, TimeUnit.SECONDS).stream()
                            .filter(b -> platform.contains(b.entry().principal()))
                            .collect(Collectors.toSet());
            if (held.equals(wanted)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the broker does not hold the platform's ACLs " + TIMEOUT_S + " s after they were granted");
            }
            Thread.sleep(100);
        }
    }

    /** Removes one of the model's grants (a test of what the ops API shows when Kafka refuses it); {@link #provisionAcls} restores it. */
    public static void revoke(Admin admin, KafkaAcl acl) throws Exception {
        admin.deleteAcls(List.of(binding(acl).toFilter())).all().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** The ACLs of one principal as the broker holds them, for a look ({@code Provision acls}). */
    public static Map<String, List<String>> describeAcls(Admin admin) throws Exception {
        AclBindingFilter any = new AclBindingFilter(ResourcePatternFilter.ANY, AccessControlEntryFilter.ANY);
        Map<String, List<String>> byPrincipal = new LinkedHashMap<>();
        admin.describeAcls(any).values().get(TIMEOUT_S, TimeUnit.SECONDS).stream()
                .sorted((a, b) -> a.toString().compareTo(b.toString()))
                .forEach(b -> byPrincipal
                        .computeIfAbsent(b.entry().principal(), k -> new ArrayList<>())
                        .add(b.entry().operation() + " " + b.pattern().resourceType() + " "
                                + b.pattern().name() + (b.pattern().patternType() == PatternType.PREFIXED ? "*" : "")));
        return byPrincipal;
    }
}
