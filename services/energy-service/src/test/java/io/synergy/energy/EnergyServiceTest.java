package io.synergy.energy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.testsupport.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class EnergyServiceTest {

    @Test
    void acceptsAReport() {
        given().contentType("application/json").body("""
                {"reportId": "qd-energy-stats/2024/370202/1", "source": "qd-energy-stats", "orgUnit": "370202", "period": "2024",
                 "values": [{"dataElement": "energy.primary.total", "value": 1250.0, "unit": "tce"},
                            {"dataElement": "energy.primary.nonfossil", "value": 180.5}]}""")
                .post("/api/v1/reports").then().log().ifValidationFails().statusCode(201).body("status", equalTo("ACCEPTED"));
        given().get("/api/v1/catalog").then().statusCode(200).body("dataElements", hasSize(11));
    }
}
