package io.synergy.aggregation.recompute;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.OrgUnitEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * The aggregation knows the registry only from {@code org-units.v1} (the registry service publishes it): parks roll
 * up their enterprises, and a unit that moves re-rolls the figures, the stored results included.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class HierarchyChangesTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;

    private final KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());

    static String uscc(String first17) {
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    /** What the registry service publishes for a unit. */
    private void register(String code, OrgUnitLevel level, String parent, long version) throws Exception {
        boolean enterprise = level == OrgUnitLevel.ENTERPRISE;
        OrgUnitEvent e = new OrgUnitEvent(
                code,
                level,
                "单位" + code,
                "unit " + code,
                parent,
                enterprise ? "C" : null,
                enterprise ? "26" : null,
                Set.of(),
                false,
                version,
                Instant.now(),
                "registry-test");
        kafka.send(
                Topics.ORG_UNITS, code, json.writeValueAsString(e), Map.of("ce_type", "cn.qingdao.synergy.orgunit.v1"));
    }

    private void publish(String code, String orgUnit, int year, double value) throws Exception {
        IndicatorEvent e = new IndicatorEvent(
                UUID.randomUUID().toString(),
                "energy",
                EventKind.DATA_ELEMENT,
                code,
                orgUnit,
                Integer.toString(year),
                value,
                value,
                null,
                "t",
                1,
                true,
                "hierarchy-test",
                Instant.now());
        kafka.send("indicators.energy.v1", e.key(), json.writeValueAsString(e));
    }

    private JsonNode parkRow(String park, int year) throws Exception {
        String body = given().queryParam("period", Integer.toString(year))
                .queryParam("level", "park")
                .get("/api/v1/synergy/units")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (JsonNode u : json.readTree(body).path("units")) {
            if (u.path("orgUnit").asText().equals(park)) {
                return u;
            }
        }
        return null;
    }

    @Test
    void parksRollUpTheirEnterprisesAndAMoveReRollsThem() throws Exception {
        register("370285P01", OrgUnitLevel.PARK, "370285", 1);
        register("370285P02", OrgUnitLevel.PARK, "370285", 1);
        String e1 = uscc("91370285MA3F00001");
        String e2 = uscc("91370285MA3F00002");
        register(e1, OrgUnitLevel.ENTERPRISE, "370285P01", 1);
        register(e2, OrgUnitLevel.ENTERPRISE, "370285P01", 1);
        int year = 2019;
        for (String e : List.of(e1, e2)) {
            publish("energy.gdp", e, year, 1000);
            publish("energy.emissions.co2", e, year, e.equals(e1) ? 100 : 300);
        }
        // park 1 holds both: CO2 intensity (100 + 300) / (1000 + 1000)
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode p1 = parkRow("370285P01", year);
            assertThat(p1).isNotNull();
            assertThat(p1.path("values").path("CI").asDouble()).isEqualTo(0.2);
        });
        // enterprise 2 moves to park 2: each park now has its own
        register(e2, OrgUnitLevel.ENTERPRISE, "370285P02", 2);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(parkRow("370285P01", year).path("values").path("CI").asDouble())
                    .isEqualTo(0.1);
            assertThat(parkRow("370285P02", year).path("values").path("CI").asDouble())
                    .isEqualTo(0.3);
        });
        // a district with no total of its own is the sum of its enterprises, wherever they are in it
        await().atMost(WAIT)
                .untilAsserted(() -> given().queryParam("period", Integer.toString(year))
                        .queryParam("level", "enterprise")
                        .queryParam("industry", "C")
                        .get("/api/v1/synergy/units")
                        .then()
                        .statusCode(200)
                        .body("units.orgUnit", Matchers.hasItems(e1, e2)));
    }

    /** EM-CO2 of each result published for a district and year, in order (null where a result has none). */
    private List<Double> publishedEmissions(List<KafkaTestClient.Received> records, String district, int year) {
        List<Double> values = new ArrayList<>();
        for (KafkaTestClient.Received r : records) {
            if (!(district + ":" + year).equals(r.key())) {
                continue;
            }
            Double value = null;
            try {
                for (JsonNode f : json.readTree(r.value()).path("result").path("indicators")) {
                    if (f.path("indicator").asText().equals("EM-CO2")
                            && f.path("value").isNumber()) {
                        value = f.path("value").asDouble();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            values.add(value);
        }
        return values;
    }

    static Double last(List<Double> values) {
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    @Test
    void anEnterpriseMovingToAnotherDistrictIsRecomputedIntoTheStoredResultsOfBoth() throws Exception {
        // two districts without totals of their own for 2025 (no other test reports their CO2 that year): each is the
        // sum of its enterprises
        String from = "370281";
        String to = "370285";
        int year = 2025;
        String e = uscc("91370281MA3K00001");
        register(e, OrgUnitLevel.ENTERPRISE, from, 1);
        publish("energy.emissions.co2", e, year, 123);
        kafka.readUntil(
                Topics.RESULTS, rs -> Double.valueOf(123).equals(last(publishedEmissions(rs, from, year))), WAIT);

        // the move comes from the registry alone: no new figure arrives, yet both districts' results are recomputed
        register(e, OrgUnitLevel.ENTERPRISE, to, 2);
        kafka.readUntil(
                Topics.RESULTS,
                rs -> {
                    List<Double> before = publishedEmissions(rs, from, year);
                    return Double.valueOf(123).equals(last(publishedEmissions(rs, to, year)))
                            && before.contains(123.0)
                            && last(before) == null;
                },
                WAIT);
    }
}
