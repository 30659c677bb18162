package io.synergy.aggregation.projects;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.synergy.aggregation.it.FlowTests;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.OrgUnitEvent;
import io.synergy.model.event.PilotEvent;
import io.synergy.model.event.ProjectEvent;
import io.synergy.model.event.ProjectEvent.Reduction;
import io.synergy.model.event.ProjectEvent.StatusChange;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import io.synergy.model.project.DesignationLevel;
import io.synergy.model.project.PilotStatus;
import io.synergy.model.project.ProjectStatus;
import io.synergy.model.project.Substance;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 16: the aggregation reads the registry's key projects and pilots. E5 of the city is the sum of the verified
 * reductions of the projects completed by the year (PROJECTS, the default basis) and follows every change of a project; a
 * redelivered older version changes nothing; a bad record goes to its dead-letter topic with the reason and the next one
 * is applied. The units' synergy lists their designations and is filtered by them; the assessment report of a district
 * shows its projects' progress and its pilots, the same figures as the APIs. Its own application and schema.
 */
@QuarkusTest
@TestProfile(ProjectsFlowTest.OwnDatabase.class)
@WithTestResource(PlatformTestResource.class)
class ProjectsFlowTest {

    /** No configuration of its own: being another profile is what gives the class a fresh application and schema. */
    public static class OwnDatabase implements QuarkusTestProfile {}

    private static final KafkaTestClient KAFKA = new KafkaTestClient(KafkaBroker.bootstrapServers());
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int YEAR = 2024;
    private static final String CITY = "370200";
    private static final String LAIXI = "370285";
    private static final String PINGDU = "370283";
    private static final String HUANGDAO = "370211";
    private static final String JIAOZHOU = "370281";
    private static final String PARK = "370285P07";
    private static final String E1 = uscc("91370285MA3P07001");
    private static final String E2 = uscc("91370285MA3P07002");

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    private static boolean registered;

    @AfterAll
    static void close() {
        KAFKA.close();
    }

    static String uscc(String first17) {
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    /** A park with two enterprises in 莱西, and the enterprises' 2024 figures, known to the aggregation before any test. */
    @BeforeEach
    void registry() throws Exception {
        if (registered) {
            return;
        }
        register(PARK, OrgUnitLevel.PARK, LAIXI);
        register(E1, OrgUnitLevel.ENTERPRISE, PARK);
        register(E2, OrgUnitLevel.ENTERPRISE, PARK);
        for (String e : List.of(E1, E2)) {
            publish("energy.gdp", e, 1000);
            publish("energy.emissions.co2", e, e.equals(E1) ? 100 : 300);
        }
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(units("enterprise", Map.of()).findValuesAsText("orgUnit"))
                        .contains(E1, E2));
        registered = true;
    }

    private void register(String code, OrgUnitLevel level, String parent) throws Exception {
        boolean enterprise = level == OrgUnitLevel.ENTERPRISE;
        OrgUnitEvent e = new OrgUnitEvent(
                code,
                level,
                "单位" + code,
                "unit " + code,
                parent,
                enterprise ? "C" : null,
                enterprise ? "31" : null,
                Set.of(),
                false,
                1,
                Instant.now(),
                "projects-flow-test");
        KAFKA.send(Topics.ORG_UNITS, code, json.writeValueAsString(e), Map.of("ce_type", CloudEventTypes.ORG_UNIT));
    }

    private void publish(String code, String orgUnit, double value) throws Exception {
        IndicatorEvent e = new IndicatorEvent(
                UUID.randomUUID().toString(),
                "energy",
                EventKind.DATA_ELEMENT,
                code,
                orgUnit,
                Integer.toString(YEAR),
                value,
                value,
                null,
                "t",
                1,
                true,
                "projects-flow-test",
                Instant.now());
        KAFKA.send("indicators.energy.v1", e.key(), json.writeValueAsString(e));
    }

    static ProjectEvent project(
            String code,
            String type,
            int clause,
            String unit,
            long version,
            List<StatusChange> history,
            Reduction... r) {
        boolean verified = List.of(r).stream().anyMatch(x -> x.verified() != null);
        return new ProjectEvent(
                code,
                "项目" + code,
                "project " + code,
                type,
                clause,
                unit,
                "市发展改革委",
                List.of("市生态环境局"),
                2022,
                2024,
                history.get(history.size() - 1).status(),
                history,
                List.of(r),
                verified ? "示例-青环验〔2024〕1号" : null,
                version,
                Instant.parse("2025-01-10T08:00:00Z"),
                "planner-1");
    }

    static List<StatusChange> completed(String since) {
        return List.of(
                new StatusChange(ProjectStatus.PLANNED, LocalDate.parse("2022-02-01")),
                new StatusChange(ProjectStatus.COMPLETED, LocalDate.parse(since)));
    }

    static Reduction r(Substance s, String planned, String verified) {
        return new Reduction(
                s,
                planned == null ? null : new BigDecimal(planned),
                verified == null ? null : new BigDecimal(verified));
    }

    static PilotEvent pilot(String code, String unit, String programme, String industry, Integer year, PilotStatus s) {
        return new PilotEvent(
                code,
                unit,
                programme,
                programme.equals("CARBON_EIA") ? 2 : programme.equals("ZERO_WASTE_PARK") ? 15 : 18,
                industry,
                DesignationLevel.PROVINCIAL,
                year,
                s,
                year == null ? null : "示例-鲁环函〔" + year + "〕18号",
                1,
                Instant.parse("2025-01-10T08:00:00Z"),
                "planner-1");
    }

    private void send(String topic, String key, byte[] value) {
        KAFKA.sendBytes(topic, key, value, Map.of("ce_type", CloudEventTypes.PROJECT));
    }

    private void send(ProjectEvent e) throws Exception {
        send(Topics.PROJECTS, e.code(), json.writeValueAsBytes(e));
    }

    private void send(PilotEvent e) throws Exception {
        send(Topics.PILOTS, e.code(), json.writeValueAsBytes(e));
    }

    private static JsonNode e5(String unit, String indicator) throws Exception {
        String body = given().queryParam("period", Integer.toString(YEAR))
                .queryParam("orgUnit", unit)
                .get("/api/v1/attainment")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (JsonNode row : new ObjectMapper().readTree(body).path("indicators")) {
            if (row.path("indicator").asText().equals(indicator)) {
                return row;
            }
        }
        throw new AssertionError(indicator + " not in the attainment of " + unit);
    }

    private JsonNode units(String level, Map<String, String> filters) throws Exception {
        return json.readTree(given().queryParam("period", Integer.toString(YEAR))
                .queryParam("level", level)
                .queryParams(filters)
                .get("/api/v1/synergy/units")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    private long count(String sql) throws Exception {
        return FlowTests.count(dataSource, sql);
    }

    @Test
    void e5IsTheVerifiedReductionOfTheProjectsCompletedByTheYearAndFollowsTheirChanges() throws Exception {
        send(project(
                "QD-KP-0001",
                "RAIL_WATER_SHIFT",
                7,
                HUANGDAO,
                1,
                completed("2023-11-30"),
                r(Substance.NOX, "180", "165.4"),
                r(Substance.CO2, "42000", "39850")));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode nox = e5(HUANGDAO, "E5-NOX");
            assertThat(nox.path("e5Basis").asText()).isEqualTo("PROJECTS");
            assertThat(nox.path("value").asDouble()).isEqualTo(165.4);
            assertThat(nox.path("e5").path("projects").asDouble()).isEqualTo(165.4);
        });

        // a project of 胶州 completed in mid-2024
        send(project(
                "QD-KP-0002",
                "ENTERPRISE_SYNERGY_RETROFIT",
                18,
                JIAOZHOU,
                1,
                completed("2024-06-30"),
                r(Substance.NOX, "65", "61.237"),
                r(Substance.VOCS, "15", "12.3456")));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(e5(JIAOZHOU, "E5-NOX").path("value").asDouble()).isEqualTo(61.237);
            assertThat(e5(JIAOZHOU, "E5-VOCS").path("value").asDouble()).isEqualTo(12.3456);
        });

        // its verification revised: version 2 replaces it, and the year is recomputed
        send(project(
                "QD-KP-0002",
                "ENTERPRISE_SYNERGY_RETROFIT",
                18,
                JIAOZHOU,
                2,
                completed("2024-06-30"),
                r(Substance.NOX, "65", "70"),
                r(Substance.VOCS, "15", "12.3456")));
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(e5(JIAOZHOU, "E5-NOX").path("value").asDouble())
                                .isEqualTo(70.0));

        // version 1 delivered again changes nothing: once a record sent after it is dead-lettered, it has been read
        send(project(
                "QD-KP-0002",
                "ENTERPRISE_SYNERGY_RETROFIT",
                18,
                JIAOZHOU,
                1,
                completed("2024-06-30"),
                r(Substance.NOX, "65", "61.237")));
        String marker = "after-old-version-" + UUID.randomUUID();
        send(Topics.PROJECTS, "QD-KP-0002", marker.getBytes(StandardCharsets.UTF_8));
        KAFKA.readUntil(Topics.PROJECTS_DEAD_LETTERS, rs -> rs.stream().anyMatch(x -> marker.equals(x.value())), WAIT);
        assertThat(count("SELECT version FROM project WHERE code = 'QD-KP-0002'"))
                .isEqualTo(2);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM recompute_request") == 0);
        assertThat(e5(JIAOZHOU, "E5-NOX").path("value").asDouble()).isEqualTo(70.0);

        // the city's E5 is its districts' (whatever projects the class's other tests recorded), judged against the plan
        double districts = 0;
        for (String d : List.of(
                "370202", "370203", "370211", "370212", "370213", "370214", "370215", "370281", "370283", LAIXI)) {
            JsonNode row = e5(d, "E5-NOX");
            districts += row.path("value").isNumber() ? row.path("value").asDouble() : 0;
        }
        JsonNode city = e5(CITY, "E5-NOX");
        assertThat(city.path("value").asDouble()).isCloseTo(districts, Assertions.within(1e-9));
        assertThat(city.path("value").asDouble()).isGreaterThanOrEqualTo(235.4);
        assertThat(city.path("targetSource").asText()).isEqualTo("PLAN");
        assertThat(city.path("completion").asDouble())
                .isCloseTo(city.path("value").asDouble() / 9000, Assertions.within(1e-9));
    }

    @Test
    void aBadRecordGoesToItsDeadLetterTopicWithItsReasonAndTheNextOneIsApplied() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("not-json", ("QD-KP-0101;" + run).getBytes(StandardCharsets.UTF_8));
        ProjectEvent good = project(
                "QD-KP-0101", "SHORE_POWER", 7, PINGDU, 1, completed("2024-05-31"), r(Substance.NOX, "48", "44.3"));
        bad.put("key", json.writeValueAsBytes(good));
        bad.put("type", with(good, "type", "NO_SUCH_TYPE"));
        bad.put(
                "reduction",
                json.writeValueAsBytes(project(
                        "QD-KP-0101",
                        "SHORE_POWER",
                        7,
                        PINGDU,
                        1,
                        List.of(new StatusChange(ProjectStatus.UNDER_CONSTRUCTION, LocalDate.parse("2024-01-01"))),
                        r(Substance.NOX, "48", "44.3"),
                        r(Substance.VOCS, null, "1"))));
        bad.put("org-unit", with(good, "orgUnit", "370299"));
        for (Map.Entry<String, byte[]> b : bad.entrySet()) {
            String value =
                    new String(b.getValue(), StandardCharsets.UTF_8).replace("planner-1", b.getKey() + "-" + run);
            send(
                    Topics.PROJECTS,
                    b.getKey().equals("key") ? "QD-KP-9999" : "QD-KP-0101",
                    value.getBytes(StandardCharsets.UTF_8));
        }
        send(good);
        PilotEvent wrongIndustry = pilot("QD-PL-0101", E1, "CARBON_EIA", "BANKING", 2022, PilotStatus.DESIGNATED);
        send(
                Topics.PILOTS,
                wrongIndustry.code(),
                json.writeValueAsString(wrongIndustry)
                        .replace("planner-1", "industry-" + run)
                        .getBytes(StandardCharsets.UTF_8));

        Map<String, Map<String, String>> byKind =
                FlowTests.deadLettersByKind(KAFKA, Topics.PROJECTS_DEAD_LETTERS, run, bad.size(), WAIT);
        assertThat(byKind).containsOnlyKeys("not-json", "key", "type", "reduction", "org-unit");
        assertThat(byKind.get("reduction"))
                .containsEntry("dead-letter-field", "reductions[0].verified")
                .containsEntry("dead-letter-topic", Topics.PROJECTS)
                .containsKey("dead-letter-offset");
        assertThat(byKind.get("org-unit").get("dead-letter-reason"))
                .startsWith("orgUnit: '370299' is not a registered unit");
        List<KafkaTestClient.Received> pilots = KAFKA.readUntil(
                Topics.PILOTS_DEAD_LETTERS,
                rs -> rs.stream().anyMatch(x -> x.value() != null && x.value().contains(run)),
                WAIT);
        assertThat(pilots.stream()
                        .filter(x -> x.value().contains(run))
                        .findFirst()
                        .orElseThrow()
                        .headers())
                .containsEntry("dead-letter-kind", "industry");

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM project WHERE code = 'QD-KP-0101'") == 1);
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** The project as JSON with one field replaced. */
    private byte[] with(ProjectEvent e, String field, String value) throws Exception {
        ObjectNode n = json.valueToTree(e);
        n.put(field, value);
        return json.writeValueAsBytes(n);
    }

    @Test
    void theUnitsSynergySaysTheirDesignationsAndTheDistrictsReportShowsTheSameAsTheApis() throws Exception {
        send(pilot("QD-PL-0001", E1, "CARBON_EIA", "STEEL", 2022, PilotStatus.ACCEPTED));
        send(pilot("QD-PL-0002", PARK, "ZERO_WASTE_PARK", null, 2024, PilotStatus.DESIGNATED));
        send(pilot("QD-PL-0003", E2, "NEAR_ZERO_BENCHMARK", null, null, PilotStatus.APPLIED));
        send(project(
                "QD-KP-0301",
                "KILN_FUEL_SWITCH",
                3,
                E2,
                1,
                completed("2024-10-15"),
                r(Substance.NOX, "65", "61.2"),
                r(Substance.CO2, "15000", "14200")));
        send(project(
                "QD-KP-0302",
                "PARK_SYNERGY_PROJECT",
                17,
                PARK,
                1,
                List.of(new StatusChange(ProjectStatus.PLANNED, LocalDate.parse("2024-03-01"))),
                r(Substance.NOX, "60", null),
                r(Substance.VOCS, "90", null)));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode enterprises = units("enterprise", Map.of());
            assertThat(designations(enterprises, E1)).containsExactly("CARBON_EIA/STEEL PROVINCIAL 2022 ACCEPTED");
            assertThat(designations(enterprises, E2)).containsExactly("NEAR_ZERO_BENCHMARK PROVINCIAL - APPLIED");
            assertThat(designations(units("park", Map.of()), PARK))
                    .containsExactly("ZERO_WASTE_PARK PROVINCIAL 2024 DESIGNATED");
            assertThat(count("SELECT count(*) FROM project WHERE code LIKE 'QD-KP-03%'"))
                    .isEqualTo(2);
        });
        assertThat(units("enterprise", Map.of("pilot", "CARBON_EIA")).findValuesAsText("orgUnit"))
                .containsExactly(E1);
        assertThat(units("enterprise", Map.of("pilotStatus", "applied")).findValuesAsText("orgUnit"))
                .containsExactly(E2);
        assertThat(units("enterprise", Map.of("pilotYear", "2022", "pilotLevel", "PROVINCIAL"))
                        .findValuesAsText("orgUnit"))
                .containsExactly(E1);
        assertThat(units("enterprise", Map.of("pilotYear", "2031")).path("units"))
                .isEmpty();
        given().queryParam("period", Integer.toString(YEAR))
                .queryParam("pilot", "NO_SUCH_PROGRAMME")
                .get("/api/v1/synergy/units")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("pilot"));
        String csv = given().queryParam("period", Integer.toString(YEAR))
                .queryParam("pilot", "CARBON_EIA")
                .accept("text/csv")
                .get("/api/v1/synergy/units")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(csv).contains("CARBON_EIA/STEEL PROVINCIAL 2022 ACCEPTED");

        // the report of 莱西 (its park's and enterprises' projects and pilots) says what the APIs say
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM recompute_request") == 0);
        String html = given().queryParam("period", Integer.toString(YEAR))
                .queryParam("orgUnit", LAIXI)
                .get("/api/v1/assessment/report")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Document page = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        Map<String, List<String>> projectRows = new LinkedHashMap<>();
        Set<String> pilotUnits = new TreeSet<>();
        NodeList rows = page.getElementsByTagName("tr");
        for (int k = 0; k < rows.getLength(); k++) {
            Element tr = (Element) rows.item(k);
            if (tr.hasAttribute("data-dimension")) {
                List<String> cells = new ArrayList<>();
                NodeList tds = tr.getElementsByTagName("td");
                for (int t = 1; t < tds.getLength(); t++) {
                    cells.add(tds.item(t).getTextContent().strip());
                }
                projectRows.put(tr.getAttribute("data-dimension") + ":" + tr.getAttribute("data-key"), cells);
            }
            if (tr.hasAttribute("data-unit")) {
                pilotUnits.add(tr.getAttribute("data-unit") + " "
                        + tr.getElementsByTagName("td").item(4).getTextContent());
            }
        }
        // hand-worked: two projects of 莱西 — one completed in 2024 (NOx 61.2 of 65, CO2 14200 of 15000), one planned
        // (NOx 60, VOCs 90)
        List<String> all = List.of("2", "1", "0", "1", "0", "NOx 61.2 / 125VOCs 0 / 90CO2 14200 / 15000");
        assertThat(projectRows.get("total:")).isEqualTo(all);
        assertThat(projectRows.get("district:" + LAIXI)).isEqualTo(all);
        assertThat(projectRows.get("clause:（三）"))
                .isEqualTo(List.of("1", "1", "0", "0", "0", "NOx 61.2 / 65CO2 14200 / 15000"));
        assertThat(projectRows.get("clause:（十七）")).isEqualTo(List.of("1", "0", "0", "1", "0", "NOx 0 / 60VOCs 0 / 90"));
        // the pilots are the designations /api/v1/synergy/units lists for the district's park and enterprises
        Set<String> fromApi = new TreeSet<>();
        for (String level : List.of("park", "enterprise")) {
            for (JsonNode u : units(level, Map.of()).path("units")) {
                for (JsonNode d : u.path("designations")) {
                    fromApi.add(u.path("orgUnit").asText() + " "
                            + PilotStatus.valueOf(d.path("status").asText()).zh()
                            + d.path("status").asText());
                }
            }
        }
        assertThat(pilotUnits).isEqualTo(fromApi).hasSize(3);

        // the PDF prints the same sections
        byte[] pdf = given().queryParam("period", Integer.toString(YEAR))
                .queryParam("orgUnit", LAIXI)
                .accept("application/pdf")
                .get("/api/v1/assessment/report")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        try (PDDocument d = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(d);
            assertThat(text).contains("重点工程进展", "试点示范", "NOx 61.2 / 125", "CO2 14200 / 15000", E1);
        }
    }

    private static List<String> designations(JsonNode answer, String unit) {
        List<String> out = new ArrayList<>();
        for (JsonNode u : answer.path("units")) {
            if (u.path("orgUnit").asText().equals(unit)) {
                for (JsonNode d : u.path("designations")) {
                    String industry = d.path("industry").isNull()
                            ? ""
                            : "/" + d.path("industry").asText();
                    out.add(d.path("programme").asText() + industry + " "
                            + d.path("level").asText() + " "
                            + (d.path("year").isNull() ? "-" : d.path("year").asText()) + " "
                            + d.path("status").asText());
                }
            }
        }
        return out;
    }
}
