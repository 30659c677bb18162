package io.synergy.console.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.kafka.PlatformKafka;
import io.synergy.model.kafka.KafkaAccess;
import io.synergy.model.kafka.KafkaAcl;
import io.synergy.model.kafka.Principals;
import io.synergy.testsupport.HeadlessChromium;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.TestTokens;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (the Debian chromium and chromium-driver packages, which .ci/run installs):
 * it is open while indicator events and their results arrive (results.v1, computed as the aggregation computes them:
 * {@link ResultsPublisher}), draws the synergy chart from the results, turns the rooftop-PV
 * traffic light from amber to green when a revision arrives — pushed by the server-sent events, without a reload — stays
 * on the latest settled year when a new year begins and marks that year provisional, shows no grade for a year that
 * cannot be scored, and leaves a screenshot in target/screenshots/dashboard.png (docs/images/dashboard.png).
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class DashboardBrowserTest {

    // no profile of its own (one application boot for the module): results.v1 holds only the results this test
    // publishes

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String GREEN = "rgb(30, 158, 74)";
    private static final String AMBER = "rgb(242, 169, 59)";

    @TestHTTPResource("/")
    URL dashboard;

    private HeadlessChromium chromium;
    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        chromium = HeadlessChromium.start("dashboard", 1600, 1000);
        browser = chromium.browser();
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theDashboardFollowsTheResultsLive() throws Exception {
        try {
            followResults();
        } catch (RuntimeException | AssertionError e) {
            // what the page showed when it failed is the first thing to look at
            chromium.screenshot(Path.of("target", "screenshots", "dashboard-failure.png"));
            throw e;
        }
    }

    private void followResults() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200));
        // the page rebuilds its year options and cards as results arrive: an element can go stale between two looks
        wait.ignoring(StaleElementReferenceException.class);
        // an official's token (reader; ops for the pipeline panel) arrives in the URL fragment, as the local run prints
        // it
        browser.get(dashboard.toString() + "#token=" + TestTokens.token("reader", "ops"));
        // the server-sent event stream is open before any data arrives: what follows must come through it
        wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "live"));

        try (DashboardDataSet data = new DashboardDataSet(KafkaBroker.bootstrapServers())) {
            data.publishBaseline();
            // the data set has four sectors: no year is complete by itself, so ops close 2020–2024 with what they have
            data.closeYears();
            // the page opens on the latest settled year without being told
            wait.until(d -> "2024".equals(selectedYear()));
            // the year's assessment report is a link away: the aggregation's page, at its configured address (issue 16)
            By report = By.id("report-link");
            wait.until(ExpectedConditions.visibilityOfElementLocated(report));
            wait.until(ExpectedConditions.attributeToBe(
                    report,
                    "href",
                    "https://aggregation.example.org/synergy/api/v1/assessment/report?period=2024&orgUnit=370200"));

            By rooftopPv = By.cssSelector(".light-card[data-indicator='B2']");
            wait.until(ExpectedConditions.attributeToBe(rooftopPv, "data-status", "LAGGING"));
            assertThat(lightColour(rooftopPv)).isEqualTo(AMBER);
            wait.until(d -> chartDrawn("chart-synergy"));
            assertThat(Integer.parseInt(
                            browser.findElement(By.id("chart-synergy")).getAttribute("data-points")))
                    .isGreaterThanOrEqualTo(2);
            assertThat(browser.findElement(By.id("kpi-d")).getText()).matches("0\\.\\d{3}");
            assertThat(browser.findElement(By.id("kpi-provisional")).isDisplayed())
                    .isFalse();

            data.publishRooftopPvRevision();
            wait.until(ExpectedConditions.attributeToBe(rooftopPv, "data-status", "ACHIEVED"));
            assertThat(lightColour(rooftopPv)).isEqualTo(GREEN);
            assertThat(browser.findElement(rooftopPv).getText())
                    .contains("已完成")
                    .contains("achieved")
                    .contains("55.00 %");
            showsTheOfficialFigureBesideTheLatest(data);

            // 2025 begins: offered and marked provisional, but the page stays on 2024, whose figures do not move
            String d2024 = browser.findElement(By.id("kpi-d")).getText();
            data.publishPartialYear();
            By chip2025 = By.cssSelector(".year-state[data-year='2025']");
            wait.until(ExpectedConditions.attributeToBe(chip2025, "data-state", "PROVISIONAL"));
            assertThat(browser.findElement(chip2025).getText())
                    .contains("暂定")
                    .contains("provisional")
                    .contains("/19");
            wait.until(d -> browser.findElement(By.cssSelector("#year option[value='2025']"))
                    .getText()
                    .contains("暂定"));
            wait.until(ExpectedConditions.attributeContains(By.id("chart-synergy"), "data-provisional", "2025"));
            assertThat(selectedYear()).isEqualTo("2024");
            assertThat(browser.findElement(By.id("kpi-d")).getText()).isEqualTo(d2024);
            assertThat(browser.findElement(By.id("provisional-banner")).isDisplayed())
                    .isFalse();
            showsEveryPanelAndTheProvisionalYear();
            // a year that cannot be scored shows no D and no grade, only why
            data.publishYearWithoutPollution();
        }
        showsWhyAYearCannotBeScored();
    }

    /**
     * Issue 15: nothing is accepted yet — the official D is empty beside the latest, the count says 0 of 50 and the page
     * says the two differ; once the city accepts every data set of the years, the official figures are the latest ones.
     */
    private void showsTheOfficialFigureBesideTheLatest(DashboardDataSet data) {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
        By views = By.id("views");
        wait.until(ExpectedConditions.attributeToBe(views, "data-differs", "true"));
        assertThat(browser.findElement(views).getText())
                .contains("审定口径 official D")
                .contains("最新口径 latest D")
                .contains("已审定 0 / 50 个数据集")
                .contains("accepted 0 of 50 data sets");
        assertThat(browser.findElement(By.cssSelector("#views [data-view='official'] b"))
                        .getText())
                .isEqualTo("–");
        assertThat(browser.findElement(By.cssSelector("#views [data-view='latest'] b"))
                        .getText())
                .isEqualTo(browser.findElement(By.id("kpi-d")).getText());
        By rooftopPvOfficial = By.cssSelector(".light-card[data-indicator='B2'] dd[data-view='official']");
        assertThat(browser.findElement(rooftopPvOfficial).getText()).isEqualTo("–");

        data.acceptYears();
        wait.until(ExpectedConditions.attributeToBe(views, "data-differs", "false"));
        assertThat(browser.findElement(views).getText()).contains("已审定 50 / 50 个数据集");
        assertThat(browser.findElement(By.cssSelector("#views [data-view='official'] b"))
                        .getText())
                .isEqualTo(browser.findElement(By.id("kpi-d")).getText());
        assertThat(browser.findElement(By.id("kpi-d-official")).getText()).contains("50/50");
        wait.until(ExpectedConditions.textToBe(rooftopPvOfficial, "55.00 %"));
    }

    private void showsEveryPanelAndTheProvisionalYear() throws IOException {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
        for (String chart : List.of("chart-districts", "chart-quadrant", "chart-lag", "chart-freshness")) {
            wait.until(d -> chartDrawn(chart));
        }
        // the pipeline panel was refreshed with the new results: the indicator topic shows the events it carried
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("""
                return [...document.querySelectorAll('#topics tr')].some(tr => tr.cells.length > 2
                    && tr.cells[0].textContent === 'indicators.building.v1' && tr.cells[2].textContent !== '0');""")));
        assertThat(browser.findElements(By.cssSelector(".light-card"))).hasSizeGreaterThanOrEqualTo(10);

        chromium.screenshot(Path.of("target", "screenshots", "dashboard.png"));

        // the provisional year, chosen: badge and banner say what it rests on
        new Select(browser.findElement(By.id("year"))).selectByValue("2025");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("provisional-banner")));
        assertThat(browser.findElement(By.id("provisional-banner")).getText())
                .contains("暂定 provisional")
                .contains("/ 19 项指标 indicators")
                .contains("/ 10 区(市) districts");
        assertThat(browser.findElement(By.id("kpi-provisional")).isDisplayed()).isTrue();
        wait.until(d -> browser.findElement(By.id("kpi-d")).getText().matches("[01]\\.\\d{3}"));
        chromium.screenshot(Path.of("target", "screenshots", "dashboard-provisional.png"));
    }

    private void showsWhyAYearCannotBeScored() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(d -> {
            new Select(d.findElement(By.id("year")))
                    .selectByValue(Integer.toString(
                            DashboardDataSet.UNCOMPUTABLE)); // NoSuchElementException until it has results
            return true;
        });
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("kpi-grade"), "no indicator left"));
        assertThat(browser.findElement(By.id("kpi-d")).getText()).isEqualTo("–");
        assertThat(browser.findElement(By.id("kpi-grade")).getText())
                .doesNotContain("协调")
                .doesNotContain("失调");
        assertThat(browser.findElement(By.id("kpi-provisional")).isDisplayed()).isTrue();

        // Kafka refusing the ops principal an ACL is shown as such, not as Kafka being down
        KafkaAcl describeGroup = new KafkaAcl(
                Principals.OPS,
                KafkaAcl.Resource.GROUP,
                KafkaAccess.AGGREGATION_GROUP,
                KafkaAcl.Pattern.LITERAL,
                KafkaAcl.Operation.DESCRIBE);
        try (Admin admin = Admin.create(KafkaBroker.clientProperties(Principals.ADMIN))) {
            try {
                PlatformKafka.revoke(admin, describeGroup);
                wait.until(ExpectedConditions.attributeToBe(By.id("chart-lag"), "data-state", "denied"));
                assertThat(browser.findElement(By.id("chart-lag")).getText())
                        .contains("Kafka 未授权")
                        .contains("GroupAuthorizationException");
                assertThat(browser.findElement(By.id("pipeline-badges")).getText())
                        .contains("not authorised")
                        .doesNotContain("unreachable");
            } finally {
                PlatformKafka.provisionAcls(admin);
            }
        }

        assertThat(chromium.scriptErrors()).as("JavaScript errors in the page").isEmpty();
    }

    private String selectedYear() {
        return new Select(browser.findElement(By.id("year")))
                .getFirstSelectedOption()
                .getAttribute("value");
    }

    private String lightColour(By card) {
        WebElement light = browser.findElement(card).findElement(By.cssSelector(".light"));
        return light.getCssValue("background-color").replace("rgba", "rgb").replaceAll(", 1\\)$", ")");
    }

    /** The panel holds an ECharts canvas with at least one series that has data. */
    private boolean chartDrawn(String id) {
        Object drawn = ((JavascriptExecutor) browser).executeScript("""
                const el = document.getElementById(arguments[0]);
                const chart = el && window.echarts && echarts.getInstanceByDom(el);
                if (!chart || el.dataset.state !== 'ready' || !el.querySelector('canvas')) return false;
                return chart.getOption().series.some(s => (s.data || []).some(v => v != null && (v.value ?? v) != null));""", id);
        return Boolean.TRUE.equals(drawn);
    }
}
