package io.ptn.price.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
public class TradePairResourceTest {

    @Test
    void listsTheWholeCatalog() {
        given().get("/api/v1/trade-pairs").then().statusCode(200)
                .body("", hasSize(51))
                .body("id", hasItems("BTCUSD", "TAOUSD", "EURUSD", "SPX", "NVDA"));
    }

    @Test
    void onePairHasTheContractShape() {
        given().get("/api/v1/trade-pairs/btcusd").then().statusCode(200)
                .body("id", equalTo("BTCUSD")).body("symbol", equalTo("BTC/USD")).body("category", equalTo("CRYPTO"))
                .body("feeRate", equalTo(0.001f)).body("minLeverage", equalTo(0.01f)).body("maxLeverage", equalTo(0.5f))
                .body("tradable", equalTo(true)).body("blocked", equalTo(false)).body("enabled", equalTo(true));
        given().get("/api/v1/trade-pairs/SPX").then().statusCode(200).body("blocked", equalTo(true));
        given().get("/api/v1/trade-pairs/TAOUSD").then().statusCode(200).body("tradable", equalTo(false));
    }

    @Test
    void unknownPairIsAProblem404() {
        given().get("/api/v1/trade-pairs/FOO").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not Found")).body("field", equalTo("id"))
                .body("type", equalTo("about:blank"));
    }

    @Test
    void marketAtAKnownTime() {
        // Saturday 2023-11-18 12:00 New York: forex closed, reopens Sunday 17:00 New York
        given().queryParam("at", 1_700_326_800_000L).get("/api/v1/trade-pairs/EURUSD/market").then().statusCode(200)
                .body("tradePair", equalTo("EURUSD")).body("atMs", equalTo(1_700_326_800_000L))
                .body("open", equalTo(false)).body("nextOpenMs", equalTo(1_700_431_200_000L))
                .body("nextCloseMs", notNullValue());
        given().get("/api/v1/trade-pairs/BTCUSD/market").then().statusCode(200)
                .body("open", equalTo(true)).body("nextOpenMs", nullValue()).body("nextCloseMs", nullValue());
    }

    @Test
    void badAtIs400NamingTheField() {
        given().queryParam("at", "yesterday").get("/api/v1/trade-pairs/BTCUSD/market").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("at")).body("status", equalTo(400));
        given().queryParam("at", 946_684_799_999L).get("/api/v1/trade-pairs/BTCUSD/market").then().statusCode(400)
                .body("field", equalTo("at"));
        given().get("/api/v1/trade-pairs/FOO/market").then().statusCode(404).body("field", equalTo("id"));
    }
}
