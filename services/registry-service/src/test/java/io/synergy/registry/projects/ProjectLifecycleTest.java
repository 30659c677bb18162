package io.synergy.registry.projects;

import static io.restassured.RestAssured.given;
import static io.synergy.registry.projects.Planner.asPlanner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.synergy.model.event.EventSchemas;
import io.synergy.model.event.ProjectEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.project.ProjectStatus;
import io.synergy.model.project.Substance;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * A key project's life: planned, under construction, completed with its verified reduction and document; each step a new
 * version on {@code projects.v1}, its status history kept. Each test uses codes of its own.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class ProjectLifecycleTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String PROJECTS = "/api/v1/projects";

    @Inject
    ObjectMapper json;

    private final KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());

    /** A coal-power retrofit in the West Coast district, planned from March 2023. */
    static Map<String, Object> retrofit(String code) {
        Map<String, Object> p = new HashMap<>();
        p.put("code", code);
        p.put("zh", "黄岛发电厂3号机组“三改联动”改造");
        p.put("en", "Huangdao power plant unit 3 retrofit");
        p.put("type", "COAL_POWER_RETROFIT");
        p.put("orgUnit", "370211");
        p.put("leadDepartment", "市发展改革委");
        p.put("responsibleUnits", List.of("黄岛区发展和改革局", "华能青岛热电有限公司"));
        p.put("startYear", 2023);
        p.put("completionYear", 2024);
        p.put("status", "PLANNED");
        p.put("statusDate", "2023-03-01");
        p.put(
                "reductions",
                List.of(
                        Map.of("substance", "NOX", "planned", 120.5),
                        Map.of("substance", "SO2", "planned", 40),
                        Map.of("substance", "CO2", "planned", 52000)));
        return p;
    }

    @Test
    void aProjectIsPlannedBuiltAndCompletedWithItsVerifiedReductionEachStepAnEvent() throws Exception {
        String code = "QD-LIFE-0001";
        Map<String, Object> body = retrofit(code);
        Response created =
                asPlanner().contentType("application/json").body(body).post(PROJECTS);
        created.then()
                .statusCode(201)
                .header("Location", endsWith(PROJECTS + "/" + code))
                .header("ETag", "\"1\"")
                .body("version", equalTo(1))
                .body("clause", equalTo(3))
                .body("status", equalTo("PLANNED"))
                .body("verificationDocument", nullValue());

        // under construction from May 2023, If-Match the version read
        body.put("status", "UNDER_CONSTRUCTION");
        body.put("statusDate", "2023-05-15");
        asPlanner()
                .header("If-Match", "\"1\"")
                .contentType("application/json")
                .body(body)
                .put(PROJECTS + "/" + code)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .header("Location", nullValue());
        // the same again: nothing new
        asPlanner()
                .contentType("application/json")
                .body(body)
                .put(PROJECTS + "/" + code)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");

        // completed in October 2024, the verified reductions with their document
        body.put("status", "COMPLETED");
        body.put("statusDate", "2024-10-31");
        body.put(
                "reductions",
                List.of(
                        Map.of("substance", "NOX", "planned", 120.5, "verified", 98.25),
                        Map.of("substance", "SO2", "planned", 40, "verified", 41.5),
                        Map.of("substance", "CO2", "planned", 52000, "verified", 49800.125)));
        body.put("verificationDocument", "青环验〔2024〕31号");
        asPlanner()
                .header("If-Match", "\"2\"")
                .contentType("application/json")
                .body(body)
                .put(PROJECTS + "/" + code)
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"");

        JsonPath stored = given().get(PROJECTS + "/" + code)
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"")
                .extract()
                .jsonPath();
        assertThat(stored.getList("statusHistory.status", String.class))
                .containsExactly("PLANNED", "UNDER_CONSTRUCTION", "COMPLETED");
        assertThat(stored.getList("statusHistory.since", String.class))
                .containsExactly("2023-03-01", "2023-05-15", "2024-10-31");
        assertThat(stored.getString("reductions.find { it.substance == 'NOX' }.verified"))
                .isEqualTo("98.25");
        assertThat(stored.getList("responsibleUnits", String.class)).containsExactly("黄岛区发展和改革局", "华能青岛热电有限公司");

        // every step is on projects.v1, keyed by the code, each version once, valid against the schema
        var records = kafka.readUntil(
                Topics.PROJECTS,
                rs -> rs.stream().filter(r -> code.equals(r.key())).count() >= 3,
                WAIT);
        List<ProjectEvent> events = new ArrayList<>();
        for (var r : records.stream().filter(r -> code.equals(r.key())).toList()) {
            assertThat(EventSchemas.shared().violations(EventSchemas.PROJECT_EVENT, r.value()))
                    .isEmpty();
            assertThat(r.headers())
                    .containsEntry("ce_type", "cn.qingdao.synergy.project.v1")
                    .containsEntry("ce_source", "/synergy/registry")
                    .containsEntry("ce_subject", code);
            events.add(json.readValue(r.value(), ProjectEvent.class));
        }
        assertThat(events).extracting(ProjectEvent::version).containsExactly(1L, 2L, 3L);
        ProjectEvent last = events.get(2);
        assertThat(last.status()).isEqualTo(ProjectStatus.COMPLETED);
        assertThat(last.changedBy()).isEqualTo("test-reader+planner");
        // what the aggregation will count as E5: delivered from 2024 on, not in 2023
        assertThat(last.delivered(Substance.NOX, 2024)).isEqualByComparingTo("98.25");
        assertThat(last.delivered(Substance.NOX, 2023)).isNull();

        // a stale If-Match: 412, nothing changed
        body.put("zh", "lost update");
        asPlanner()
                .header("If-Match", "\"2\"")
                .contentType("application/json")
                .body(body)
                .put(PROJECTS + "/" + code)
                .then()
                .statusCode(412)
                .body("errors[0].field", equalTo("If-Match"));
        given().get(PROJECTS + "/" + code).then().header("ETag", "\"3\"").body("zh", equalTo("黄岛发电厂3号机组“三改联动”改造"));
    }

    @Test
    void aCorrectionOfTheDayAStatusTookEffectReplacesItAndANewStatusIsAddedToTheHistory() {
        String code = "QD-LIFE-0002";
        Map<String, Object> body = retrofit(code);
        asPlanner()
                .contentType("application/json")
                .body(body)
                .post(PROJECTS)
                .then()
                .statusCode(201);
        body.put("statusDate", "2023-02-20");
        asPlanner()
                .contentType("application/json")
                .body(body)
                .put(PROJECTS + "/" + code)
                .then()
                .statusCode(200)
                .body("statusHistory.since", Matchers.contains("2023-02-20"));
        // cancelled, dated today when no day is given
        body.put("status", "CANCELLED");
        body.remove("statusDate");
        asPlanner()
                .contentType("application/json")
                .body(body)
                .put(PROJECTS + "/" + code)
                .then()
                .statusCode(200)
                .body("statusHistory.status", Matchers.contains("PLANNED", "CANCELLED"))
                .body(
                        "statusHistory[1].since",
                        equalTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).toString()));
        // a cancelled project may be planned again, but not completed at once
        body.put("status", "COMPLETED");
        asPlanner()
                .contentType("application/json")
                .body(body)
                .put(PROJECTS + "/" + code)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("status"))
                .body("errors[0].message", Matchers.containsString("PLANNED"));
    }
}
