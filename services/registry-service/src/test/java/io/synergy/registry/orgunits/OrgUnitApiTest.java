package io.synergy.registry.orgunits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synergy.model.event.OrgUnitEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.registry.OpenApiOperations;
import io.synergy.registry.Paged;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * What the registry service adds to the moved API: 201 with Location, ETag and If-Match (optimistic locking on the
 * entity's version), cursor paging, versions that continue those already on org-units.v1, and typed OpenAPI schemas.
 * Each test works in a district of its own, so the tests do not see each other's units.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class OrgUnitApiTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String UNITS = "/api/v1/org-units";

    @Inject
    ObjectMapper json;

    @Inject
    OrgUnitRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    private final KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());

    static Map<String, Object> park(String code, String district, String zh) {
        return Map.of("code", code, "level", "PARK", "zh", zh, "parent", district);
    }

    @Test
    void aRegistrationAnswers201WithItsLocationAndEveryAnswerCarriesTheVersionAsETag() {
        Response created = given().contentType("application/json")
                .body(park("370212P05", "370212", "崂山科技园"))
                .post(UNITS);
        created.then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", endsWith(UNITS + "/370212P05"))
                .body("version", equalTo(1));
        given().get(created.header("Location"))
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("zh", equalTo("崂山科技园"));
        // a change of an existing unit: 200, a new version, no Location
        given().contentType("application/json")
                .body(park("370212P05", "370212", "崂山科技产业园"))
                .post(UNITS)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .header("Location", nullValue())
                .body("version", equalTo(2));
        // the same content again: nothing new, the version stays
        given().contentType("application/json")
                .body(park("370212P05", "370212", "崂山科技产业园"))
                .post(UNITS)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        // PUT of a code not registered yet registers it
        given().contentType("application/json")
                .body(park("370212P06", "370212", "崂山园区六"))
                .put(UNITS + "/370212P06")
                .then()
                .statusCode(201)
                .header("Location", endsWith(UNITS + "/370212P06"));
    }

    @Test
    void ifMatchIsOptionalButHonouredOnEveryWrite() {
        String path = UNITS + "/370215P01";
        given().contentType("application/json")
                .body(park("370215P01", "370215", "即墨园区"))
                .put(path)
                .then()
                .statusCode(201)
                .header("ETag", "\"1\"");
        given().header("If-Match", "\"1\"")
                .contentType("application/json")
                .body(park("370215P01", "370215", "即墨园区 v2"))
                .put(path)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        // a stale version: 412, nothing changed
        given().header("If-Match", "\"1\"")
                .contentType("application/json")
                .body(park("370215P01", "370215", "lost update"))
                .put(path)
                .then()
                .statusCode(412)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("If-Match"))
                .body("errors[0].message", Matchers.containsString("\"2\""));
        given().get(path).then().statusCode(200).header("ETag", "\"2\"").body("zh", equalTo("即墨园区 v2"));
        // If-Match compares strongly: a weak tag never matches
        given().header("If-Match", "W/\"2\"")
                .contentType("application/json")
                .body(park("370215P01", "370215", "weak"))
                .put(path)
                .then()
                .statusCode(412);
        // on POST too
        given().header("If-Match", "\"7\"")
                .contentType("application/json")
                .body(park("370215P01", "370215", "post"))
                .post(UNITS)
                .then()
                .statusCode(412);
        // one of several tags, or any version
        given().header("If-Match", "\"9\", \"2\"")
                .contentType("application/json")
                .body(park("370215P01", "370215", "即墨园区 v3"))
                .put(path)
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"");
        given().header("If-Match", "*")
                .contentType("application/json")
                .body(park("370215P01", "370215", "即墨园区 v4"))
                .put(path)
                .then()
                .statusCode(200)
                .header("ETag", "\"4\"");
        // without If-Match the write goes through, as before
        given().contentType("application/json")
                .body(park("370215P01", "370215", "即墨园区"))
                .put(path)
                .then()
                .statusCode(200)
                .header("ETag", "\"5\"");
        // If-Match on a unit that does not exist: 412, and it still does not exist
        given().header("If-Match", "*")
                .contentType("application/json")
                .body(park("370215P02", "370215", "不存在"))
                .put(UNITS + "/370215P02")
                .then()
                .statusCode(412);
        given().get(UNITS + "/370215P02").then().statusCode(404);
        // a header that is no entity tag is named
        given().header("If-Match", "5")
                .contentType("application/json")
                .body(park("370215P01", "370215", "x"))
                .put(path)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("If-Match"));
        given().get(path).then().header("ETag", "\"5\"").body("zh", equalTo("即墨园区"));
    }

    @Test
    void listsPageWithLimitAndCursorAndWithoutLimitAnswerEverything() {
        StringBuilder csv = new StringBuilder(
                "code,level,name_zh,name_en,parent,industry_section,industry_division,flags,closed\n");
        csv.append("370213P01,PARK,李沧园区,Licang park,370213,,,,\n");
        List<String> codes = new ArrayList<>(List.of("370213P01"));
        for (int i = 1; i <= 6; i++) {
            String first17 = "91370213MA3H0000" + i;
            String code = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
            codes.add(code);
            csv.append(code)
                    .append(",ENTERPRISE,企业")
                    .append(i)
                    .append(",E")
                    .append(i)
                    .append(',')
                    .append(i % 2 == 0 ? "370213P01" : "370213")
                    .append(",C,26,,false\n");
        }
        given().contentType("text/csv")
                .body(csv.toString())
                .post(UNITS + "/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(7));
        List<String> all = given().queryParam("parent", "370213")
                .get(UNITS)
                .then()
                .statusCode(200)
                .header("Link", nullValue())
                .extract()
                .jsonPath()
                .getList("code", String.class);
        assertThat(all).containsExactlyElementsOf(codes.stream().sorted().toList());

        List<String> paged = new ArrayList<>();
        String next = UNITS + "?parent=370213&limit=3";
        int pages = 0;
        while (next != null) {
            Response page = given().urlEncodingEnabled(false).get(next);
            page.then().statusCode(200);
            List<String> got = page.jsonPath().getList("code", String.class);
            assertThat(got).hasSizeLessThanOrEqualTo(3).isNotEmpty();
            paged.addAll(got);
            next = Paged.nextLink(page.header("Link"));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(paged).isEqualTo(all);
        // filters and paging together: the enterprises in the park, one per page
        Response first =
                given().queryParam("parent", "370213P01").queryParam("limit", 1).get(UNITS);
        List<String> inPark = List.of(codes.get(2), codes.get(4), codes.get(6)).stream()
                .sorted()
                .toList();
        assertThat(first.jsonPath().getList("code", String.class)).containsExactly(inPark.get(0));
        assertThat(Paged.nextLink(first.header("Link")))
                .contains("parent=370213P01")
                .contains("limit=1")
                .contains("cursor=");

        for (Map.Entry<String, String> bad :
                Map.of("limit", "0", "cursor", "!!").entrySet()) {
            given().queryParam(bad.getKey(), bad.getValue())
                    .get(UNITS)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo(bad.getKey()));
        }
        given().queryParam("limit", "1001").get(UNITS).then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().queryParam("limit", "many").get(UNITS).then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void aUnitNewToTheTableContinuesTheVersionsOrgUnitsV1AlreadyCarries() throws Exception {
        // what the aggregation published while it owned the registry: version 5 of an enterprise
        String first17 = "91370203MA3J00001";
        String code = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
        OrgUnitEvent old = new OrgUnitEvent(
                code,
                OrgUnitLevel.ENTERPRISE,
                "旧企业",
                "old",
                "370203",
                "C",
                "26",
                Set.of(),
                false,
                5,
                Instant.parse("2025-01-01T00:00:00Z"),
                "aggregation");
        kafka.send(
                Topics.ORG_UNITS,
                code,
                json.writeValueAsString(old),
                Map.of("ce_type", "cn.qingdao.synergy.orgunit.v1"));
        await().atMost(WAIT).until(() -> registry.version(code) == 5);
        // imported from the old service's export: stored as version 6, so that every consumer takes it
        given().contentType("text/csv")
                .body("code,level,name_zh,name_en,parent,industry_section,industry_division,flags,closed\n" + code
                        + ",ENTERPRISE,旧企业,old,370203,C,26,,false\n")
                .post(UNITS + "/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(1));
        given().get(UNITS + "/" + code).then().statusCode(200).header("ETag", "\"6\"");
        var records = kafka.readUntil(
                Topics.ORG_UNITS,
                rs -> rs.stream()
                        .anyMatch(r -> code.equals(r.key()) && r.value().contains("\"version\":6")),
                WAIT);
        assertThat(records.stream()
                        .filter(r -> code.equals(r.key()) && r.value().contains("\"version\":6"))
                        .findFirst()
                        .orElseThrow()
                        .headers())
                .containsEntry("ce_source", "/synergy/registry");
    }

    /** The export of docs/deploy.md ("Moving the registry to the registry service"), from the aggregation's former table. */
    static final String EXPORT =
            "COPY (SELECT code, level, name_zh, name_en, parent, industry_section, industry_division, "
                    + "array_to_string(flags, '|') AS flags, closed::text AS closed FROM %s.org_unit ORDER BY level DESC, code) TO STDOUT WITH (FORMAT csv, HEADER)";

    @Test
    void theDocumentedExportOfTheAggregationsTableImportsAsItWas() throws Exception {
        String first17 = "91370211MA3L00001";
        String enterprise = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
        String csv;
        // the aggregation's table as its migration V2_0_6 made it, in a schema of its own
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS former_aggregation CASCADE; CREATE SCHEMA former_aggregation");
            st.execute(Files.readString(
                            Path.of("../aggregation-service/src/main/resources/db/aggregation/V2_0_6__org_units.sql"))
                    .replace("CREATE TABLE org_unit", "CREATE TABLE former_aggregation.org_unit")
                    .replace(
                            "CREATE INDEX org_unit_parent ON org_unit",
                            "CREATE INDEX org_unit_parent ON former_aggregation.org_unit"));
            st.execute(
                    "INSERT INTO former_aggregation.org_unit (code, level, name_zh, name_en, parent, flags, closed, version, changed_by) VALUES "
                            + "('370211P08', 'PARK', '董家口经济区', 'Dongjiakou, Economic Zone', '370211', '{}', false, 2, 'li.wei')");
            st.execute("INSERT INTO former_aggregation.org_unit VALUES ('" + enterprise
                    + "', 'ENTERPRISE', '\"示范\"企业', '', '370211P08', 'C', '25', "
                    + "'{CARBON_MARKET,KEY_POLLUTER}', true, 3, now(), 'li.wei')");
            StringWriter out = new StringWriter();
            c.unwrap(PGConnection.class).getCopyAPI().copyOut(EXPORT.formatted("former_aggregation"), out);
            csv = out.toString();
            st.execute("DROP SCHEMA former_aggregation CASCADE");
        }
        given().contentType("text/csv; charset=UTF-8")
                .body(csv)
                .post(UNITS + "/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(2));
        given().get(UNITS + "/370211P08")
                .then()
                .statusCode(200)
                .body("en", equalTo("Dongjiakou, Economic Zone"))
                .body("closed", equalTo(false));
        given().get(UNITS + "/" + enterprise)
                .then()
                .statusCode(200)
                .body("zh", equalTo("\"示范\"企业"))
                .body("en", equalTo(""))
                .body("parent", equalTo("370211P08"))
                .body("industryDivision", equalTo("25"))
                .body("closed", equalTo(true))
                .body("flags", Matchers.containsInAnyOrder("CARBON_MARKET", "KEY_POLLUTER"));
    }

    @Test
    void everyOperationHasATypedSuccessSchemaAndAProblemSchemaForItsErrors() throws Exception {
        JsonNode doc = json.readTree(given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(OpenApiOperations.checkTyped(doc, UNITS)).isEqualTo(5);
    }
}
