package io.ptn.price.health;

import io.ptn.price.feed.simulated.SimulatedProvider;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gauges the alert rules use say what /q/health/ready says, in both directions of an outage. */
@QuarkusTest
@TestProfile(FeedOutageTest.ShortWindows.class)
public class FeedMetricsTest {

    @Inject
    SimulatedProvider simulated;

    @AfterEach
    void resume() {
        simulated.resume();
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one exact series line, e.g. {@code price_ready} or {@code price_provider_state{...}}. */
    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertTrue(m.find(), series + " not exported in\n" + metrics.lines().filter(l -> l.startsWith("price_"))
                .reduce("", (a, b) -> a + b + "\n"));
        return Double.parseDouble(m.group(1));
    }

    private static int healthFreshPairs() {
        JsonPath health = given().get("/q/health/ready").then().extract().jsonPath();
        return health.getInt("checks.find { it.name == 'prices-fresh' }.data.freshPairs");
    }

    @Test
    void readinessProviderAndStreamStateFollowAnOutage() {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        // a gauge snapshot lives at most one second: a scrape right after the check turned UP may still read the last
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String up = metrics();
            assertEquals(1.0, value(up, "price_ready"));
            assertEquals(2.0, value(up, "price_pairs_open"), "BTCUSD and ETHUSD are enabled, crypto never closes");
            assertEquals(2.0, value(up, "price_pairs_fresh"));
            assertEquals(1.0, value(up, "price_provider_state{provider=\"simulated\",state=\"CONNECTED\"}"));
            assertEquals(0.0, value(up, "price_provider_state{provider=\"simulated\",state=\"DEGRADED\"}"));
            assertEquals(1.0, value(up,
                    "price_stream_state{provider=\"simulated\",state=\"CONNECTED\",stream=\"simulated:crypto\"}"));
            assertTrue(value(up, "price_provider_last_event_age_seconds{provider=\"simulated\"}") < 5);
        });

        simulated.halt();

        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/ready").statusCode() == 503);
        // a gauge snapshot lives at most one second: the next scrape agrees with the check
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String down = metrics();
            assertEquals(0.0, value(down, "price_ready"), "price_ready");
            assertEquals(0.0, value(down, "price_pairs_fresh"), "price_pairs_fresh");
            assertEquals(healthFreshPairs(), (int) value(down, "price_pairs_fresh"), "gauge and check agree");
            assertEquals(0.0, value(down,
                    "price_stream_state{provider=\"simulated\",state=\"CONNECTED\",stream=\"simulated:crypto\"}"),
                    "crypto stream no longer CONNECTED");
        });

        simulated.resume();
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(1.0, value(metrics(), "price_ready")));
    }
}
