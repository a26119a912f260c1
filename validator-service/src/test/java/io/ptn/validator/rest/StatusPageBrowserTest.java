package io.ptn.validator.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.ptn.validator.FastFaultToleranceProfile;
import io.ptn.validator.InjectWireMock;
import io.ptn.validator.Orders;
import io.ptn.validator.PriceHealthStubs;
import io.ptn.validator.PriceStubs;
import io.ptn.validator.service.DrawdownHistory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The status page in a real browser: Debian's chromium driven through its chromedriver (both required: installed by
 * .ci/run; this test fails rather than skips without them). Screenshots go to target/status-page*.png.
 */
@QuarkusTest
@TestProfile(FastFaultToleranceProfile.class)
@WithTestResource(StatusPriceServices.ForBrowser.class)
class StatusPageBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @InjectWireMock
    WireMockServer wm;

    @Inject
    DrawdownHistory history;

    @TestHTTPResource("/status/")
    URL page;

    private ChromeDriver driver;
    private ChromeDriverService service;

    @BeforeEach
    void startBrowser() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver");
        Path profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1400",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log")).build();
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void showsBothSidesAMinerAfterAnOrderAndThePriceServiceDown() throws IOException {
        PriceHealthStubs.up(wm);
        PriceStubs.price(wm, "BTCUSD", 65000, 0, 0);
        String uuid = UUID.randomUUID().toString();
        Orders.post("m21", Orders.body(uuid, "m21", "BTCUSD", "LONG", 0.3)).statusCode(201);
        history.sample();
        history.sample();

        driver.get(page + "?refresh=1");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals("UP", text("price-status"));
            assertFalse(driver.findElements(By.cssSelector("#miners tr[data-hotkey='m21']")).isEmpty(), "miner row");
        });
        WebElement miner = driver.findElement(By.cssSelector("#miners tr[data-hotkey='m21']"));
        assertTrue(miner.getText().contains("-0.03 %"), "return of a 0.3 BTC long after its 0.1 % fee: " + miner.getText());
        assertFalse(miner.findElements(By.cssSelector("svg.chart polyline")).isEmpty(), "drawdown chart drawn");
        WebElement order = driver.findElement(By.cssSelector("#orders tr[data-order='" + uuid + "']"));
        assertTrue(order.getText().contains("BTCUSD") && order.getText().contains("LONG"), order.getText());
        WebElement provider = driver.findElement(By.cssSelector("#providers tr[data-provider='simulated']"));
        assertTrue(provider.getText().contains("CONNECTED") && provider.getText().contains("38"), provider.getText());
        assertEquals("UP", text("prices-status"));
        String source = driver.getPageSource();
        assertFalse(source.contains("token-m21"), "no miner token on the page");
        screenshot("target/status-page.png");

        wm.stop(); // the price service goes away
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals("DOWN", text("price-status"));
            assertTrue(text("price-detail").contains("no health answer"), text("price-detail"));
        });
        assertTrue(driver.findElement(By.id("unreachable")).getAttribute("hidden") != null,
                "the validator itself still answers");
        screenshot("target/status-page-price-down.png");
        driver.manage().window().setSize(new Dimension(390, 1400));
        screenshot("target/status-page-phone.png");

        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertEquals(List.of(), errors.stream().map(LogEntry::toString).toList(), "console errors or warnings");
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private void screenshot(String path) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of(path), StandardCopyOption.REPLACE_EXISTING);
    }
}
