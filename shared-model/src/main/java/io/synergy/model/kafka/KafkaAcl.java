package io.synergy.model.kafka;

/**
 * One ACL of the platform: {@code principal} may do {@code operation} on the {@code resource} named {@code name} (or, with
 * {@link Pattern#PREFIXED}, on every resource whose name starts with it), from any host. The names of the enums are Kafka's
 * ({@code ResourceType}, {@code PatternType}, {@code AclOperation}), so a provisioning tool maps them with {@code valueOf}.
 */
public record KafkaAcl(String principal, Resource resource, String name, Pattern pattern, Operation operation) {

    public enum Resource {
        TOPIC,
        GROUP,
        CLUSTER
    }

    public enum Pattern {
        LITERAL,
        PREFIXED
    }

    /** Kafka implies DESCRIBE from READ and WRITE, and DESCRIBE_CONFIGS from ALTER_CONFIGS: only what is granted is listed. */
    public enum Operation {
        READ,
        WRITE,
        DESCRIBE,
        DESCRIBE_CONFIGS
    }

    /** {@code User:<principal>}, as Kafka names a SASL principal. */
    public String kafkaPrincipal() {
        return "User:" + principal;
    }

    @Override
    public String toString() {
        return principal + " " + operation + " " + resource + " " + name + (pattern == Pattern.PREFIXED ? "*" : "");
    }
}
