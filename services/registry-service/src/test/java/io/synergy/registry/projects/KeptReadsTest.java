package io.synergy.registry.projects;

import static io.restassured.RestAssured.given;
import static io.synergy.registry.projects.ProjectProgressTest.at;
import static io.synergy.registry.projects.ProjectProgressTest.project;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.synergy.testsupport.PlatformTestResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The registry's reads are kept per data version (issue 19, {@code shared.KeptLists}): a write of a key project changes
 * what the very next list, page, export and progress answer, and readers at once all get the same answer. The projects of
 * Licang (李沧区, 370213, in no other test).
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class KeptReadsTest {

    static final String DISTRICT = "370213";

    /** 城阳区, in no other test: the concurrent readers' project. */
    static final String CHENGYANG = "370214";

    static Response list(String accept, String... query) {
        var request = given().accept(accept).queryParam("orgUnit", DISTRICT);
        for (int i = 0; i < query.length; i += 2) {
            request.queryParam(query[i], query[i + 1]);
        }
        return request.get("/api/v1/projects");
    }

    static List<String> codes() {
        return list("application/json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("code");
    }

    static int projectsIn2024() {
        JsonPath p = given().queryParam("period", "2024")
                .queryParam("orgUnit", DISTRICT)
                .get(ProjectProgressTest.PROGRESS)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return p.getInt("total.projects");
    }

    static void record(String code, String status, String day) {
        record(code, DISTRICT, status, day);
    }

    static void record(String code, String district, String status, String day) {
        project(
                code,
                "ROOFTOP_PV",
                district,
                2023,
                2025,
                List.<String[]>of(at(status, day)),
                List.of(Map.of("substance", "CO2", "planned", 100)),
                null);
    }

    @Test
    void aWriteChangesTheNextListPageExportAndProgress() {
        record("QD-KEPT-A", "PLANNED", "2023-02-01");
        // read (and kept) before the next write
        assertThat(codes()).containsExactly("QD-KEPT-A");
        assertThat(projectsIn2024()).isEqualTo(1);
        String csv = list("text/csv").then().statusCode(200).extract().asString();
        assertThat(csv).contains("QD-KEPT-A").doesNotContain("QD-KEPT-B");
        assertThat(list("application/json", "limit", "1")
                        .then()
                        .statusCode(200)
                        .extract()
                        .header("Link"))
                .isNull();

        record("QD-KEPT-B", "PLANNED", "2023-03-01");

        assertThat(codes()).containsExactly("QD-KEPT-A", "QD-KEPT-B");
        assertThat(projectsIn2024()).isEqualTo(2);
        assertThat(list("text/csv").then().statusCode(200).extract().asString())
                .contains("QD-KEPT-A")
                .contains("QD-KEPT-B");
        // the first page now has a next one, and the Link names the host and filters this reader asked with
        Response first = list("application/json", "limit", "1");
        first.then().statusCode(200);
        assertThat(first.jsonPath().getList("code")).containsExactly("QD-KEPT-A");
        assertThat(first.header("Link"))
                .contains("orgUnit=" + DISTRICT)
                .contains("cursor=")
                .endsWith("rel=\"next\"");

        // a change of status (a new version) shows in the list filtered by status
        assertThat(list("application/json", "status", "UNDER_CONSTRUCTION")
                        .jsonPath()
                        .getList("code"))
                .isEmpty();
        record("QD-KEPT-A", "UNDER_CONSTRUCTION", "2024-01-15");
        assertThat(list("application/json", "status", "UNDER_CONSTRUCTION")
                        .jsonPath()
                        .getList("code"))
                .containsExactly("QD-KEPT-A");
    }

    @Test
    void anAllocationChangesTheNextTargetsOfTheSameQuestion() {
        String before = targetOf2025();
        Planner.asPlanner()
                .contentType("application/json")
                .body(Map.of(
                        "value", 13.5, "targetYear", 2025, "document", "青发改〔2024〕21号", "effectiveFrom", "2024-06-01"))
                .put("/api/v1/targets/E1/" + DISTRICT)
                .then()
                .statusCode(201);
        assertThat(targetOf2025()).isNotEqualTo(before).isEqualTo("ALLOCATED 13.5");
    }

    /** Licang's E1 of 2025 as the targets' list answers it: its source and value. */
    static String targetOf2025() {
        JsonPath p = given().queryParam("indicator", "E1")
                .queryParam("orgUnit", DISTRICT)
                .queryParam("year", "2025")
                .get("/api/v1/targets")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return p.getString("[0].source") + " " + p.getString("[0].value");
    }

    @Test
    void readersAtOnceGetTheSameAnswerAndAfterAWriteTheNewOne() throws Exception {
        record("QD-KEPT-C", CHENGYANG, "PLANNED", "2023-04-01");
        String before = readAtOnce(16);
        assertThat(before).contains("QD-KEPT-C");
        record("QD-KEPT-C", CHENGYANG, "CANCELLED", "2024-02-01");
        String after = readAtOnce(16);
        assertThat(after).isNotEqualTo(before).contains("CANCELLED");
    }

    /** Chengyang's rooftop PV projects read by {@code readers} clients at once: every one gets the same body, returned. */
    static String readAtOnce(int readers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Callable<String>> reads = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                reads.add(() -> given().queryParam("orgUnit", CHENGYANG)
                        .queryParam("type", "ROOFTOP_PV")
                        .get("/api/v1/projects")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
            }
            List<String> bodies = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(reads)) {
                bodies.add(f.get());
            }
            assertThat(bodies).allMatch(b -> b.equals(bodies.get(0)));
            return bodies.get(0);
        } finally {
            pool.shutdownNow();
        }
    }
}
