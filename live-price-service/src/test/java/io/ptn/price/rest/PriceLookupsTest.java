package io.ptn.price.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** {@code POST /api/v1/prices/at}: many (pair, instant) look-ups in one call, over the simulated feed. */
@QuarkusTest
public class PriceLookupsTest {

    private static String body(Object... pairAndAt) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < pairAndAt.length; i += 2) {
            items.add("{\"tradePair\":\"" + pairAndAt[i] + "\",\"atMs\":" + pairAndAt[i + 1] + "}");
        }
        return "{\"lookups\":[" + String.join(",", items) + "]}";
    }

    private static Response post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/prices/at");
    }

    @Test
    void eachLookupIsAnsweredAsTheSingleFormAtThatInstant() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "simulated_ws".equals(
                given().get("/api/v1/prices/BTCUSD").then().extract().path("sources[0].source")));
        long now = System.currentTimeMillis();
        long recent = now - 2_000;      // in the stream buffer
        long old = now - 3_600_000;     // beyond the buffer: REST
        long ahead = now + 3_600_000;   // no price near it: stale
        Response r = post(body("BTCUSD", recent, "ETHUSD", old, "BTCUSD", ahead)).then().statusCode(200)
                .contentType("application/json")
                .body("results", hasSize(3))
                .body("results.status", everyItem(equalTo(200)))
                .body("results[0].tradePair", equalTo("BTCUSD")).body("results[0].atMs", equalTo(recent))
                .body("results[0].price.sources[0].source", equalTo("simulated_ws"))
                .body("results[0].price.stale", equalTo(false))
                .body("results[1].tradePair", equalTo("ETHUSD"))
                .body("results[1].price.sources[0].source", equalTo("simulated_rest"))
                .body("results[1].price.stale", equalTo(false))
                .body("results[2].price.stale", equalTo(true))
                .extract().response();
        // sorted by distance to the instant asked for, each lag measured to it
        List<Integer> lags = r.path("results[0].price.sources.lagMs");
        for (int i = 1; i < lags.size(); i++) {
            assertEquals(true, lags.get(i - 1) <= lags.get(i), "sorted " + lags);
        }
        // the same instant through the single form gives the same best source
        given().queryParam("at", recent).get("/api/v1/prices/BTCUSD").then().statusCode(200)
                .body("sources[0].startMs", equalTo(r.<Number>path("results[0].price.sources[0].startMs").longValue()))
                .body("price", equalTo(r.<Float>path("results[0].price.price")));
        r.then().body("results[0].price.sources[0].lagMs", lessThanOrEqualTo(8000))
                .body("results[1].price.sources[0].lagMs", greaterThanOrEqualTo(0));
    }

    @Test
    void badLookupsAre400NamingTheField() {
        long now = System.currentTimeMillis();
        post("{").then().statusCode(400).contentType("application/problem+json").body("field", equalTo("lookups"));
        post("{}").then().statusCode(400).body("field", equalTo("lookups"));
        post("{\"lookups\":[]}").then().statusCode(400).body("field", equalTo("lookups"));
        post("{\"lookups\":{}}").then().statusCode(400).body("field", equalTo("lookups"));
        post(body("BTCUSD", now, "FOO", now)).then().statusCode(400).body("field", equalTo("lookups[1].tradePair"));
        post("{\"lookups\":[{\"atMs\":" + now + "}]}").then().statusCode(400).body("field", equalTo("lookups[0].tradePair"));
        post(body("BTCUSD", "\"x\"")).then().statusCode(400).body("field", equalTo("lookups[0].atMs"));
        post(body("BTCUSD", "1.5")).then().statusCode(400).body("field", equalTo("lookups[0].atMs"));
        post(body("BTCUSD", 946684799999L)).then().statusCode(400).body("field", equalTo("lookups[0].atMs"));
        post(body("BTCUSD", now + 2 * 86_400_000L)).then().statusCode(400).body("field", equalTo("lookups[0].atMs"));
        post("{\"lookups\":[{\"tradePair\":\"BTCUSD\"}]}").then().statusCode(400).body("field", equalTo("lookups[0].atMs"));
        Object[] many = new Object[2 * (PriceResource.MAX_LOOKUPS + 1)];
        for (int i = 0; i < many.length; i += 2) {
            many[i] = "BTCUSD";
            many[i + 1] = now - 1000;
        }
        post(body(many)).then().statusCode(400).body("field", equalTo("lookups"));
        Object[] max = java.util.Arrays.copyOf(many, 2 * PriceResource.MAX_LOOKUPS);
        post(body(max)).then().statusCode(200).body("results", hasSize(PriceResource.MAX_LOOKUPS));
        given().contentType(ContentType.TEXT).body("x").post("/api/v1/prices/at").then().statusCode(415);
    }
}
