package io.ptn.price.health;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 3: readiness is DOWN only when no provider can give fresh prices. Here Coinbase is down (nothing listens on
 * its stream or REST address) while the simulated feed serves: the instance stays ready, and the readiness data shows
 * each provider's state.
 */
@QuarkusTest
@TestProfile(ProviderOutageReadinessTest.CoinbaseDown.class)
class ProviderOutageReadinessTest {

    static final String FRESH = "checks.find { it.name == 'prices-fresh' }";

    public static class CoinbaseDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int closed = closedPort();
            return Map.of("price.providers", "simulated,coinbase",
                    "coinbase.ws-url", "ws://127.0.0.1:" + closed,
                    "coinbase.rest-url", "http://127.0.0.1:" + closed,
                    "price.supervisor.backoff-initial", "100ms",
                    "price.supervisor.backoff-max", "500ms");
        }

        private static int closedPort() {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort(); // closed again at once: connections to it are refused
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void oneProviderDownWhileAnotherServesKeepsReadinessUp() {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String coinbase = given().get("/q/health/ready").path(FRESH + ".data.'provider.coinbase'");
            return coinbase != null && coinbase.startsWith("state=DEGRADED") && !coinbase.contains("reconnects=0");
        });
        given().get("/q/health/ready").then().statusCode(200)
                .body(FRESH + ".status", equalTo("UP"))
                .body(FRESH + ".data.'provider.simulated'", startsWith("state=CONNECTED"))
                .body(FRESH + ".data.'provider.simulated'", not(containsString("freshPairs=0 ")))
                .body(FRESH + ".data.'provider.coinbase'", containsString("freshPairs=0 "))
                .body(FRESH + ".data.'provider.coinbase'", containsString("streamsConnected=0/"))
                .body(FRESH + ".data.'stream.coinbase:crypto'", startsWith("state=DEGRADED"));
        given().get("/q/health/live").then().statusCode(200);

        // REST fallbacks (a time no streamed event covers) hit the dead Coinbase REST too: the caller is still
        // answered by the simulated provider and readiness shows Coinbase's REST side degraded
        long at = System.currentTimeMillis() - 60_000;
        for (int i = 0; i < 3; i++) {
            given().get("/api/v1/prices/BTCUSD?at=" + (at + i * 1000)).then().statusCode(200)
                    .body("sources[0].source", startsWith("simulated"));
        }
        given().get("/q/health/ready").then().statusCode(200)
                .body(FRESH + ".data.'provider.coinbase'", containsString("rest=DEGRADED"))
                .body(FRESH + ".data.'provider.coinbase'", containsString("restLastError="));
        given().get("/api/v1/prices/BTCUSD").then().statusCode(200).body("stale", equalTo(false));
    }
}
