package io.synergy.kafka;

import io.synergy.model.kafka.Principals;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;

/**
 * The command line of deploy/local/kafka.sh and deploy/local/kafka-client.sh for the platform's credentials and ACLs:
 *
 * <pre>
 * Provision credentials DIR BOOTSTRAP PROTOCOL [CA_PEM]   a password per principal (made once, never committed: DIR is the
 *                                                       run folder), and each principal's client files: DIR/&lt;p&gt;.properties
 *                                                       (Java clients) and DIR/&lt;p&gt;.kcat.conf (librdkafka, kcat)
 * Provision principals                                   the platform's principals, one a line
 * Provision provision DIR [REPLICATION_FACTOR]           as admin: missing SCRAM credentials, topics, ACLs (idempotent)
 * Provision rotate DIR PRINCIPAL                         a new password for PRINCIPAL, set on the broker and in its files
 * Provision acls DIR                                     the broker's ACLs, by principal
 * </pre>
 */
public final class Provision {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Provision() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "credentials" -> {
                require(args, 4);
                credentials(Path.of(args[1]), args[2], args[3], args.length > 4 ? args[4] : null);
            }
            case "principals" -> Principals.all().forEach(System.out::println);
            case "provision" -> {
                require(args, 2);
                provision(Path.of(args[1]), args.length > 2 ? Short.parseShort(args[2]) : 1);
            }
            case "rotate" -> {
                require(args, 3);
                rotate(Path.of(args[1]), args[2]);
            }
            case "acls" -> {
                require(args, 2);
                try (Admin admin = Admin.create(clientFile(Path.of(args[1]), Principals.ADMIN))) {
                    PlatformKafka.describeAcls(admin).forEach((p, acls) -> {
                        System.out.println(p);
                        acls.forEach(a -> System.out.println("  " + a));
                    });
                }
            }
            default -> {
                System.err.println(
                        "usage: Provision credentials DIR BOOTSTRAP PROTOCOL [CA_PEM] | principals | provision DIR [RF]"
                                + " | rotate DIR PRINCIPAL | acls DIR");
                System.exit(2);
            }
        }
    }

    private static void require(String[] args, int n) {
        if (args.length < n) {
            throw new IllegalArgumentException("missing arguments for " + args[0]);
        }
    }

    /** Makes the missing passwords and (re)writes every principal's client files. */
    static void credentials(Path dir, String bootstrap, String protocol, String caPem) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        for (String principal : Principals.all()) {
            Path passwordFile = dir.resolve(principal + ".password");
            if (!Files.exists(passwordFile)) {
                writePrivate(passwordFile, newPassword() + "\n");
            }
            writeClientFiles(dir, principal, password(dir, principal), bootstrap, protocol, caPem);
        }
        // where the client files point: rotate needs it again
        writePrivate(
                dir.resolve("bootstrap"), bootstrap + "\n" + protocol + "\n" + (caPem == null ? "" : caPem) + "\n");
    }

    static void provision(Path dir, short replicationFactor) throws Exception {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String principal : Principals.all()) {
            passwords.put(principal, password(dir, principal));
        }
        try (Admin admin = Admin.create(clientFile(dir, Principals.ADMIN))) {
            for (String done : PlatformKafka.provisionCredentials(admin, passwords)) {
                System.out.println("[kafka] " + done);
            }
            for (String done : PlatformKafka.provisionTopics(admin, replicationFactor)) {
                System.out.println("[kafka] " + done);
            }
            for (String done : PlatformKafka.provisionAcls(admin)) {
                System.out.println("[kafka] " + done);
            }
        }
    }

    static void rotate(Path dir, String principal) throws Exception {
        if (!Principals.all().contains(principal)) {
            throw new IllegalArgumentException(
                    "unknown principal " + principal + "; the platform's: " + Principals.all());
        }
        String password = newPassword();
        try (Admin admin = Admin.create(clientFile(dir, Principals.ADMIN))) {
            PlatformKafka.setPassword(admin, principal, password);
        }
        writePrivate(dir.resolve(principal + ".password"), password + "\n");
        List<String> where = Files.readAllLines(dir.resolve("bootstrap"));
        writeClientFiles(
                dir,
                principal,
                password,
                where.get(0),
                where.get(1),
                where.size() > 2 && !where.get(2).isBlank() ? where.get(2) : null);
        System.out.println("[kafka] new password of " + principal + " set on the broker and in "
                + dir.resolve(principal + ".properties"));
    }

    private static void writeClientFiles(
            Path dir, String principal, String password, String bootstrap, String protocol, String caPem)
            throws IOException {
        Properties java = PlatformKafka.clientProperties(bootstrap, protocol, principal, password);
        StringBuilder kcat = new StringBuilder()
                .append("bootstrap.servers=")
                .append(bootstrap)
                .append('\n')
                .append("security.protocol=")
                .append(protocol)
                .append('\n')
                .append("sasl.mechanisms=")
                .append(PlatformKafka.MECHANISM)
                .append('\n')
                .append("sasl.username=")
                .append(principal)
                .append('\n')
                .append("sasl.password=")
                .append(password)
                .append('\n');
        if (caPem != null) {
            java.put("ssl.truststore.type", "PEM");
            java.put("ssl.truststore.location", caPem);
            kcat.append("ssl.ca.location=").append(caPem).append('\n');
        }
        StringBuilder props = new StringBuilder("# Kafka client configuration of the principal ")
                .append(principal)
                .append(" (deploy/local/kafka-client.sh; made by deploy/local/kafka.sh, never committed)\n");
        java.stringPropertyNames().stream()
                .sorted()
                .forEach(k -> props.append(k)
                        .append('=')
                        .append(escape(java.getProperty(k)))
                        .append('\n'));
        writePrivate(dir.resolve(principal + ".properties"), props.toString());
        writePrivate(
                dir.resolve(principal + ".kcat.conf"),
                "# librdkafka/kcat configuration of " + principal + " (kcat -F <this file>)\n" + kcat);
    }

    /** A properties value as {@link Properties#load} reads it back: only backslashes need escaping in ours. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }

    private static Properties clientFile(Path dir, String principal) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve(principal + ".properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    private static String password(Path dir, String principal) throws IOException {
        return Files.readString(dir.resolve(principal + ".password"), StandardCharsets.UTF_8)
                .strip();
    }

    /** 192 random bits as hex: no character a JAAS line, a properties file or a shell word would have to quote. */
    static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(content);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
