package io.synergy.console.entry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.synergy.testsupport.DefaultAuthorization;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.TestTokens;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * The console's side of the staff pages: the forms it builds from the catalogue, and what it answers itself before and
 * instead of a sector service — an unknown sector, no token, a cookie on a write, a sector service that cannot be reached
 * (this module's tests point every sector at a closed port). The forwarding to real sector services, and the pages in a
 * browser, are proven by the end-to-end StaffPagesIT.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class SectorEntryTest {

    @Test
    void theFormsComeFromTheCatalogueWithTheRulesThatTieTheirFields() {
        JsonPath forms = given().header("Authorization", TestTokens.bearer(TestTokens.token("feed:energy")))
                .get("/api/v1/sectors")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(forms.getList("sectors.sector", String.class))
                .containsExactly("energy", "transport", "building", "agriculture", "waste");
        assertThat(forms.getList("districts.code", String.class)).hasSize(10).contains("370202", "370283");
        assertThat(forms.getString("districts.find { it.code == '370202' }.zh")).isEqualTo("市南区");
        // energy's part-of-whole rule ties non-fossil energy to the total: both fields carry it, with names and units
        String rule = forms.getString("sectors[0].rules.find { it.part == 'energy.primary.nonfossil' }.id");
        assertThat(rule).isNotBlank();
        assertThat(forms.getString("sectors[0].rules.find { it.id == '" + rule + "' }.whole"))
                .isEqualTo("energy.primary.total");
        for (String element : List.of("energy.primary.nonfossil", "energy.primary.total")) {
            String field = "sectors[0].fields.find { it.dataElement == '" + element + "' }";
            assertThat(forms.getList(field + ".rules", String.class)).contains(rule);
            assertThat(forms.getString(field + ".unit")).isEqualTo("tce");
            assertThat(forms.getString(field + ".zh")).isNotBlank();
        }
    }

    @Test
    void anUnknownSectorIsNotFoundAndNamesTheField() {
        given().contentType("application/json")
                .body("{\"orgUnit\": \"370202\", \"period\": \"2024\", \"action\": \"SUBMIT\"}")
                .post("/api/v1/sectors/fishery/approvals")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("sector"));
    }

    @Test
    void withoutATokenNothingIsForwardedAndACookieAuthorisesNoWrite() {
        given().header("Authorization", DefaultAuthorization.NONE)
                .get("/api/v1/sectors/energy/approvals?period=2024")
                .then()
                .statusCode(401);
        // the session cookie stands for the header on reads only: a write with it alone is unauthenticated
        given().header("Authorization", DefaultAuthorization.NONE)
                .cookie("synergy_token", TestTokens.token("feed:energy"))
                .contentType("application/json")
                .body("{\"orgUnit\": \"370202\", \"period\": \"2024\", \"action\": \"SUBMIT\"}")
                .post("/api/v1/sectors/energy/approvals")
                .then()
                .statusCode(401);
    }

    @Test
    void aSectorServiceThatCannotBeReachedIsABadGatewayNamingTheSector() {
        given().header("Authorization", TestTokens.bearer(TestTokens.token("feed:waste")))
                .contentType("application/json")
                .body("""
                        {"reportId": "web/waste/370202/2024", "source": "web", "orgUnit": "370202", "period": "2024", "revision": 1,
                         "values": [{"dataElement": "waste.domestic.landfilled", "value": 1.0}]}""")
                .post("/api/v1/sectors/waste/reports?dryRun=true")
                .then()
                .statusCode(502)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://synergy.qingdao/problems/sector-service-unavailable"))
                .body("errors[0].field", equalTo("sector"))
                .body("detail", Matchers.containsString("waste"));
    }

    @Test
    void anUploadNeedsAFileAndATemplateAFormatOfItsOwn() {
        given().contentType("text/csv")
                .body("")
                .post("/api/v1/sectors/energy/uploads?dryRun=true")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("body"));
        given().get("/api/v1/sectors/energy/template?format=pdf")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("format"));
    }
}
