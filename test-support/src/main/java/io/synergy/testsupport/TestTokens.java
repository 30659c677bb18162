package io.synergy.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Bearer tokens for tests, signed with an RSA key pair generated when the test JVM starts: the services under test
 * verify them with its public key (written to a temporary file, see {@link PlatformTestResource}); the private key
 * lives only in memory. No key is committed.
 */
public final class TestTokens {

    public static final String ISSUER = "https://synergy.qingdao/issuer";

    private static final KeyPair KEYS = generate();
    private static final KeyPair STRANGER = generate();
    private static Path publicKeyFile;

    private TestTokens() {}

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PEM file of the verification key, created once per JVM. */
    public static synchronized Path publicKeyFile() {
        if (publicKeyFile == null) {
            try {
                publicKeyFile = Files.createTempFile("synergy-test-jwt-", ".pem");
                publicKeyFile.toFile().deleteOnExit();
                String pem = "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes())
                                .encodeToString(KEYS.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n";
                Files.writeString(publicKeyFile, pem);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }

    /** A valid token with these groups (roles), e.g. {@code feed:energy}, {@code reader}, {@code ops}. */
    public static String token(String... groups) {
        return sign(claims("test-" + String.join("+", groups), List.of(groups), null, 3600), KEYS.getPrivate());
    }

    /**
     * A valid token of a named person with these groups, e.g. {@code named("planner-wang", "planner")}: what the services
     * record as who made a change (the token's subject).
     */
    public static String named(String subject, String... groups) {
        return sign(claims(subject, List.of(groups), null, 3600), KEYS.getPrivate());
    }

    /** A valid token limited to some districts (the {@code districts} claim). */
    public static String tokenForDistricts(Collection<String> districts, String... groups) {
        return sign(claims("test-district-writer", List.of(groups), districts, 3600), KEYS.getPrivate());
    }

    /**
     * A valid token of a named person with these groups, limited to some districts: a district's reviewer
     * ({@code reviewer:energy} with its districts), as deploy/local/token.sh mints it.
     */
    public static String named(String subject, Collection<String> districts, String... groups) {
        return sign(claims(subject, List.of(groups), districts, 3600), KEYS.getPrivate());
    }

    /** A valid token that expires in {@code seconds}. */
    public static String expiringIn(long seconds, String... groups) {
        return sign(claims("test-short-lived", List.of(groups), null, seconds), KEYS.getPrivate());
    }

    /** A valid token for exactly this window: {@code nbf} and {@code iat} at {@code notBefore}, {@code exp} at {@code expires}. */
    public static String validBetween(Instant notBefore, Instant expires, String... groups) {
        JwtClaimsBuilder b = Jwt.claims()
                .issuer(ISSUER)
                .subject("test-window")
                .upn("test-window")
                .groups(Set.of(groups))
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(notBefore.getEpochSecond())
                .expiresAt(expires.getEpochSecond())
                .claim("nbf", notBefore.getEpochSecond());
        return sign(b, KEYS.getPrivate());
    }

    /** A token that expired an hour ago. */
    public static String expired(String... groups) {
        return sign(claims("test-expired", List.of(groups), null, -3600), KEYS.getPrivate());
    }

    /** A well-formed token signed by a key the platform does not trust. */
    public static String signedByStranger(String... groups) {
        return sign(claims("test-stranger", List.of(groups), null, 3600), STRANGER.getPrivate());
    }

    /** {@code Bearer <token>}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static JwtClaimsBuilder claims(
            String subject, List<String> groups, Collection<String> districts, long ttlSeconds) {
        long now = System.currentTimeMillis() / 1000;
        JwtClaimsBuilder b = Jwt.claims()
                .issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(Set.copyOf(groups))
                .claim("jti", UUID.randomUUID().toString());
        if (ttlSeconds < 0) {
            b.issuedAt(now + 2 * ttlSeconds).expiresAt(now + ttlSeconds);
        } else {
            b.issuedAt(now).expiresAt(now + ttlSeconds);
        }
        if (districts != null) {
            b.claim("districts", List.copyOf(districts));
        }
        return b;
    }

    private static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        return claims.jws().keyId("synergy-test").sign(key);
    }
}
