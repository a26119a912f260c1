package io.ptn.validator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.ptn.validator.FastFaultToleranceProfile;
import io.ptn.validator.InjectWireMock;
import io.ptn.validator.Orders;
import io.ptn.validator.PriceHealthStubs;
import io.ptn.validator.PriceStubs;
import io.ptn.validator.service.DrawdownHistory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/** GET /api/v1/status: both sides of prices, risk, miners and orders, and never a token. */
@QuarkusTest
@TestProfile(FastFaultToleranceProfile.class)
@WithTestResource(StatusPriceServices.ForStatus.class)
class StatusResourceTest {

    static {
        Orders.useDoubles();
    }

    @InjectWireMock
    WireMockServer wm;

    @Inject
    DrawdownHistory history;

    @Test
    void priceServiceUpWithItsProvidersAsItReportsThem() {
        PriceHealthStubs.up(wm);
        given().get("/api/v1/status").then().statusCode(200).contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("priceService.status", equalTo("UP"))
                .body("priceService.reachable", equalTo(true))
                .body("priceService.openPairs", equalTo(38))
                .body("priceService.freshPairs", equalTo(38))
                .body("priceService.providers.find { it.name == 'simulated' }.state", equalTo("CONNECTED"))
                .body("priceService.providers.find { it.name == 'simulated' }.lastEventAgeMs", equalTo(3))
                .body("priceService.providers.find { it.name == 'simulated' }.streamsConnected", equalTo("4/4"))
                .body("priceService.providers.find { it.name == 'polygon' }.state", equalTo("STANDBY"))
                .body("priceService.providers.find { it.name == 'polygon' }.lastEventAgeMs", nullValue())
                .body("priceService.providers.find { it.name == 'polygon' }.rest", equalTo("CONNECTED"))
                // the validator's own view: the live-price-service check's data
                .body("prices.status", notNullValue())
                .body("prices.circuit", equalTo("CLOSED"))
                .body("prices.streamEnabled", equalTo(false))
                .body("risk.interval", equalTo("off"))
                .body("risk.maxDrawdown", equalTo(0.10))
                .body("risk.skippedPairs", hasSize(0))
                .body("store.ready", equalTo(true));
    }

    @Test
    void aDownAnswerStillSaysWhy() {
        PriceHealthStubs.down(wm);
        given().get("/api/v1/status").then().statusCode(200)
                .body("priceService.status", equalTo("DOWN"))
                .body("priceService.reachable", equalTo(true))
                .body("priceService.freshPairs", equalTo(0))
                .body("priceService.checks.find { it.name == 'prices-fresh' }.status", equalTo("DOWN"))
                .body("priceService.providers[0].name", equalTo("coinbase"))
                .body("priceService.providers[0].state", equalTo("DEGRADED"))
                .body("priceService.providers[0].lastEventAgeMs", equalTo(95000))
                .body("priceService.providers[0].rest", equalTo("DEGRADED"));
    }

    @Test
    void anUnreachableOrSlowPriceServiceIsDownNotAnError() {
        wm.resetAll();
        given().get("/api/v1/status").then().statusCode(200)
                .body("priceService.status", equalTo("DOWN"))
                .body("priceService.reachable", equalTo(false))
                .body("priceService.error", containsString("no health answer"))
                .body("priceService.providers", hasSize(0));
        PriceHealthStubs.slow(wm, 4000);
        given().get("/api/v1/status").then().statusCode(200)
                .body("priceService.status", equalTo("DOWN"))
                .body("priceService.error", containsString("timed out"));
    }

    @Test
    void minersAndLatestOrdersWithoutAnyToken() {
        PriceHealthStubs.up(wm);
        PriceStubs.price(wm, "ETHUSD", 3000, 0, 0);
        String uuid = UUID.randomUUID().toString();
        Orders.post("m20", Orders.body(uuid, "m20", "ETHUSD", "LONG", 0.2)).statusCode(201);
        history.sample();

        String body = given().get("/api/v1/status").then().statusCode(200)
                .body("miners.hotkey", hasItem("m20"))
                .body("latestOrders[0].orderUuid", equalTo(uuid))
                .body("latestOrders[0].minerHotkey", equalTo("m20"))
                .body("latestOrders[0].tradePair", equalTo("ETHUSD"))
                .body("latestOrders[0].orderType", equalTo("LONG"))
                .body("latestOrders[0].fillPrice", equalTo(3000.0))
                .body(not(containsString("token-m20")))
                .body(not(containsString("ca41aa844b0b922b"))) // m1's token hash, as configured
                .extract().asString();
        JsonPath json = JsonPath.from(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        Map<String, Object> m20 = json.getMap("miners.find { it.hotkey == 'm20' }");
        assertEquals(false, m20.get("eliminated"));
        assertEquals(1, ((Number) m20.get("openPositions")).intValue());
        assertEquals(1 - 0.001 * 0.2, ((Number) m20.get("portfolioReturn")).doubleValue(), 1e-9);
        assertEquals(1.0, ((Number) m20.get("highWaterMark")).doubleValue(), 1e-9);
        List<Map<String, Object>> points = json.getList("miners.find { it.hotkey == 'm20' }.history");
        assertFalse(points.isEmpty(), "the sample taken above is in the history");
        assertEquals(((Number) m20.get("drawdown")).doubleValue(),
                ((Number) points.get(points.size() - 1).get("drawdown")).doubleValue(), 1e-12);
    }
}
