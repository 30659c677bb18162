package io.synergy.aggregation.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.testsupport.DefaultAuthorization;
import io.synergy.testsupport.IndicatorProducer;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.OpenApiAssertions;
import io.synergy.testsupport.OperationWalk;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the aggregation with every media type it declares (JSON, CSV, XLSX, HTML, PDF; an empty body of
 * each type it accepts), never a server error (issue 16): on a city's complete years (2020–2023, the data of
 * {@link CityDataSet}), on a year with missing values (2024: half the districts, every sector of them) and on a year
 * without any (2031). Its own application and schema.
 */
@QuarkusTest
@TestProfile(OperationWalkTest.OwnDatabase.class)
@WithTestResource(PlatformTestResource.class)
class OperationWalkTest {

    /** No configuration of its own: being another profile is what gives the class a fresh application and schema. */
    public static class OwnDatabase implements QuarkusTestProfile {}

    private static final IndicatorProducer PRODUCER = new IndicatorProducer(KafkaBroker.bootstrapServers());

    @Inject
    AgroalDataSource dataSource;

    @AfterAll
    static void close() {
        PRODUCER.close();
    }

    @AfterEach
    void forgetToken() {
        RestAssured.replaceFiltersWith(DefaultAuthorization.as("reader", "ops"));
    }

    @Test
    void everyOperationAnswersEveryMediaTypeItDeclaresWithoutAServerError() throws Exception {
        Set<String> facts = new HashSet<>();
        for (int y = 2020; y <= 2024; y++) {
            List<String> half = CityDataSet.UNITS.districts().stream()
                    .map(d -> d.code())
                    .limit(5)
                    .toList();
            int year = y;
            for (IndicatorEvent e : CityDataSet.year(y)) {
                if (year < 2024 || half.contains(e.orgUnit())) {
                    PRODUCER.send(e);
                    facts.add(e.code() + "|" + e.orgUnit() + "|" + e.period());
                }
            }
        }
        PRODUCER.flush();
        await().atMost(Duration.ofSeconds(120))
                .until(() -> count("SELECT count(*) FROM indicator_fact") >= facts.size()
                        && count("SELECT count(*) FROM recompute_request") == 0);

        JsonNode document = OpenApiAssertions.document();
        for (String year : List.of("2023", "2024", "2031")) {
            for (String unit : List.of("370200", "370283", "central-urban")) {
                OperationWalk.assertNoServerError(OperationWalk.walk(
                        document,
                        Map.of(
                                "period",
                                year,
                                "year",
                                year,
                                "from",
                                Integer.toString(Integer.parseInt(year) - 1),
                                "to",
                                year,
                                "orgUnit",
                                unit,
                                "indicator",
                                "E1",
                                "sector",
                                "energy",
                                // the former paths of the registry and the console here: they answer 308
                                "rest",
                                ""),
                        "/api/v1/"));
            }
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
