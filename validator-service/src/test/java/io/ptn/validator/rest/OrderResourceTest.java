package io.ptn.validator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hamcrest.MatcherAssert;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.ptn.domain.TradePair;
import io.ptn.validator.FastFaultToleranceProfile;
import io.ptn.validator.InjectWireMock;
import io.ptn.validator.Orders;
import io.ptn.validator.PriceServiceResource;
import io.ptn.validator.PriceStubs;
import io.ptn.validator.Slippage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The order API as a miner sees it, against a WireMock price service. */
@QuarkusTest
@TestProfile(FastFaultToleranceProfile.class)
@WithTestResource(PriceServiceResource.class)
class OrderResourceTest {

    static {
        Orders.useDoubles();
    }

    @InjectWireMock
    WireMockServer wm;

    @Test
    void fillsACryptoOrderAtSourceZeroAndOpensAPosition() {
        PriceStubs.price(wm, "BTCUSD", 65000, 0, 0);
        double slippage = Slippage.of(TradePair.BTCUSD, 0, 0, 0.25, Slippage.MIN_ACCOUNT_SIZE, System.currentTimeMillis());
        assertTrue(slippage > 0);
        String uuid = UUID.randomUUID().toString();
        Orders.post("m1", Orders.body(uuid, "m1", "BTCUSD", "LONG", 0.25)).statusCode(201)
                .contentType("application/json")
                .header("Location", matchesPattern("http://[^/]+/api/v1/orders/" + uuid))
                .body("orderUuid", equalTo(uuid))
                .body("minerHotkey", equalTo("m1"))
                .body("tradePair", equalTo("BTCUSD"))
                .body("orderType", equalTo("LONG"))
                .body("price", equalTo(65000.0))
                // PTN's crypto slippage comes from its estimates by size, with or without a quote
                .body("basePrice", equalTo(65000.0))
                .body("slippage", closeTo(slippage, 1e-15))
                .body("fillPrice", closeTo(65000 * (1 + slippage), 1e-9))
                .body("priceSource", equalTo("simulated_ws"))
                .body("position.netLeverage", equalTo(0.25))
                .body("position.averageEntryPrice", closeTo(65000 * (1 + slippage), 1e-9))
                .body("position.isClosed", equalTo(false))
                .body("position.currentReturn", closeTo(1 - 0.001 * 0.25, 1e-9));

        given().get("/api/v1/miners/m1/positions").then().statusCode(200)
                .body("hotkey", equalTo("m1"))
                .body("positions", hasSize(1))
                .body("positions[0].tradePair", equalTo("BTCUSD"))
                .body("positions[0].orders[0].orderUuid", equalTo(uuid));
        given().get("/api/v1/miners/m1").then().statusCode(200)
                .body("hotkey", equalTo("m1"))
                .body("eliminated", equalTo(false))
                .body("openPositions", equalTo(1))
                .body("portfolioReturn", closeTo(1 - 0.001 * 0.25, 1e-9))
                .body("highWaterMark", notNullValue())
                .body("drawdown", notNullValue());
    }

    @Test
    void sameUuidSameBodyReplaysTheOriginalAnswerAndADifferentBodyIs409() {
        PriceStubs.price(wm, "ETHUSD", 3000, 0, 0);
        String uuid = UUID.randomUUID().toString();
        String body = Orders.body(uuid, "m3", "ETHUSD", "SHORT", 0.1);
        String first = Orders.post("m3", body).statusCode(201).extract().asString();
        PriceStubs.price(wm, "ETHUSD", 3100, 0, 0); // a new fill would differ
        String again = Orders.post("m3", body).statusCode(201).extract().asString();
        assertEquals(first, again);
        Orders.post("m3", Orders.body(uuid, "m3", "ETHUSD", "SHORT", 0.2)).statusCode(409)
                .contentType("application/problem+json").body("field", equalTo("orderUuid"));
        given().get("/api/v1/miners/m3/positions").then().body("positions[0].orders", hasSize(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown field|{\"orderUuid\":\"4b1c7c58-1f44-4a8e-9d2d-3a1f6e1b2c3d\",\"minerHotkey\":\"m4\",\"tradePair\":\"BTCUSD\",\"orderType\":\"LONG\",\"leverage\":0.1,\"extra\":1}|extra",
            "wrong type|{\"orderUuid\":\"4b1c7c58-1f44-4a8e-9d2d-3a1f6e1b2c3d\",\"minerHotkey\":\"m4\",\"tradePair\":\"BTCUSD\",\"orderType\":\"LONG\",\"leverage\":\"0.1\"}|leverage",
            "NaN as string|{\"orderUuid\":\"4b1c7c58-1f44-4a8e-9d2d-3a1f6e1b2c3d\",\"minerHotkey\":\"m4\",\"tradePair\":\"BTCUSD\",\"orderType\":\"LONG\",\"leverage\":\"NaN\"}|leverage",
            "missing leverage|{\"orderUuid\":\"4b1c7c58-1f44-4a8e-9d2d-3a1f6e1b2c3d\",\"minerHotkey\":\"m4\",\"tradePair\":\"BTCUSD\",\"orderType\":\"LONG\"}|leverage",
            "missing uuid|{\"minerHotkey\":\"m4\",\"tradePair\":\"BTCUSD\",\"orderType\":\"LONG\",\"leverage\":0.1}|orderUuid",
            "non-uuid|{\"orderUuid\":\"not-a-uuid\",\"minerHotkey\":\"m4\",\"tradePair\":\"BTCUSD\",\"orderType\":\"LONG\",\"leverage\":0.1}|orderUuid",
            "bad enum|{\"orderUuid\":\"4b1c7c58-1f44-4a8e-9d2d-3a1f6e1b2c3d\",\"minerHotkey\":\"m4\",\"tradePair\":\"BTCUSD\",\"orderType\":\"BUY\",\"leverage\":0.1}|orderType",
            "number as pair|{\"orderUuid\":\"4b1c7c58-1f44-4a8e-9d2d-3a1f6e1b2c3d\",\"minerHotkey\":\"m4\",\"tradePair\":7,\"orderType\":\"LONG\",\"leverage\":0.1}|tradePair",
            "negative leverage|{\"orderUuid\":\"4b1c7c58-1f44-4a8e-9d2d-3a1f6e1b2c3d\",\"minerHotkey\":\"m4\",\"tradePair\":\"BTCUSD\",\"orderType\":\"LONG\",\"leverage\":-1}|leverage",
    })
    void malformedBodiesAre400NamingTheField(String name, String body, String field) {
        Orders.post("m4", body).statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("title", equalTo("Bad Request")).body("field", equalTo(field));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty body|''",
            "not json|{orderUuid",
            "NaN literal|{\"orderUuid\":\"4b1c7c58-1f44-4a8e-9d2d-3a1f6e1b2c3d\",\"minerHotkey\":\"m4\",\"tradePair\":\"BTCUSD\",\"orderType\":\"LONG\",\"leverage\":NaN}",
            "array|[1,2]",
            "null|null",
    })
    void unreadableBodiesAre400(String name, String body) {
        Orders.post("m4", body).statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    @Test
    void wrongContentTypeIs415ProblemJson() {
        given().header("Authorization", "Bearer token-m4").contentType("text/plain").body("hello")
                .post("/api/v1/orders").then().statusCode(415).contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    @Test
    void frameworkErrorsAreProblemJson() {
        given().get("/api/v1/orders").then().statusCode(405).contentType("application/problem+json").body("status", equalTo(405));
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/miners/never-traded").then().statusCode(404).contentType("application/problem+json")
                .body("field", equalTo("hotkey"));
    }

    @Test
    void authenticationAndOwnership() {
        String body = Orders.body(UUID.randomUUID().toString(), "m5", "BTCUSD", "LONG", 0.1);
        given().contentType("application/json").body(body).post("/api/v1/orders").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong").contentType("application/json").body(body).post("/api/v1/orders")
                .then().statusCode(401);
        given().header("Authorization", "Basic dG9rZW4tbTU=").contentType("application/json").body(body)
                .post("/api/v1/orders").then().statusCode(401);
        Orders.post("m6", body).statusCode(403).body("field", equalTo("minerHotkey")); // m6's token, m5's order
    }

    @Test
    void unknownPairIs404AndBlockedOrUntradablePairsAre422() {
        Orders.place("m5", "FOOBAR", "LONG", 0.1).statusCode(404).body("field", equalTo("tradePair"));
        Orders.place("m5", "XAUUSD", "LONG", 0.1).statusCode(422).body("detail", containsString("blocked"));
        Orders.place("m5", "TAOUSD", "LONG", 0.1).statusCode(422).body("detail", containsString("never tradable"));
    }

    @Test
    void cooldownPerMinerAndPair() {
        PriceStubs.price(wm, "SOLUSD", 150, 0, 0);
        Orders.place("m7", "SOLUSD", "LONG", 0.1).statusCode(201);
        Orders.place("m7", "SOLUSD", "LONG", 0.1).statusCode(422).body("detail", containsString("cooldown"));
        PriceStubs.price(wm, "XRPUSD", 0.5, 0, 0);
        Orders.place("m7", "XRPUSD", "LONG", 0.1).statusCode(201); // another pair is not cooling down
    }

    // PTN clamps instead of refusing (position.py _clamp_and_validate_leverage); refuses below the minimums
    @Test
    void leverageBoundsAndPortfolioCap() {
        Orders.place("m8", "BTCUSD", "LONG", 0.005).statusCode(422).body("field", equalTo("leverage"))
                .body("detail", containsString("below its minimum leverage 0.01"));
        Orders.place("m8", "BTCUSD", "LONG", 501).statusCode(422).body("field", equalTo("leverage"));
        PriceStubs.price(wm, "BTCUSD", 60000, 0, 0);
        Orders.place("m8", "BTCUSD", "LONG", 0.6).statusCode(201) // over the pair maximum 0.5: clamped
                .body("requestedLeverage", equalTo(0.6))
                .body("filledLeverage", equalTo(0.5))
                .body("leverage", equalTo(0.5))
                .body("position.netLeverage", equalTo(0.5));
        PriceStubs.price(wm, "ETHUSD", 3000, 0, 0);
        Orders.place("m8", "ETHUSD", "SHORT", 0.4).statusCode(201).body("filledLeverage", equalTo(-0.4));
        // portfolio: 0.5 x 10 + 0.4 x 10 = 9 of 10; crypto counts x10, so 0.1 is left
        PriceStubs.price(wm, "SOLUSD", 150, 0, 0);
        Orders.place("m8", "SOLUSD", "LONG", 0.3).statusCode(201).body("filledLeverage", closeTo(0.1, 1e-12));
        PriceStubs.price(wm, "XRPUSD", 0.5, 0, 0);
        Orders.place("m8", "XRPUSD", "LONG", 0.1).statusCode(422).body("field", equalTo("leverage"))
                .body("detail", containsString("cap"));
    }

    @Test
    void flatWithoutPositionIs422AndFlatClosesPosition() {
        PriceStubs.price(wm, "DOGEUSD", 0.1, 0, 0);
        given().header("Authorization", "Bearer token-m9").contentType("application/json")
                .body("{\"orderUuid\":\"" + UUID.randomUUID() + "\",\"minerHotkey\":\"m9\",\"tradePair\":\"DOGEUSD\",\"orderType\":\"FLAT\"}")
                .post("/api/v1/orders").then().statusCode(422).body("field", equalTo("orderType"));
        PriceStubs.price(wm, "ADAUSD", 0.40, 0, 0);
        Orders.place("m9", "ADAUSD", "SHORT", 0.5).statusCode(201);
        given().get("/api/v1/miners/m9").then().body("openPositions", equalTo(1));
    }

    @Test
    void stalePriceIs503WithRetryAfterAndNothingIsWritten() {
        PriceStubs.priceAt(wm, "ETHUSD", 3000, 0, 0, System.currentTimeMillis() - 60_000, true);
        Orders.place("m10", "ETHUSD", "LONG", 0.1).statusCode(503).header("Retry-After", notNullValue())
                .contentType("application/problem+json").body("detail", containsString("stale"));
        // fresh flag but older than validator.prices.max-age: still refused
        PriceStubs.priceAt(wm, "ETHUSD", 3000, 0, 0, System.currentTimeMillis() - 45_000, false);
        Orders.place("m10", "ETHUSD", "LONG", 0.1).statusCode(503);
        given().get("/api/v1/miners/m10").then().statusCode(404);
    }

    @Test
    void eliminationsListIsJson() {
        given().get("/api/v1/eliminations").then().statusCode(200).contentType("application/json");
    }

    @Test
    void healthShowsTheNamedChecks() {
        given().get("/q/health/live").then().statusCode(200).body("checks.name", Matchers.hasItem("risk-monitor-worker"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", Matchers.hasItem("store"))
                .body("checks.find { it.name == 'store' }.data.journalMode", equalTo("wal"));
        given().get("/q/health/ready").then()
                .body("checks.name", Matchers.not(Matchers.hasItem("live-price-service")));
        given().get("/q/health/live").then()
                .body("checks.name", Matchers.not(Matchers.hasItem("live-price-service")));
        given().get("/q/health/well").then()
                .body("checks.find { it.name == 'live-price-service' }.data.circuit", notNullValue());
        given().get("/q/health").then()
                .body("checks.name", Matchers.hasItems("live-price-service", "store", "risk-monitor-worker"));
    }

    @Test
    void metricsCountOrdersByOutcome() {
        PriceStubs.price(wm, "BTCUSD", 65000, 0, 0);
        Orders.place("m11", "BTCUSD", "LONG", 0.1).statusCode(201);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("validator_orders_total{outcome=\"filled\""))
                .body(containsString("validator_order_fill_seconds"))
                // the fault-tolerance extension's own breaker state (our copy of it was removed)
                .body(containsString("ft_circuitbreaker_state_current{method=\"io.ptn.validator.client.LivePriceClient.price\",state=\"open\"}"));
        assertEquals(true, given().get("/q/metrics").asString().contains("validator_price_cache_lookups_total"));
        MatcherAssert.assertThat(given().get("/q/openapi").asString().length(), greaterThan(100));
    }
    /** An operator reading a slow order path can tell batching from a slow disk: both figures count every commit. */
    @Test
    void storeMetricsCountEachCommittedBatchAndItsCommands() {
        PriceStubs.price(wm, "ETHUSD", 3000, 0, 0);
        double batches = metric("validator_store_batch_commands_count");
        double commands = metric("validator_store_batch_commands_sum");
        double writes = metric("validator_store_batch_write_seconds_count");
        double commits = metric("validator_store_batch_commit_seconds_count");
        Orders.place("m12", "ETHUSD", "LONG", 0.1).statusCode(201);
        assertTrue(metric("validator_store_batch_commands_count") >= batches + 1);
        assertTrue(metric("validator_store_batch_commands_sum") >= commands + 1);
        assertTrue(metric("validator_store_batch_write_seconds_count") >= writes + 1);
        assertTrue(metric("validator_store_batch_commit_seconds_count") >= commits + 1);
        given().get("/q/metrics").then()
                .body(containsString("validator_store_batch_write_seconds_bucket{le=\"0.001\"}"));
    }

    private static double metric(String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.E+-]+)$")
                .matcher(given().get("/q/metrics").asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
