package io.synergy.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The worked example of docs/method.md §5 (the worked example), sent as raw data elements to four sector services (energy, transport,
 * agriculture, waste) over HTTP, through the real broker, and read back from the aggregation's API: synergy, attainment
 * and co-reduction effect must reproduce the document's numbers to 6 decimals once 2020–2024 are closed. Then a
 * revision changes the result and a duplicate does not.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkedExampleIT {

    static final String D = "370202"; // a district of the central urban area: the city's T1 is the group's
    static final int[] YEARS = {2020, 2021, 2022, 2023, 2024};
    static final double[] A1 = {92, 93.5, 94.8, 95.6, 96.3};
    static final double[] W1 = {85, 86.2, 88.9, 90.1, 91};
    static final double[] NOX = {52000, 49800, 47100, 46200, 44000};
    static final double[] E1 = {9.2, 10.1, 11.8, 12.9, 13.7};
    static final double[] E2 = {305, 302.1, 300.4, 298, 297.2};
    static final double[] T1 = {60, 61.5, 63, 66.2, 67.5};

    @BeforeAll
    static void platform() {
        RestAssured.config = RestAssuredConfig.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        Platform.start();
    }

    static String url(String service, String path) {
        return "http://127.0.0.1:" + Platform.PORTS.get(service) + path;
    }

    static String value(String element, double v, String unit) {
        return String.format(
                Locale.ROOT, "{\"dataElement\": \"%s\", \"value\": %s, \"unit\": \"%s\"}", element, v, unit);
    }

    static String report(String sector, int year, int revision, String... values) {
        return String.format(
                Locale.ROOT,
                "{\"reportId\": \"worked/%s/%d\", \"source\": \"spec\", \"orgUnit\": \"%s\", \"period\": \"%d\", "
                        + "\"revision\": %d, \"values\": [%s]}",
                sector,
                year,
                D,
                year,
                revision,
                String.join(", ", values));
    }

    static void postBatch(String service, List<String> reports, int status) {
        given().contentType("application/json")
                .body("[" + String.join(",", reports) + "]")
                .post(url(service, "/api/v1/reports"))
                .then()
                .statusCode(status);
    }

    static JsonPath synergy() {
        return given().queryParam("period", "2024")
                .get(url("aggregation", "/api/v1/synergy"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    @Order(1)
    void theCityReproducesTheWorkedExample() {
        List<String> energy = new ArrayList<>();
        List<String> transport = new ArrayList<>();
        List<String> agriculture = new ArrayList<>();
        List<String> waste = new ArrayList<>();
        for (int k = 0; k < YEARS.length; k++) {
            int y = YEARS[k];
            List<String> ev = new ArrayList<>(List.of(
                    value("energy.primary.total", 10_000, "tce"),
                    value("energy.primary.nonfossil", E1[k] * 100, "tce"),
                    value("energy.coalpower.coal", E2[k] * 10, "tce"),
                    value("energy.coalpower.supplied", 10_000, "MWh"),
                    value("energy.emissions.nox", NOX[k], "t")));
            if (y == 2023
                    || y == 2024) { // CO2 only where the example gives it (58.1 → 57.3 Mt), so EM-CO2 stays out of U2
                ev.add(value("energy.emissions.co2", y == 2023 ? 58.1 : 57.3, "Mt"));
            }
            energy.add(report("energy", y, 1, ev.toArray(String[]::new)));
            transport.add(report(
                    "transport",
                    y,
                    1,
                    value("transport.trips.total", 100, "10^4 trips"),
                    value("transport.trips.green", T1[k] * 10_000, "trips")));
            agriculture.add(report(
                    "agriculture",
                    y,
                    1,
                    value("agriculture.straw.produced", 100_000, "t"),
                    value("agriculture.straw.utilised", A1[k] * 1000, "t")));
            waste.add(report(
                    "waste",
                    y,
                    1,
                    value("waste.industrial.generated", 100_000, "t"),
                    value("waste.industrial.utilised", W1[k] * 1000, "t")));
        }
        postBatch("energy", energy, 201);
        postBatch("transport", transport, 201);
        postBatch("agriculture", agriculture, 201);
        postBatch("waste", waste, 201);
        // six indicators of one district: no year is complete, so ops close 2020–2024 with what they have, and only
        // settled years enter the 2024 window (docs/method.md §3); 404 until a year's first facts have arrived
        for (int y : YEARS) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> given().contentType("application/json")
                                    .body("{\"reason\": \"the worked example: six indicators of one district\"}")
                                    .post(url("aggregation", "/api/v1/years/" + y + "/close"))
                                    .statusCode()
                            == 200);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath s = synergy();
            assertThat(s.getBoolean("computable")).isTrue();
            // events arrive sector by sector: wait until all six indicators are in the evaluation
            assertThat(s.getList("explanation.excluded.indicator", String.class))
                    .doesNotContain("A1", "W1", "EM-NOX", "E1", "E2", "T1");
            assertThat((Object) s.get("explanation.weights.T1")).isNotNull();
        });
        JsonPath s = synergy();
        assertThat(s.getDouble("u2")).isCloseTo(1.000100, within(5e-7));
        assertThat(s.getDouble("c")).isCloseTo(1.000000, within(5e-7));
        assertThat(s.getDouble("t")).isCloseTo(1.000100, within(5e-7));
        assertThat(s.getDouble("d")).isCloseTo(1.000050, within(5e-7));
        assertThat(s.getString("grade.zh")).isEqualTo("优质协调");
        Map<String, Double> expectedWeights = Map.of(
                "A1", 0.305348, "W1", 0.364966, "EM-NOX", 0.329686, "E1", 0.343535, "E2", 0.285086, "T1", 0.371380);
        expectedWeights.forEach((id, w) -> assertThat(s.getDouble("explanation.weights.'" + id + "'"))
                .as(id)
                .isCloseTo(w, within(5e-7)));
        assertThat(s.getList("explanation.samples", String.class))
                .containsExactly("2020", "2021", "2022", "2023", "2024");
        List<Double> a1 = s.getList("explanation.normalised.A1", Double.class);
        double[] expectedA1 = {0.000100, 0.348937, 0.651263, 0.837309, 1.000100};
        for (int i = 0; i < expectedA1.length; i++) {
            assertThat(a1.get(i)).isCloseTo(expectedA1[i], within(5e-7));
        }
        assertThat(s.getList("explanation.excluded.indicator", String.class))
                .contains("E3", "E4", "EM-CO2", "B1", "EM-SO2")
                .doesNotContain("A1", "T1");

        // D per year, every year scored over the 2020–2024 window: the document's table row by row
        JsonPath history = given().queryParam("orgUnit", "370200")
                .get(url("aggregation", "/api/v1/synergy/history"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(history.getList("years.period", String.class))
                .containsExactly("2020", "2021", "2022", "2023", "2024");
        double[] d = {0.010000, 0.509371, 0.757232, 0.908269, 1.000050};
        double[] u2 = {0.000100, 0.249076, 0.515266, 0.845415, 1.000100};
        for (int k = 0; k < d.length; k++) {
            assertThat(history.getDouble("years[" + k + "].d")).isCloseTo(d[k], within(5e-7));
            assertThat(history.getDouble("years[" + k + "].u2")).isCloseTo(u2[k], within(5e-7));
        }
        assertThat(history.getString("years[1].grade.zh")).isEqualTo("勉强协调");

        JsonPath att = given().queryParam("period", "2024")
                .get(url("aggregation", "/api/v1/attainment"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        record Row(String id, double completion, String status, double projected, boolean meets) {}
        for (Row r : List.of(
                new Row("E1", 0.775862, "LAGGING", 15.08, true),
                new Row("E2", 0.78, "LAGGING", 294.63, true),
                new Row("T1", 0.75, "LAGGING", 69.55, false),
                new Row("A1", 0.86, "ON_TRACK", 97.65, true),
                new Row("W1", 0.857143, "ON_TRACK", 93.01, true))) {
            String p = "indicators.find { it.indicator == '" + r.id() + "' }";
            assertThat(att.getDouble(p + ".completion")).as(r.id()).isCloseTo(r.completion(), within(5e-7));
            assertThat(att.getString(p + ".status")).as(r.id()).isEqualTo(r.status());
            assertThat(att.getDouble(p + ".projection.value")).as(r.id()).isCloseTo(r.projected(), within(5e-7));
            assertThat(att.getBoolean(p + ".projection.meetsTarget")).as(r.id()).isEqualTo(r.meets());
        }
        assertThat(att.getString("indicators.find { it.indicator == 'T1' }.orgUnit"))
                .isEqualTo("central-urban");

        JsonPath effect = given().queryParam("from", "2023")
                .queryParam("to", "2024")
                .queryParam("sector", "all")
                .get(url("aggregation", "/api/v1/effects"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String nox = "effects.find { it.pollutant == 'NOX' }";
        assertThat(effect.getDouble(nox + ".deltaP")).isCloseTo(-0.047619, within(5e-7));
        assertThat(effect.getDouble(nox + ".deltaC")).isCloseTo(-0.013769, within(5e-7));
        assertThat(effect.getDouble(nox + ".elasticity")).isCloseTo(3.458333, within(5e-6));
        assertThat(effect.getString(nox + ".quadrant")).isEqualTo("CO_REDUCTION");
    }

    @Test
    @Order(2)
    void aRevisionChangesTheResultAndADuplicateDoesNot() {
        String rev2 = report(
                "agriculture",
                2024,
                2,
                value("agriculture.straw.produced", 100_000, "t"),
                value("agriculture.straw.utilised", 97_500, "t"));
        given().contentType("application/json")
                .body(rev2)
                .post(url("agriculture", "/api/v1/reports"))
                .then()
                .statusCode(201);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(given().queryParam("period", "2024")
                                .get(url("aggregation", "/api/v1/attainment"))
                                .jsonPath()
                                .getString("indicators.find { it.indicator == 'A1' }.status"))
                        .isEqualTo("ACHIEVED"));
        double version = given().queryParam("period", "2024")
                .get(url("aggregation", "/api/v1/attainment"))
                .jsonPath()
                .getDouble("version");
        double d = synergy().getDouble("d");

        // the same revision again: 200 DUPLICATE, nothing new published, the result's version does not move
        given().contentType("application/json")
                .body(rev2)
                .post(url("agriculture", "/api/v1/reports"))
                .then()
                .statusCode(200);
        JsonPath history = given().get(url("agriculture", "/api/v1/reports/worked/agriculture/2024"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(history.getList("revisions.status", String.class)).containsExactly("CURRENT", "SUPERSEDED");
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(given().queryParam("period", "2024")
                                .get(url("aggregation", "/api/v1/attainment"))
                                .jsonPath()
                                .getDouble("version"))
                        .isEqualTo(version));
        assertThat(synergy().getDouble("d")).isEqualTo(d);
    }
}
