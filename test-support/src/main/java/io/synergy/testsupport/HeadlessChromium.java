package io.synergy.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium for the browser tests (the console's dashboard, the staff pages end to end): the Debian
 * chromium and chromium-driver packages, which .ci/run installs, driven with Selenium. Each browser has a profile of its
 * own in a temporary folder, which {@link #close()} deletes, Chinese as the page language, and keeps the page's console
 * log, so that a test can assert the page raised no script error. A module that uses it declares Selenium itself (this
 * library's dependency on it is optional).
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriverService service;
    private final WebDriver browser;
    private final Path profile;
    private final int width;

    private HeadlessChromium(ChromeDriverService service, WebDriver browser, Path profile, int width) {
        this.service = service;
        this.browser = browser;
        this.profile = profile;
        this.width = width;
    }

    /**
     * Starts a browser whose window is {@code width} × {@code height} pixels.
     *
     * @param name names the temporary profile folder (which test it is)
     */
    public static HeadlessChromium start(String name, int width, int height) throws IOException {
        assertThat(CHROMIUM)
                .as("chromium is installed (apt-get install chromium chromium-driver; .ci/run does it)")
                .isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver is installed").isExecutable();
        Path profile = Files.createTempDirectory(name + "-chromium-");
        // the driver binary is given, so Selenium Manager never looks for (or downloads) one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height,
                "--lang=zh-CN");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new HeadlessChromium(service, new ChromeDriver(service, options), profile, width);
    }

    /** The browser, for the test to drive. */
    public WebDriver browser() {
        return browser;
    }

    /**
     * The script errors the pages raised so far (the console log's SEVERE entries), but for a resource that failed to
     * load: an answer 4xx or 5xx that the page handles is logged so as well.
     */
    public List<String> scriptErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel() == Level.SEVERE)
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
    }

    /** A screenshot of the whole page into {@code file}: the window is made as tall as the page first. */
    public void screenshot(Path file) throws IOException {
        Object height = ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(width, ((Number) height).intValue() + 20));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.copy(
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                file,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Quits the browser, stops its driver and deletes its profile. */
    @Override
    public void close() throws IOException {
        try {
            browser.quit();
        } finally {
            service.stop();
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
