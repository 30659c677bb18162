package io.synergy.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import io.synergy.testsupport.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A token is verified once while valid; expiry, the one-minute bound and failures send it through verification again. */
class CachingJwtCallerPrincipalFactoryTest {

    /** The real verifier, counting its verifications. */
    static final class CountingVerifier extends DefaultJWTCallerPrincipalFactory {
        final AtomicInteger verifications = new AtomicInteger();

        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
            verifications.incrementAndGet();
            return super.parse(token, context);
        }
    }

    /** A clock the test moves forward. */
    static final class TestClock extends Clock {
        long millis = System.currentTimeMillis();

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    final CountingVerifier verifier = new CountingVerifier();
    final TestClock clock = new TestClock();
    final CachingJwtCallerPrincipalFactory factory = new CachingJwtCallerPrincipalFactory(verifier, clock);
    JWTAuthContextInfo context;

    @BeforeEach
    void context() throws IOException {
        context = new JWTAuthContextInfo();
        context.setPublicKeyContent(Files.readString(TestTokens.publicKeyFile()));
        context.setIssuedBy(TestTokens.ISSUER);
    }

    @Test
    void theSameTokenIsVerifiedOnce() throws ParseException {
        String token = TestTokens.token("feed:waste");
        JWTCallerPrincipal first = factory.parse(token, context);
        JWTCallerPrincipal second = factory.parse(token, context);

        assertThat(second).isSameAs(first);
        assertThat(second.getGroups()).containsExactly("feed:waste");
        assertThat(verifier.verifications).hasValue(1);
        factory.parse(TestTokens.token("feed:waste"), context); // another token (its own jti): verified on its own
        assertThat(verifier.verifications).hasValue(2);
    }

    @Test
    void aTokenIsVerifiedAgainAfterAMinute() throws ParseException {
        String token = TestTokens.token("reader");
        factory.parse(token, context);
        clock.millis += CachingJwtCallerPrincipalFactory.MAX_AGE_MILLIS - 1;
        factory.parse(token, context);
        assertThat(verifier.verifications).hasValue(1);

        clock.millis += 2;
        factory.parse(token, context);
        assertThat(verifier.verifications).hasValue(2);
    }

    @Test
    void aTokenIsNeverReusedPastItsExpiry() throws ParseException {
        String token = TestTokens.expiringIn(20, "reader");
        JWTCallerPrincipal principal = factory.parse(token, context);
        long expires = principal.getExpirationTime() * 1000;

        clock.millis = expires - 1;
        factory.parse(token, context);
        assertThat(verifier.verifications).hasValue(1);
        clock.millis = expires; // within the minute, but the token's own exp has come: full verification again
        factory.parse(token, context);
        assertThat(verifier.verifications).hasValue(2);
    }

    @Test
    void failuresAreNeverCached() {
        for (String token : new String[] {TestTokens.signedByStranger("ops"), TestTokens.expired("ops"), "garbage"}) {
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> factory.parse(token, context)).isInstanceOf(ParseException.class);
            }
        }
        assertThat(verifier.verifications).hasValue(6);
    }
}
