package io.synergy.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.testsupport.HeadlessChromium;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's staff pages (docs/reporting-cycle.md) in a real headless Chromium, against the real sector services: the
 * console forwards each call to the energy service with the signed-in user's token (console {@code /api/v1/sectors/…}).
 * The entry form shows the dry run's fault next to its field, stores the report and submits the data set; the upload page
 * previews a file's accepted and refused rows before anything is stored; the approval matrix colours each data set by its
 * state and lets a district's reviewer approve (and asks for a comment to return). Each page leaves a screenshot in
 * target/screenshots/ (docs/images/). The year 2019 and its districts are used by no other end-to-end class, and this class
 * runs last: the data sets it submits lock nothing another test writes.
 */
@Order(7)
class StaffPagesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String YEAR = "2019";
    private static final String SUBMITTED_BLUE = "rgb(59, 130, 196)";
    private static final String APPROVED_AMBER = "rgb(242, 169, 59)";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void platform() {
        Platform.start();
    }

    @BeforeEach
    void startBrowser() throws IOException {
        chromium = HeadlessChromium.start("staff", 1400, 1000);
        browser = chromium.browser();
        wait = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200));
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (chromium != null) {
            List<String> scriptErrors = chromium.scriptErrors();
            chromium.close();
            assertThat(scriptErrors).as("JavaScript errors in the page").isEmpty();
        }
    }

    @Test
    void theEntryFormShowsTheDryRunsFaultNextToItsFieldThenStoresAndSubmits() throws IOException {
        String district = "370285";
        open(
                "/staff/entry.html?sector=energy&district=" + district + "&period=" + YEAR,
                Platform.token("feed:energy", "--name", "e2e-entry-clerk"));
        try {
            // a part above its whole: the energy service's rule, found by its dry run as the clerk types
            type("energy.primary.total", "1000");
            type("energy.primary.nonfossil", "1500");
            By nonfossilError = By.id("error-energy.primary.nonfossil");
            wait.until(ExpectedConditions.textMatches(nonfossilError, Pattern.compile(".*\\S.*")));
            assertThat(browser.findElement(nonfossilError).getText()).contains("energy.primary.total");
            assertThat(browser.findElement(By.cssSelector("tr[data-element='energy.primary.nonfossil']"))
                            .getAttribute("class"))
                    .contains("invalid");
            assertThat(browser.findElement(By.id("error-energy.primary.total")).getText())
                    .isEmpty();
            assertThat(browser.findElement(By.id("check")).getAttribute("data-state"))
                    .isEqualTo("invalid");
            screenshot("staff-entry.png");
            // nothing was stored by the dry runs
            given().get(WalkingSkeletonIT.url("energy", "/api/v1/reports/web/energy/" + district + "/" + YEAR))
                    .then()
                    .statusCode(404);

            type("energy.primary.nonfossil", "150");
            wait.until(ExpectedConditions.attributeToBe(By.id("check"), "data-state", "valid"));
            assertThat(browser.findElement(nonfossilError).getText()).isEmpty();
            wait.until(d -> !d.findElements(By.cssSelector("#indicators tr")).isEmpty());

            browser.findElement(By.id("submit-report")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outcome"), "已保存"));
            wait.until(d -> d.findElements(By.cssSelector("#revisions tr")).size() == 1);
            given().get(WalkingSkeletonIT.url("energy", "/api/v1/reports/web/energy/" + district + "/" + YEAR))
                    .then()
                    .statusCode(200)
                    .body("revisions[0].sentBy", Matchers.equalTo("e2e-entry-clerk"));

            browser.findElement(By.id("submit-dataset")).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("dataset-state"), "data-state", "SUBMITTED"));
            assertThat(browser.findElement(By.id("dataset-state")).getText()).contains("已提交");
            wait.until(d -> d.findElements(By.cssSelector("#history tr")).size() == 1);
            assertThat(browser.findElement(By.cssSelector("#history tr")).getText())
                    .contains("e2e-entry-clerk");
            assertThat(browser.findElement(By.id("submit-report")).isEnabled()).isFalse();
            screenshot("staff-entry-submitted.png");
        } catch (RuntimeException | AssertionError e) {
            screenshot("staff-entry-failure.png");
            throw e;
        }
    }

    @Test
    void theUploadIsPreviewedRowByRowBeforeAnythingIsStored() throws IOException {
        String district = "370283";
        Path refused = Files.createTempFile("upload-", ".csv");
        Path clean = Files.createTempFile("upload-", ".csv");
        try {
            String header = "report_id,source,district,period,data_element,value,unit\n";
            String id = "e2e/upload/" + district + "/" + YEAR;
            String good = id + ",qd-energy-stats," + district + "," + YEAR + ",energy.primary.total,2000,tce\n" + id
                    + ",qd-energy-stats," + district + "," + YEAR + ",energy.primary.nonfossil,300,tce\n";
            Files.writeString(
                    refused,
                    header + good + "e2e/upload/370299/" + YEAR + ",qd-energy-stats,370299," + YEAR
                            + ",energy.primary.total,5,tce\n",
                    StandardCharsets.UTF_8);
            Files.writeString(clean, header + good, StandardCharsets.UTF_8);

            open("/staff/upload.html", Platform.token("feed:energy", "--name", "e2e-upload-clerk"));
            new Select(browser.findElement(By.id("sector"))).selectByValue("energy");
            browser.findElement(By.id("file")).sendKeys(refused.toString());
            browser.findElement(By.id("preview-button")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
            wait.until(d -> !d.findElements(By.cssSelector("#refused-rows tr")).isEmpty());
            assertThat(browser.findElements(By.cssSelector("#accepted-rows .row-chip")).stream()
                            .map(WebElement::getText)
                            .toList())
                    .containsExactly("2", "3");
            WebElement row = browser.findElement(By.cssSelector("#refused-rows tr"));
            assertThat(row.getAttribute("data-row")).isEqualTo("4");
            assertThat(row.getText()).contains("370299");
            assertThat(browser.findElement(By.id("preview-summary")).getAttribute("data-state"))
                    .isEqualTo("invalid");
            assertThat(browser.findElement(By.id("confirm-button")).isEnabled()).isFalse();
            screenshot("staff-upload.png");
            given().get(WalkingSkeletonIT.url("energy", "/api/v1/reports/" + id))
                    .then()
                    .statusCode(404);

            // a file input takes a new file in place of the last one
            browser.findElement(By.id("file")).sendKeys(clean.toString());
            browser.findElement(By.id("preview-button")).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("preview-summary"), "data-state", "valid"));
            assertThat(browser.findElements(By.cssSelector("#refused-rows tr"))).isEmpty();
            given().get(WalkingSkeletonIT.url("energy", "/api/v1/reports/" + id))
                    .then()
                    .statusCode(404);
            wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-button")))
                    .click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("stored")));
            assertThat(browser.findElement(By.id("stored-results")).getText())
                    .contains(id)
                    .contains("ACCEPTED");
            given().get(WalkingSkeletonIT.url("energy", "/api/v1/reports/" + id))
                    .then()
                    .statusCode(200)
                    .body("currentRevision", Matchers.equalTo(1));
        } catch (RuntimeException | AssertionError e) {
            screenshot("staff-upload-failure.png");
            throw e;
        } finally {
            Files.deleteIfExists(refused);
            Files.deleteIfExists(clean);
        }
    }

    @Test
    void theApprovalMatrixColoursTheStatesAndLetsTheDistrictsReviewerApprove() throws IOException {
        String district = "370281";
        String feed = "Bearer " + Platform.token("feed:energy", "--name", "e2e-energy-bureau");
        given().header("Authorization", feed)
                .contentType("application/json")
                .body(Map.of(
                        "reportId",
                        "e2e/matrix/" + district + "/" + YEAR,
                        "source",
                        "qd-energy-stats",
                        "orgUnit",
                        district,
                        "period",
                        YEAR,
                        "revision",
                        1,
                        "values",
                        List.of(Map.of("dataElement", "energy.primary.total", "value", 900.0, "unit", "tce"))))
                .post(WalkingSkeletonIT.url("energy", "/api/v1/reports"))
                .then()
                .statusCode(201);
        given().header("Authorization", feed)
                .contentType("application/json")
                .body(Map.of("orgUnit", district, "period", YEAR, "action", "SUBMIT"))
                .post(WalkingSkeletonIT.url("energy", "/api/v1/approvals"))
                .then()
                .statusCode(200);

        open(
                "/staff/approvals.html?period=" + YEAR,
                Platform.token(
                        "reviewer:energy", "reader", "--districts", district, "--name", "e2e-jiaozhou-reviewer"));
        try {
            By cell = By.cssSelector("td.cell[data-sector='energy'][data-org-unit='" + district + "']");
            wait.until(ExpectedConditions.attributeToBe(cell, "data-state", "SUBMITTED"));
            assertThat(colour(cell)).isEqualTo(SUBMITTED_BLUE);
            assertThat(browser.findElement(cell).getText()).contains("已提交");
            // every sector's column is there, each district a row
            assertThat(browser.findElements(By.cssSelector("#matrix-head th"))).hasSize(6);
            assertThat(browser.findElements(By.cssSelector("#matrix-body tr"))).hasSize(10);

            // another district's data set: this reviewer is offered nothing there
            browser.findElement(By.cssSelector("td.cell[data-sector='energy'][data-org-unit='370202']"))
                    .click();
            wait.until(ExpectedConditions.attributeToBe(By.id("detail"), "data-org-unit", "370202"));
            assertThat(browser.findElements(By.cssSelector("#detail-actions button")))
                    .isEmpty();

            browser.findElement(cell).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("detail"), "data-org-unit", district));
            assertThat(browser.findElements(By.cssSelector("#detail-actions button")).stream()
                            .map(b -> b.getAttribute("data-action"))
                            .toList())
                    .containsExactlyInAnyOrder("APPROVE", "RETURN");
            screenshot("staff-approvals.png");

            // to return needs a comment: the sector service says so, and nothing changes
            browser.findElement(By.cssSelector("#detail-actions button[data-action='RETURN']"))
                    .click();
            wait.until(ExpectedConditions.textMatches(By.id("detail-error"), Pattern.compile(".*comment.*")));
            assertThat(browser.findElement(cell).getAttribute("data-state")).isEqualTo("SUBMITTED");

            browser.findElement(By.cssSelector("#detail-actions button[data-action='APPROVE']"))
                    .click();
            wait.until(ExpectedConditions.attributeToBe(cell, "data-state", "APPROVED"));
            assertThat(colour(cell)).isEqualTo(APPROVED_AMBER);
            wait.until(d -> d.findElement(By.id("detail-history")).getText().contains("e2e-jiaozhou-reviewer"));
            given().queryParam("period", YEAR)
                    .get(WalkingSkeletonIT.url("energy", "/api/v1/approvals"))
                    .then()
                    .statusCode(200)
                    .body("dataSets.find { it.orgUnit == '" + district + "' }.state", Matchers.equalTo("APPROVED"))
                    .body(
                            "dataSets.find { it.orgUnit == '" + district + "' }.changedBy",
                            Matchers.equalTo("e2e-jiaozhou-reviewer"));
            screenshot("staff-approvals-approved.png");
        } catch (RuntimeException | AssertionError e) {
            screenshot("staff-approvals-failure.png");
            throw e;
        }
    }

    /**
     * The page, signed in with the token in the URL fragment (as the local run prints it), once it has loaded its data — of
     * the year the link asks for.
     */
    private void open(String path, String token) {
        browser.get(WalkingSkeletonIT.url("console", path) + "#token=" + token);
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        if (path.contains("period=")) {
            assertThat(new Select(browser.findElement(By.id("period")))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo(YEAR);
        }
    }

    private void type(String dataElement, String value) {
        WebElement input = browser.findElement(By.id("value-" + dataElement));
        input.clear();
        input.sendKeys(value);
    }

    private String colour(By cell) {
        return browser.findElement(cell)
                .getCssValue("background-color")
                .replace("rgba", "rgb")
                .replaceAll(", 1\\)$", ")");
    }

    private void screenshot(String name) throws IOException {
        chromium.screenshot(SCREENSHOTS.resolve(name));
    }
}
