package io.synergy.sector.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.FeedDeadLetter.Identity;
import io.synergy.model.event.FeedDeadLetter.JudgedBy;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitDetails;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.sector.config.SectorConfig;
import io.synergy.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The write rule: how a feed message's token is judged (at the instant given, the broker's append time, with the configured
 * skew), which org units a writer may write, and which identities may write this sector.
 */
class WriterAccessTest {

    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String PARK = "370211P01";
    private static final String ENTERPRISE = "91370211MA3D00101W";
    private static final OrgUnits UNITS = OrgUnits.load()
            .withUnit(new OrgUnit(PARK, OrgUnitLevel.PARK, "园区", "park", List.of(), "370211", null))
            .withUnit(new OrgUnit(
                    ENTERPRISE,
                    OrgUnitLevel.ENTERPRISE,
                    "企业",
                    "enterprise",
                    List.of(),
                    PARK,
                    new OrgUnitDetails("C", "26", Set.of(), false)));

    private final WriterAccess access = access();

    private static WriterAccess access() {
        JWTAuthContextInfo verification = new JWTAuthContextInfo();
        verification.setPublicKeyLocation(TestTokens.publicKeyFile().toString());
        verification.setIssuedBy(TestTokens.ISSUER);
        // the sector's configuration plays no part in judging a token
        return new WriterAccess(null, new DefaultJWTParser(verification), () -> SKEW, verification);
    }

    private Identity judge(String token, Instant at) {
        return access.ofFeedHeader(TestTokens.bearer(token), at, JudgedBy.LOG_APPEND_TIME);
    }

    @Test
    void aTokenIsValidForWhatWasWrittenDuringItsLifetimeHoweverLateItIsRead() {
        // expired an hour ago; the message was written while it was valid
        String token = TestTokens.validBetween(
                NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1)), "reader", "feed:energy");
        Identity identity = judge(token, NOW.minus(Duration.ofMinutes(90)));
        assertThat(identity)
                .isEqualTo(Identity.verified(
                        "test-window", List.of("feed:energy", "reader"), null, NOW.minus(Duration.ofHours(1))));
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
        assertThat(access.ofFeedHeader(TestTokens.bearer(token), exp.plus(SKEW), JudgedBy.CONSUMPTION_TIME)
                        .failure())
                .contains("consumed");
        assertThat(judge(token, nbf.minus(SKEW)).authenticated()).isTrue();
        assertThat(judge(token, nbf.minus(SKEW).minusSeconds(1)).failure()).contains("valid from " + nbf);
    }

    @Test
    void withoutAGoodTokenTheIdentitySaysWhy() {
        assertThat(access.ofFeedHeader(null, NOW, JudgedBy.LOG_APPEND_TIME).failure())
                .contains("no 'authorization' header");
        assertThat(access.ofFeedHeader("Bearer not-a-jwt", NOW, JudgedBy.LOG_APPEND_TIME)
                        .failure())
                .contains("malformed");
        assertThat(judge(TestTokens.signedByStranger("feed:energy"), NOW).failure())
                .contains("not signed by the platform's key");
        assertThat(judge(TestTokens.expired("feed:energy"), NOW).failure()).contains("expired");
    }

    @Test
    void theDistrictsClaimIsPartOfTheIdentity() {
        Identity identity = judge(TestTokens.tokenForDistricts(List.of("370211", "370202"), "feed:energy"), NOW);
        assertThat(identity.districts()).containsExactly("370202", "370211");
        assertThat(identity.subject()).isEqualTo("test-district-writer");
    }

    /** The configuration of the energy service, as far as the write rule reads it. */
    private static SectorConfig energy() {
        return new SectorConfig() {
            @Override
            public Sector code() {
                return Sector.ENERGY;
            }

            @Override
            public String feedRole() {
                return "feed:energy";
            }

            @Override
            public String reviewerRole() {
                return "reviewer:energy";
            }

            @Override
            public String approverRole() {
                return "approver:energy";
            }

            @Override
            public long maxBodyBytes() {
                return 8 * 1024 * 1024;
            }

            @Override
            public long maxBytesInFlight() {
                return 3 * 1024 * 1024;
            }

            @Override
            public int maxValuesInFlight() {
                return 20_000;
            }

            @Override
            public Duration ingestionWait() {
                return Duration.ofSeconds(30);
            }

            @Override
            public int maxValues() {
                return 50_000;
            }

            @Override
            public Duration answerMaxAge() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Plausibility plausibility() {
                return () -> 10;
            }
        };
    }

    @Test
    void aWriterMayWriteItsDistrictsAndTheEnterprisesRegisteredInThem() {
        Writer limited = new Writer("bureau", Set.of("370211"));
        assertThat(limited.mayWrite("370211", UNITS)).isTrue();
        assertThat(limited.mayWrite(ENTERPRISE, UNITS))
                .as("an enterprise in a park of the district")
                .isTrue();
        assertThat(limited.mayWrite("370202", UNITS)).isFalse();
        assertThat(limited.mayWrite("91370211MA3D00999X", UNITS))
                .as("an enterprise the registry does not know")
                .isFalse();
        assertThat(new Writer("city", null).mayWrite("91370211MA3D00999X", UNITS))
                .as("no district limit")
                .isTrue();
    }

    @Test
    void aRequestWithAnOrgUnitOrAStoredReportTheWriterMayNotWriteIsRefusedWhole() {
        WriterAccess writes = new WriterAccess(
                energy(), new DefaultJWTParser(new JWTAuthContextInfo()), () -> SKEW, new JWTAuthContextInfo());
        Writer limited = new Writer("bureau", Set.of("370202"));
        writes.checkDistricts(limited, List.of("[0].orgUnit"), List.of("370202"), UNITS);
        assertThatThrownBy(() -> writes.checkDistricts(
                        limited,
                        List.of("[0].orgUnit", "[1].orgUnit", "[2].orgUnit"),
                        Arrays.asList("370202", ENTERPRISE, null),
                        UNITS))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.toProblem(null).type()).endsWith("/forbidden-district");
                    assertThat(e.errors()).singleElement().satisfies(f -> {
                        assertThat(f.field()).isEqualTo("[1].orgUnit");
                        assertThat(f.message())
                                .contains("may write districts [370202] only", "an enterprise of 370211");
                    });
                });
        assertThatThrownBy(() -> writes.checkReportOwners(
                        limited, List.of("[0].reportId", "[1].reportId"), Arrays.asList(null, "370211"), UNITS))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.toProblem(null).type()).endsWith("/forbidden-report");
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("[1].reportId");
                });
    }

    @Test
    void aFeedIdentityWritesOnlyWhenAuthenticatedWithThisSectorsRole() {
        WriterAccess writes = new WriterAccess(
                energy(), new DefaultJWTParser(new JWTAuthContextInfo()), () -> SKEW, new JWTAuthContextInfo());
        assertThat(writes.writerOf(Identity.verified("bureau", List.of("feed:energy"), List.of("370202"), NOW)))
                .isEqualTo(new Writer("bureau", Set.of("370202")));
        assertThat(writes.writerOf(Identity.verified("city", List.of("feed:energy", "reader"), null, NOW))
                        .districts())
                .isNull();
        assertThatThrownBy(() -> writes.writerOf(Identity.unauthenticated("unauthenticated: no token")))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> writes.writerOf(Identity.verified("other", List.of("feed:waste"), null, NOW)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    // the feed topic names the sector (only bureau-energy may write it): the token must agree with it
                    // (issue 17)
                    assertThat(e.getMessage())
                            .contains("disagrees with the sector of feeds.energy.v1", "bureau-energy", "feed:energy");
                });
    }
}
