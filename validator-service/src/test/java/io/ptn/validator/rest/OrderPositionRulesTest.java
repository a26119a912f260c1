package io.ptn.validator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.ptn.domain.TradePair;
import io.ptn.validator.InjectWireMock;
import io.ptn.validator.LeverageBounds;
import io.ptn.validator.NoCooldownProfile;
import io.ptn.validator.Orders;
import io.ptn.validator.PriceServiceResource;
import io.ptn.validator.PriceStubs;
import io.ptn.validator.Slippage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** PTN's position rules as a miner meets them over HTTP: flips, liquidation at an order, the order limit. */
@QuarkusTest
@TestProfile(NoCooldownProfile.class)
@WithTestResource(PriceServiceResource.class)
class OrderPositionRulesTest {

    static {
        Orders.useDoubles();
    }

    @InjectWireMock
    WireMockServer wm;

    // test_simple_long_position_with_implicit_FLAT: an order past zero closes the position as a FLAT
    @Test
    void orderThatCrossesZeroClosesThePositionAndTheNextOpensANewOne() {
        PriceStubs.price(wm, "BTCUSD", 60000, 0, 0);
        Orders.place("m21", "BTCUSD", "LONG", 0.2).statusCode(201).body("closedPosition", equalTo(false));
        // entry and exit carry PTN's crypto slippage, each from its order as sent (0.2 long, 0.5 short)
        long t = System.currentTimeMillis();
        double entry = 60000 * (1 + Slippage.of(TradePair.BTCUSD, 0, 0, 0.2, Slippage.MIN_ACCOUNT_SIZE, t));
        double exit = 66000 * (1 - Slippage.of(TradePair.BTCUSD, 0, 0, -0.5, Slippage.MIN_ACCOUNT_SIZE, t));
        double closedReturn = 1 + 0.2 * (exit - entry) / entry;
        PriceStubs.price(wm, "BTCUSD", 66000, 0, 0);
        Orders.place("m21", "BTCUSD", "SHORT", 0.5).statusCode(201)
                .body("orderType", equalTo("SHORT"))
                .body("requestedLeverage", equalTo(0.5))
                .body("filledOrderType", equalTo("FLAT"))
                .body("filledLeverage", equalTo(-0.2))
                .body("closedPosition", equalTo(true))
                .body("position.isClosed", equalTo(true))
                .body("position.positionType", equalTo("FLAT"))
                .body("position.returnWithoutFees", closeTo(closedReturn, 1e-12))
                // crypto spread fee on the cumulative leverage 0.2 + 0.2
                .body("position.currentReturn", closeTo(closedReturn * (1 - 0.001 * 0.4), 1e-12));
        given().get("/api/v1/miners/m21").then().body("openPositions", equalTo(0));
        Orders.place("m21", "BTCUSD", "SHORT", 0.1).statusCode(201).body("position.netLeverage", equalTo(-0.1));
        given().get("/api/v1/miners/m21/positions").then().body("positions", hasSize(2))
                .body("positions[0].closeReason", equalTo("FLAT"))
                .body("positions[0].orders[1].orderType", equalTo("FLAT"))
                .body("positions[1].closeReason", nullValue());
    }

    // test_liquidated_short_position_with_no_FLAT: the order at which the return reaches 0 closes the position
    @Test
    void orderAtWhichTheReturnReachesZeroLiquidatesThePosition() {
        PriceStubs.price(wm, "ETHUSD", 3000, 0, 0);
        Orders.place("m22", "ETHUSD", "SHORT", 0.5).statusCode(201);
        PriceStubs.price(wm, "ETHUSD", 9001, 0, 0);
        Orders.place("m22", "ETHUSD", "LONG", 0.1).statusCode(201)
                .body("closedPosition", equalTo(true))
                .body("position.currentReturn", equalTo(0.0))
                .body("position.returnWithoutFees", equalTo(0.0))
                .body("position.closeReason", equalTo("LIQUIDATED"))
                .body("position.netLeverage", equalTo(-0.5)); // PTN leaves the net leverage of a liquidated position
        given().get("/api/v1/miners/m22/positions").then()
                .body("positions[0].orders", hasSize(3))
                .body("positions[0].orders[2].orderType", equalTo("FLAT"))
                .body("positions[0].orders[2].source", equalTo("PRICE_FILLED_ELIMINATION_FLAT"))
                .body("positions[0].orders[2].basePrice", equalTo(9001.0));
    }

    // neurons/validator.py: a position holding MAX_ORDERS_PER_POSITION orders is closed before a new one opens
    @Test
    void orderOnAPositionAtTheOrderLimitClosesItAndOpensANewPosition() {
        PriceStubs.price(wm, "SOLUSD", 150, 0, 0);
        Orders.place("m23", "SOLUSD", "LONG", 0.01).statusCode(201);
        for (int i = 1; i < LeverageBounds.MAX_ORDERS_PER_POSITION; i++) {
            Orders.place("m23", "SOLUSD", "LONG", 0.001).statusCode(201);
        }
        String uuid = UUID.randomUUID().toString();
        Orders.post("m23", Orders.body(uuid, "m23", "SOLUSD", "SHORT", 0.05)).statusCode(201)
                .body("closedPosition", equalTo(false))
                .body("position.positionUuid", equalTo(uuid)) // PTN: a new position takes the order's uuid
                .body("position.netLeverage", equalTo(-0.05));
        given().get("/api/v1/miners/m23/positions").then().body("positions", hasSize(2))
                .body("positions[0].isClosed", equalTo(true))
                .body("positions[0].closeReason", equalTo("MAX_ORDERS"))
                .body("positions[0].orders", hasSize(LeverageBounds.MAX_ORDERS_PER_POSITION + 1))
                .body("positions[0].orders[100].source", equalTo("MAX_ORDERS_PER_POSITION_CLOSE"))
                .body("positions[1].orders", hasSize(1));
    }
}
