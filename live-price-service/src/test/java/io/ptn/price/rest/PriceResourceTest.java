package io.ptn.price.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
public class PriceResourceTest {

    private static void awaitStreamedPrice() {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "simulated_ws".equals(given().get("/api/v1/prices/BTCUSD").then().extract().path("sources[0].source")));
    }

    @Test
    void latestPriceComesFromTheStreamAndIsFresh() {
        awaitStreamedPrice();
        Response r = given().get("/api/v1/prices/BTCUSD").then().statusCode(200)
                .contentType("application/json")
                .body("tradePair", equalTo("BTCUSD"))
                .body("stale", equalTo(false))
                .body("stalenessLimitMs", equalTo(30000))
                .body("marketOpen", equalTo(true))
                .body("ageMs", greaterThanOrEqualTo(0))
                .body("sources[0].websocket", equalTo(true))
                .body("sources[0].timespanMs", equalTo(0))
                .extract().response();
        double price = r.<Number>path("price").doubleValue();
        double bid = r.<Number>path("bid").doubleValue();
        double ask = r.<Number>path("ask").doubleValue();
        assertTrue(bid < price && price < ask && price > 10_000 && price < 300_000, "price " + price);
        assertEquals(r.<Number>path("sources[0].open").doubleValue(), price);
        assertEquals(r.<Number>path("sources[0].startMs").longValue(), r.<Number>path("timestampMs").longValue());
    }

    @Test
    void historicalPriceBeyondTheGateUsesRestAndIsStale() {
        long at = System.currentTimeMillis() - 3_600_000;
        given().queryParam("at", at).get("/api/v1/prices/BTCUSD").then().statusCode(200)
                .body("sources[0].source", equalTo("simulated_rest"))
                .body("sources[0].lagMs", lessThan(1000))
                .body("stale", equalTo(false))
                .body("sources.lagMs", everyItem(greaterThanOrEqualTo(0)));
        given().queryParam("at", System.currentTimeMillis() + 3_600_000).get("/api/v1/prices/BTCUSD").then().statusCode(200)
                .body("stale", equalTo(true));
    }

    @Test
    void unknownPairIs404() {
        given().get("/api/v1/prices/FOO").then().statusCode(404).contentType("application/problem+json")
                .body("field", equalTo("id")).body("detail", equalTo("unknown trade pair"));
    }

    @Test
    void badAtIs400() {
        for (String bad : new String[] {"abc", "1.5", "-1", "12e5", "946684799999", Long.toString(System.currentTimeMillis() + 2 * 86_400_000L)}) {
            given().queryParam("at", bad).get("/api/v1/prices/BTCUSD").then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("at")).body("status", equalTo(400));
        }
    }

    @Test
    void batchReportsEachPairOnItsOwn() {
        awaitStreamedPrice();
        given().queryParam("pairs", "BTCUSD, ethusd,FOO").get("/api/v1/prices").then().statusCode(200)
                .body("results", hasSize(3))
                .body("results[0].tradePair", equalTo("BTCUSD")).body("results[0].status", equalTo(200))
                .body("results[0].price.tradePair", equalTo("BTCUSD")).body("results[0].price.price", greaterThan(0f))
                .body("results[1].tradePair", equalTo("ETHUSD")).body("results[1].status", equalTo(200))
                .body("results[2].tradePair", equalTo("FOO")).body("results[2].status", equalTo(404))
                .body("results[2].detail", equalTo("unknown trade pair"));
    }

    @Test
    void batchLimitsAndBadListsAre400() {
        String tooMany = String.join(",", Collections.nCopies(65, "BTCUSD"));
        given().queryParam("pairs", tooMany).get("/api/v1/prices").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("pairs"));
        given().queryParam("pairs", String.join(",", Collections.nCopies(64, "BTCUSD"))).get("/api/v1/prices")
                .then().statusCode(200).body("results", hasSize(64))
                // the largest batch (about 30 KB) fits the output buffer: one write with its length, not chunks
                .header("Content-Length", notNullValue()).header("Transfer-Encoding", nullValue());
        given().get("/api/v1/prices").then().statusCode(400).body("field", equalTo("pairs"));
        given().queryParam("pairs", "BTCUSD,,ETHUSD").get("/api/v1/prices").then().statusCode(400).body("field", equalTo("pairs"));
        given().queryParam("pairs", "BTCUSD").queryParam("at", "x").get("/api/v1/prices").then().statusCode(400)
                .body("field", equalTo("at"));
    }

    @Test
    void quoteHasBidBelowAsk() {
        awaitStreamedPrice();
        Response r = given().get("/api/v1/prices/EURUSD/quote").then().statusCode(200)
                .body("tradePair", equalTo("EURUSD")).body("timestampMs", notNullValue())
                .body("ageMs", greaterThanOrEqualTo(0)).extract().response();
        double bid = r.<Number>path("bid").doubleValue();
        double ask = r.<Number>path("ask").doubleValue();
        double mid = r.<Number>path("mid").doubleValue();
        assertTrue(bid > 0 && bid < mid && mid < ask, bid + " " + mid + " " + ask);
        given().get("/api/v1/prices/FOO/quote").then().statusCode(404).body("field", equalTo("id"));
        given().queryParam("at", "never").get("/api/v1/prices/BTCUSD/quote").then().statusCode(400).body("field", equalTo("at"));
    }

    @Test
    void closeUsesOneSecondBarsOfTheFeed() {
        long at = System.currentTimeMillis() - 120_000;
        given().queryParam("at", at).get("/api/v1/prices/BTCUSD/close").then().statusCode(200)
                .body("tradePair", equalTo("BTCUSD"))
                .body("sources[0].timespanMs", equalTo(1000))
                .body("sources[0].lagMs", lessThan(1000))
                .body("stale", equalTo(false));
        given().get("/api/v1/prices/FOO/close").then().statusCode(404).body("field", equalTo("id"));
        given().queryParam("at", "").get("/api/v1/prices/BTCUSD/close").then().statusCode(200);
        given().queryParam("at", "1e3").get("/api/v1/prices/BTCUSD/close").then().statusCode(400).body("field", equalTo("at"));
    }

    @Test
    void candlesWithinAWeekSpansAndErrors() {
        long now = System.currentTimeMillis();
        given().queryParam("from", now - 600_000).queryParam("to", now).get("/api/v1/candles/BTCUSD").then().statusCode(200)
                .body("tradePair", equalTo("BTCUSD")).body("span", equalTo("MINUTE"))
                .body("candles.size()", greaterThanOrEqualTo(10))
                .body("candles.timespanMs", everyItem(equalTo(60000)));
        given().queryParam("from", now - 10_000).queryParam("to", now).queryParam("span", "second")
                .get("/api/v1/candles/BTCUSD").then().statusCode(200).body("span", equalTo("SECOND"))
                .body("candles.size()", greaterThanOrEqualTo(10));
        given().queryParam("from", now - 7 * 86_400_000L - 1).queryParam("to", now).queryParam("span", "DAY")
                .get("/api/v1/candles/BTCUSD").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("to"));
        given().queryParam("from", now).queryParam("to", now - 1000).get("/api/v1/candles/BTCUSD").then().statusCode(400)
                .body("field", equalTo("from"));
        given().queryParam("span", "WEEK").get("/api/v1/candles/BTCUSD").then().statusCode(400).body("field", equalTo("span"));
        given().queryParam("from", now - 86_400_000L).queryParam("span", "SECOND").get("/api/v1/candles/BTCUSD").then()
                .statusCode(400).body("field", equalTo("span"));
        given().queryParam("from", "x").get("/api/v1/candles/BTCUSD").then().statusCode(400).body("field", equalTo("from"));
        given().get("/api/v1/candles/FOO").then().statusCode(404).body("field", equalTo("id"));
    }
}
