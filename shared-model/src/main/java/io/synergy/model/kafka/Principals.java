package io.synergy.model.kafka;

import io.synergy.model.catalogue.Sector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Kafka principals of the platform (SASL/SCRAM user names): one per service, the ops API's own, one per sector bureau,
 * and the administrator. Who may do what with them is {@link KafkaAccess}; docs/security.md explains the model.
 */
public final class Principals {

    /** Super user: provisions topics and ACLs (deploy/local/kafka.sh, the tests' broker) and is the operators' tools' identity. */
    public static final String ADMIN = "admin";
    /**
     * The operations API: describes topics, groups and offsets, reads the dead-letter topics and replays to feed topics only.
     * The console service's ops code uses it (it moved there from the aggregation with its credentials and ACLs unchanged);
     * the console's own consumers (results.v1, the indicator topics, alerts.v1) use {@link #CONSOLE}.
     */
    public static final String OPS = "ops";

    public static final String AGGREGATION = "aggregation-service";
    /** The console service (dashboard, ops API): reads results.v1, the indicator topics, alerts.v1 and org-units.v1. */
    public static final String CONSOLE = "console-service";

    public static final String REGISTRY = "registry-service";

    private Principals() {}

    /** A sector service's principal: its application name ({@code energy-service}). */
    public static String service(Sector sector) {
        return sector.code() + "-service";
    }

    /** The principal a sector bureau's systems produce to their feed with ({@code bureau-energy}). */
    public static String bureau(Sector sector) {
        return "bureau-" + sector.code();
    }

    /**
     * Every service's principal, each a reader of org-units.v1: the aggregation, the five sector services, the registry,
     * the console.
     */
    public static List<String> services() {
        List<String> out = new ArrayList<>();
        out.add(AGGREGATION);
        out.addAll(sectorServices());
        out.add(REGISTRY);
        out.add(CONSOLE);
        return List.copyOf(out);
    }

    /** The five sector services' principals, in the order of {@link Sector#values()}. */
    public static List<String> sectorServices() {
        return Arrays.stream(Sector.values()).map(Principals::service).toList();
    }

    public static List<String> bureaus() {
        return Arrays.stream(Sector.values()).map(Principals::bureau).toList();
    }

    /** Every principal the platform defines, the administrator included: each gets SCRAM credentials of its own. */
    public static List<String> all() {
        List<String> out = new ArrayList<>(services());
        out.add(OPS);
        out.addAll(bureaus());
        out.add(ADMIN);
        return List.copyOf(out);
    }
}
