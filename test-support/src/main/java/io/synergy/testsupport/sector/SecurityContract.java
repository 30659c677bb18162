package io.synergy.testsupport.sector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.restassured.response.Response;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.Topics;
import io.synergy.testsupport.DefaultAuthorization;
import io.synergy.testsupport.KafkaTestClient.Received;
import io.synergy.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Access control, sector-neutral (MicroProfile JWT; docs/security.md): who may write and read, a token limited to some
 * districts (and the enterprises registered in them), on REST and on the feed, and a revision only by a writer of the stored
 * report's org unit. Run in full by one sector service (energy).
 */
public abstract class SecurityContract extends SectorServiceTest {

    protected SecurityContract(Sector sector) {
        super(sector);
    }

    @Test
    void writesWithoutAValidTokenAre401AndChangeNothing() {
        JsonNode body =
                report(uniqueId("no-token"), districts.get(0), String.valueOf(freshYear()), null, validValues());
        Snapshot before = settledSnapshot();
        for (String authorization : List.of(
                DefaultAuthorization.NONE,
                "Bearer not-a-jwt",
                "Basic dXNlcjpwYXNz",
                TestTokens.bearer(TestTokens.expired("feed:" + sector.code())),
                TestTokens.bearer(TestTokens.signedByStranger("feed:" + sector.code())))) {
            Response r = postAs(authorization, body);
            assertThat(r.statusCode())
                    .as("%s → %s", authorization, r.asString())
                    .isEqualTo(401);
            assertThat(r.contentType()).startsWith(PROBLEM);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(json(r).findValuesAsText("field")).contains("Authorization");
        }
        assertUnchanged(before);
    }

    @Test
    void writesNeedThisSectorsFeedRole() {
        JsonNode body =
                report(uniqueId("wrong-role"), districts.get(0), String.valueOf(freshYear()), null, validValues());
        Snapshot before = settledSnapshot();
        for (String role : List.of(otherSectorRole(), "reader", "ops")) {
            Response r = postAs(TestTokens.bearer(TestTokens.token(role)), body);
            assertThat(r.statusCode()).as("%s → %s", role, r.asString()).isEqualTo(403);
            assertThat(r.contentType()).startsWith(PROBLEM);
        }
        assertUnchanged(before);
    }

    @Test
    void aTokenLimitedToDistrictsWritesOnlyThoseDistricts() {
        int year = freshYear();
        String own = districts.get(1);
        String other = districts.get(2);
        String token = TestTokens.bearer(TestTokens.tokenForDistricts(List.of(own), "feed:" + sector.code()));
        Snapshot before = settledSnapshot();
        ArrayNode batch = MAPPER.createArrayNode();
        batch.add(report(uniqueId("own-district"), own, String.valueOf(year), null, validValues()));
        batch.add(report(uniqueId("other-district"), other, String.valueOf(year), null, validValues()));
        Response refused = postAs(token, batch);
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(403);
        assertThat(json(refused).findValuesAsText("field")).containsExactly("[1].orgUnit");
        assertUnchanged(
                before); // the batch is refused as a whole: the report for its own district is not stored either
        accepted(postAs(token, report(uniqueId("own-district"), own, String.valueOf(year), null, validValues())), 201);
    }

    @Test
    void readsNeedReaderOrThisSectorsRoleWhileHealthAndMetricsStayOpen() {
        String path = "/api/v1/indicators?period=" + freshYear();
        given().header("Authorization", DefaultAuthorization.NONE)
                .get(path)
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
        given().header("Authorization", TestTokens.bearer(TestTokens.token(otherSectorRole())))
                .get(path)
                .then()
                .statusCode(403);
        given().header("Authorization", TestTokens.bearer(TestTokens.token("reader")))
                .get(path)
                .then()
                .statusCode(200);
        given().header("Authorization", TestTokens.bearer(TestTokens.token("reader")))
                .get("/api/v1/catalog")
                .then()
                .statusCode(200);
        for (String open : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi")) {
            given().header("Authorization", DefaultAuthorization.NONE)
                    .get(open)
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void feedMessagesFromSystemsThatMayNotWriteGoToTheDeadLetterTopic() {
        int year = freshYear();
        String key = uniqueId("identity-key");
        String anonymous = uniqueId("feed-anonymous");
        String stranger = uniqueId("feed-other-sector");
        String outsider = uniqueId("feed-other-district");
        String good = uniqueId("feed-identified");
        kafka().send(
                        feedTopic,
                        key,
                        report(anonymous, districts.get(3), String.valueOf(year), null, validValues())
                                .toString(),
                        Map.of());
        kafka().send(
                        feedTopic,
                        key,
                        report(stranger, districts.get(3), String.valueOf(year), null, validValues())
                                .toString(),
                        Map.of("authorization", TestTokens.bearer(TestTokens.token(otherSectorRole()))));
        kafka().send(
                        feedTopic,
                        key,
                        report(outsider, districts.get(3), String.valueOf(year), null, validValues())
                                .toString(),
                        Map.of(
                                "authorization",
                                TestTokens.bearer(TestTokens.tokenForDistricts(
                                        List.of(districts.get(4)), "feed:" + sector.code()))));
        kafka().send(
                        feedTopic,
                        key,
                        report(good, districts.get(3), String.valueOf(year), null, validValues())
                                .toString(),
                        feedIdentity());

        awaitReport(good);
        List<Received> dead = kafka().readUntil(
                        Topics.feedDeadLetters(sector),
                        seen -> seen.stream().filter(r -> key.equals(r.key())).count() >= 3,
                        WAIT);
        Function<String, String> reasonOf = id -> dead.stream()
                .filter(r -> r.value() != null && r.value().contains(id))
                .findFirst()
                .orElseThrow()
                .headers()
                .get("dead-letter-reason");
        assertThat(reasonOf.apply(anonymous)).contains("unauthenticated");
        assertThat(reasonOf.apply(stranger)).contains("forbidden").contains("feed:" + sector.code());
        assertThat(reasonOf.apply(outsider)).contains("forbidden").contains(districts.get(3));
        for (String id : List.of(anonymous, stranger, outsider)) {
            given().get(REPORTS + "/" + id).then().statusCode(404);
        }
    }

    /**
     * Issue 13: a writer limited to one district sent a revision of another district's report with its own district
     * as the org unit — and the other district's figures were gone. Refused on every channel, and nothing changes.
     */
    @Test
    void aWriterMayReviseOnlyReportsOfOrgUnitsItMayWrite() {
        DistrictYear slot = freshDistrictYear();
        int year = slot.year();
        String other = slot.district();
        String own = districts.stream()
                .filter(d -> !d.equals(other))
                .findFirst()
                .orElseThrow(); // only refused writes reach it
        String id = uniqueId("owned-by-other");
        Map<String, Double> values = validValues();
        accepted(postJson(report(id, other, String.valueOf(year), null, values)), 201);
        String limited = TestTokens.bearer(TestTokens.tokenForDistricts(List.of(own), "feed:" + sector.code()));

        Snapshot before = settledSnapshot();
        Response rest = postAs(limited, report(id, own, String.valueOf(year), 99, valuesFor(3)));
        assertThat(rest.statusCode()).as(rest.asString()).isEqualTo(403);
        assertThat(rest.contentType()).startsWith(PROBLEM);
        assertThat(json(rest).findValuesAsText("field")).containsExactly("reportId");
        ArrayNode batch = MAPPER.createArrayNode()
                .add(report(uniqueId("owned-innocent"), own, String.valueOf(year), null, validValues()))
                .add(report(id, own, String.valueOf(year), 99, valuesFor(3)));
        Response inBatch = postAs(limited, batch);
        assertThat(inBatch.statusCode()).as(inBatch.asString()).isEqualTo(403);
        assertThat(json(inBatch).findValuesAsText("field")).containsExactly("[1].reportId");
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        valuesFor(3)
                .forEach((de, v) -> csv.append(csvRow(id, own, String.valueOf(year), de, String.valueOf(v), "", "99"))
                        .append('\n'));
        Response viaCsv = given().header("Authorization", limited)
                .contentType(CSV)
                .body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post(REPORTS);
        assertThat(viaCsv.statusCode()).as(viaCsv.asString()).isEqualTo(403);
        assertThat(json(viaCsv).findValuesAsText("field")).containsExactly("line 2: report_id");
        assertUnchanged(before);

        // the feed: the message goes to the dead-letter topic, the report stays as it was
        String key = uniqueId("owned-key");
        kafka().send(
                        feedTopic,
                        key,
                        report(id, own, String.valueOf(year), 99, valuesFor(3)).toString(),
                        Map.of("authorization", limited));
        Received dead = kafka()
                .readUntil(
                        Topics.feedDeadLetters(sector), seen -> seen.stream().anyMatch(r -> key.equals(r.key())), WAIT)
                .stream()
                .filter(r -> key.equals(r.key()))
                .findFirst()
                .orElseThrow();
        assertThat(dead.headers().get("dead-letter-reason"))
                .contains("forbidden")
                .contains("reportId")
                .contains(other);
        JsonNode history = getReport(id);
        assertThat(history.path("revisions")).hasSize(1);
        assertThat(history.path("revisions").get(0).path("orgUnit").asText()).isEqualTo(other);
        assertThat(storedValues(history.path("revisions").get(0))).containsExactlyInAnyOrderEntriesOf(values);
        assertDistrictIndicators(indicatorsOf(String.valueOf(year), other), other, expectedOutputs(values));
    }

    /**
     * A district-limited writer may report the enterprises registered in its districts — directly in one, or in one
     * of its parks — and no others; revising one of their reports follows the same rule.
     */
    @Test
    void aDistrictLimitedWriterReportsTheEnterprisesOfItsDistricts() {
        DistrictYear slot = freshDistrictYear();
        String district = slot.district();
        String inPark = registerEnterprise(registerPark(district));
        String direct = registerEnterprise(district);
        String other =
                districts.stream().filter(d -> !d.equals(district)).findFirst().orElseThrow();
        String elsewhere = registerEnterprise(other); // only refused writes reach it
        int year = slot.year();
        String token = TestTokens.bearer(TestTokens.tokenForDistricts(List.of(district), "feed:" + sector.code()));
        String parkReport = uniqueId("enterprise-in-park");
        ArrayNode own = MAPPER.createArrayNode()
                .add(report(parkReport, inPark, String.valueOf(year), null, validValues()))
                .add(report(uniqueId("enterprise-direct"), direct, String.valueOf(year), null, validValues()));
        assertThat(each(accepted(postAs(token, own), 201), "status")).containsOnly("ACCEPTED");

        Snapshot before = settledSnapshot();
        Response outside = postAs(
                token, report(uniqueId("enterprise-elsewhere"), elsewhere, String.valueOf(year), null, validValues()));
        assertThat(outside.statusCode()).as(outside.asString()).isEqualTo(403);
        assertThat(json(outside).findValuesAsText("field")).containsExactly("orgUnit");
        String stranger = TestTokens.bearer(TestTokens.tokenForDistricts(List.of(other), "feed:" + sector.code()));
        Response revision = postAs(stranger, report(parkReport, inPark, String.valueOf(year), 2, valuesFor(2)));
        assertThat(revision.statusCode()).as(revision.asString()).isEqualTo(403);
        assertUnchanged(before);
        accepted(postAs(token, report(parkReport, inPark, String.valueOf(year), 2, valuesFor(2))), 201);
    }
}
