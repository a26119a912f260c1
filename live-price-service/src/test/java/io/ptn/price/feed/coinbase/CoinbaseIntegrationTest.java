package io.ptn.price.feed.coinbase;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The running service with only the keyless provider: real-shaped crypto prices without any key configured. */
@QuarkusTest
@QuarkusTestResource(value = CoinbaseUpstreamResource.class, restrictToAnnotatedClass = true)
class CoinbaseIntegrationTest {

    @Test
    void keylessTickersReachThePriceApi() {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Response r = given().get("/api/v1/prices/ETHUSD");
            return r.statusCode() == 200 && "coinbase_ws".equals(r.path("sources[0].source"));
        });
        given().get("/api/v1/prices/ETHUSD").then().statusCode(200)
                .body("price", equalTo(2841.5f))
                .body("bid", equalTo(2841.49f))
                .body("ask", equalTo(2841.5f))
                .body("stale", equalTo(false));
    }

    @Test
    void aFailingRestFallbackDegradesTheProviderWithoutFailingTheCaller() {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/v1/prices/ETHUSD").statusCode() == 200);
        // a time the stream never covered, and Coinbase REST answers 503 three times in a row: the caller still gets
        // the streamed candidates, flagged stale, never an error from the provider
        for (int i = 0; i < 3; i++) {
            given().get("/api/v1/prices/ETHUSD?at=1764000000000").then().statusCode(200)
                    .body("stale", equalTo(true))
                    .body("sources[0].source", equalTo("coinbase_ws"));
        }
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'upstream-providers' }.data['coinbase.rest']", startsWith("state=DEGRADED"));
    }
}
