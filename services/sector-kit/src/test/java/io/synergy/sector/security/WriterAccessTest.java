package io.synergy.sector.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.synergy.model.event.FeedDeadLetter.Identity;
import io.synergy.model.event.FeedDeadLetter.JudgedBy;
import io.synergy.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a feed message's token is judged: at the instant given (the broker's append time), with the configured skew. */
class WriterAccessTest {

    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final WriterAccess access = access();

    private static WriterAccess access() {
        JWTAuthContextInfo verification = new JWTAuthContextInfo();
        verification.setPublicKeyLocation(TestTokens.publicKeyFile().toString());
        verification.setIssuedBy(TestTokens.ISSUER);
        WriterAccess access = new WriterAccess();
        access.verification = verification;
        access.parser = new DefaultJWTParser(verification);
        access.feed = () -> SKEW;
        access.init();
        return access;
    }

    private Identity judge(String token, Instant at) {
        return access.ofFeedHeader(TestTokens.bearer(token), at, JudgedBy.LOG_APPEND_TIME);
    }

    @Test
    void aTokenIsValidForWhatWasWrittenDuringItsLifetimeHoweverLateItIsRead() {
        // expired an hour ago; the message was written while it was valid
        String token = TestTokens.validBetween(NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1)), "reader", "feed:energy");
        Identity identity = judge(token, NOW.minus(Duration.ofMinutes(90)));
        assertThat(identity).isEqualTo(Identity.verified("test-window", List.of("feed:energy", "reader"), null, NOW.minus(Duration.ofHours(1))));
    }

    @Test
    void aTokenIsInvalidForWhatWasWrittenAfterItExpiredOrBeforeItsStartGiveOrTakeTheSkew() {
        Instant nbf = NOW.minus(Duration.ofHours(2));
        Instant exp = NOW.minus(Duration.ofHours(1));
        String token = TestTokens.validBetween(nbf, exp, "feed:energy");
        assertThat(judge(token, exp.plus(SKEW).minusSeconds(1)).authenticated()).isTrue();
        Identity late = judge(token, exp.plus(SKEW));
        assertThat(late.authenticated()).isFalse();
        assertThat(late.failure()).contains("expired at " + exp).contains("written");
        assertThat(access.ofFeedHeader(TestTokens.bearer(token), exp.plus(SKEW), JudgedBy.CONSUMPTION_TIME).failure()).contains("consumed");
        assertThat(judge(token, nbf.minus(SKEW)).authenticated()).isTrue();
        assertThat(judge(token, nbf.minus(SKEW).minusSeconds(1)).failure()).contains("valid from " + nbf);
    }

    @Test
    void withoutAGoodTokenTheIdentitySaysWhy() {
        assertThat(access.ofFeedHeader(null, NOW, JudgedBy.LOG_APPEND_TIME).failure()).contains("no 'authorization' header");
        assertThat(access.ofFeedHeader("Bearer not-a-jwt", NOW, JudgedBy.LOG_APPEND_TIME).failure()).contains("malformed");
        assertThat(judge(TestTokens.signedByStranger("feed:energy"), NOW).failure()).contains("not signed by the platform's key");
        assertThat(judge(TestTokens.expired("feed:energy"), NOW).failure()).contains("expired");
    }

    @Test
    void theDistrictsClaimIsPartOfTheIdentity() {
        Identity identity = judge(TestTokens.tokenForDistricts(List.of("370211", "370202"), "feed:energy"), NOW);
        assertThat(identity.districts()).containsExactly("370202", "370211");
        assertThat(identity.subject()).isEqualTo("test-district-writer");
    }
}
