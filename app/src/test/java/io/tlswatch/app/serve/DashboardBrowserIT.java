package io.tlswatch.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tlswatch.app.run.ServedPipeline;
import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.app.testing.PipelineSettings;
import io.tlswatch.processors.TlswatchConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; skipped, saying so,
 * where they are missing): the failing VIP at the top of the fleet, its alert with its hint, its page with the
 * hostile SNI shown as text and never run. Screenshots go to {@code target/screenshots/}.
 */
class DashboardBrowserIT {
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PACKET_KEY = DashboardTraffic.PACKET_OBSERVER + "/" + DashboardTraffic.PACKET_VIP;

    /** Held, so the level stays: Selenium warns it has no DevTools binding for this Chromium (WebDriver only here). */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    @TempDir
    Path stateDir;

    private ServedPipeline served;
    private ChromeDriver browser;

    @BeforeEach
    void startBrowser() {
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
        Optional<Path> chromium = onPath("chromium", "chromium-browser", "google-chrome");
        Optional<Path> driver = onPath("chromedriver").or(() -> exists(Path.of("/usr/lib/chromium/chromedriver")));
        Assumptions.assumeTrue(chromium.isPresent() && driver.isPresent(),
                "no chromium and chromedriver on this machine (apt-get install chromium chromium-driver): "
                        + "the browser test is skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1800", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (served != null) {
            served.close();
        }
    }

    @Test
    void anOperatorSeesTheFailingVipItsAlertAndItsPageWithDataAsText() throws Exception {
        Map<String, String> settings = PipelineSettings.of(KAFKA, KAFKA.uniqueName("web"), stateDir);
        settings.putAll(Map.of("join.wait", "1s", "rates.bucket", "1s", "rates.every", "1s", "alerts.window", "20s",
                "alerts.window.long", "60s", "alerts.warmup", "0s", "alerts.check.every", "500ms", "http.port", "0"));
        TlswatchConfig config = TlswatchConfig.of(settings);
        served = ServedPipeline.start(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        assertThat(served.pipeline().awaitRunning(WAIT)).isTrue();
        DashboardTraffic.send(KAFKA, config.topics());

        browser.get(served.web().url());
        // the fleet: the VIP failing in packets first (100 % of its handshakes), its alert with the hint
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            List<WebElement> rows = browser.findElements(By.cssSelector("table.fleet tbody tr"));
            assertThat(rows).hasSizeGreaterThanOrEqualTo(8);
            assertThat(rows.get(0).getAttribute("data-key")).isEqualTo(PACKET_KEY);
            assertThat(rows.get(0).getText()).contains("100 %", "FIRING");
            WebElement alert = browser.findElement(By.cssSelector(
                    ".alert[data-key^='tlswatch/" + DashboardTraffic.PACKET_OBSERVER + "/']"));
            assertThat(alert.findElement(By.cssSelector(".hint-text")).getText()).contains("openssl");
            assertThat(alert.findElements(By.cssSelector(".tally .value"))).extracting(WebElement::getText)
                    .contains(DashboardTraffic.HOSTILE_SNI);
            // the expired certificates of seven VIPs of one BIG-IP: one storm alert, the VIPs listed under it
            WebElement storm = browser.findElement(By.cssSelector(
                    ".alert[data-key='tlswatch/" + DashboardTraffic.LOG_OBSERVER + "/*/cert_expired']"));
            assertThat(storm.getText()).contains("several VIPs on " + DashboardTraffic.LOG_OBSERVER);
            assertThat(storm.findElements(By.cssSelector(".covered"))).hasSize(1);
        });
        screenshot("dashboard-fleet.png");
        assertNothingRan();

        // the VIP's page, through its link: the hostile SNI in the top SNIs and the recent failures, as text
        browser.findElement(By.cssSelector("tr[data-key='" + PACKET_KEY + "'] a.vip-link")).click();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.findElement(By.cssSelector("nav.crumbs")).getText())
                    .contains(DashboardTraffic.PACKET_VIP);
            assertThat(browser.findElements(By.cssSelector("td.sni"))).hasSize(DashboardTraffic.PACKET_FAILURES)
                    .allSatisfy(td -> assertThat(td.getText()).isEqualTo(DashboardTraffic.HOSTILE_SNI));
            assertThat(browser.findElements(By.cssSelector(".tally .value"))).extracting(WebElement::getText)
                    .contains(DashboardTraffic.HOSTILE_SNI);
            assertThat(browser.findElements(By.cssSelector("svg.chart rect"))).isNotEmpty();
        });
        screenshot("dashboard-vip.png");
        assertNothingRan();
    }

    /** No element made of the SNI's markup, and none of its scripts ran. */
    private void assertNothingRan() {
        JavascriptExecutor js = browser;
        assertThat(js.executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(js.executeScript("return document.querySelectorAll('#view img, #view script').length"))
                .isEqualTo(0L);
        assertThat(js.executeScript("return document.scripts.length")).as("the page's own two scripts").isEqualTo(2L);
    }

    private void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static Optional<Path> onPath(String... names) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(names).flatMap(n -> Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, n)))
                .filter(Files::isExecutable).findFirst();
    }

    private static Optional<Path> exists(Path p) {
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
}
