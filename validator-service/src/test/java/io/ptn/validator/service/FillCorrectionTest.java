package io.ptn.validator.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.ptn.domain.TradePair;
import io.ptn.validator.FillCorrection;
import io.ptn.validator.InjectWireMock;
import io.ptn.validator.LeverageBounds;
import io.ptn.validator.OrderSource;
import io.ptn.validator.OrderType;
import io.ptn.validator.Orders;
import io.ptn.validator.Position;
import io.ptn.validator.Positions;
import io.ptn.validator.PriceServiceResource;
import io.ptn.validator.PriceStubs;
import io.ptn.validator.Slippage;
import io.ptn.validator.client.LivePriceClient;
import io.ptn.validator.config.TestClock;
import io.ptn.validator.store.OrderStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Fill corrections in the risk round (PTN's mdd checker): a fill taken from a REST bar is re-priced once the price
 * service has a streamed source nearer the order's time; never for an order older than 5 minutes, a stale answer or
 * an eliminated miner. The price service is WireMock; expected figures come from FillPrice, Slippage and Positions,
 * which PositionVectorsTest checks against PTN's own code.
 */
@QuarkusTest
@TestProfile(CorrectionProfile.class)
@WithTestResource(PriceServiceResource.class)
class FillCorrectionTest {

    static {
        Orders.useDoubles();
    }

    @InjectWireMock
    WireMockServer wm;

    @Inject
    RiskMonitor monitor;

    @Inject
    OrderStore store;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    static String source(String name, long timespanMs, double open, double close, long startMs, boolean websocket,
            double bid, double ask) {
        return String.format(Locale.ROOT, "{\"source\":\"%s\",\"timespanMs\":%d,\"open\":%s,\"close\":%s,\"high\":null,"
                + "\"low\":null,\"vwap\":null,\"startMs\":%d,\"websocket\":%s,\"lagMs\":0,\"bid\":%s,\"ask\":%s}",
                name, timespanMs, open, close, startMs, websocket, bid, ask);
    }

    static String answer(String pair, double price, long timestampMs, boolean stale, String... sources) {
        return String.format(Locale.ROOT, "{\"tradePair\":\"%s\",\"price\":%s,\"timestampMs\":%d,\"ageMs\":0,"
                + "\"stale\":%s,\"stalenessLimitMs\":30000,\"marketOpen\":true,\"bid\":0,\"ask\":0,\"sources\":[%s]}",
                pair, price, timestampMs, stale, String.join(",", sources));
    }

    /** The price service's answer at fill time: one REST one-second bar about 6 s before the order. */
    private void restBarAnswer(String pair, String bar, long barEnd, double close) {
        wm.stubFor(get(urlPathEqualTo("/api/v1/prices/" + pair)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(answer(pair, close, barEnd, false, bar))));
    }

    private void lookups(String... entries) {
        wm.stubFor(post(urlPathEqualTo("/api/v1/prices/at")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"results\":[" + String.join(",", entries) + "]}")));
    }

    static String lookupEntry(String pair, long atMs, String answer) {
        return "{\"tradePair\":\"" + pair + "\",\"atMs\":" + atMs + ",\"status\":200,\"price\":" + answer + "}";
    }

    private JsonPath fillFromRestBar(String miner, String pair, double leverage, double open, double close) {
        long now = TestClock.nowMs();
        String bar = source("polygon_rest", 1000, open, close, now - 6_000, false, 0, 0);
        restBarAnswer(pair, bar, now - 5_001, close);
        return Orders.place(miner, pair, "LONG", leverage).statusCode(201).extract().jsonPath();
    }

    @Test
    void aStreamedSourceNearerTheOrderReplacesTheRestBarAndThePositionIsRebuilt() {
        TestClock.startAt(Instant.parse("2026-12-02T13:00:00Z")); // a Wednesday, between crypto carry intervals
        JsonPath filled = fillFromRestBar("m1", "BTCUSD", 0.3, 60_000, 60_010);
        long t = filled.getLong("processedMs");
        String uuid = filled.getString("orderUuid");
        // PTN's rule for a bar not streamed: the end nearer the order's time, here its close
        assertEquals(60_010.0, filled.getDouble("basePrice"));
        double firstFill = filled.getDouble("fillPrice");

        TestClock.advance(2_000);
        String tick = source("polygon_ws", 0, 59_950, 59_950, t - 150, true, 59_949, 59_951);
        String bar = source("polygon_rest", 1000, 60_000, 60_010, t - 6_000, false, 0, 0);
        lookups(lookupEntry("BTCUSD", t, answer("BTCUSD", 59_950, t - 150, false, tick, bar)));
        PriceStubs.batch(wm, false, "BTCUSD", 60_100);
        RiskMonitor.RoundResult r = monitor.runRound();
        assertEquals(1, r.corrections().size(), r.toString());
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/prices/at")));

        double slippage = Slippage.of(TradePair.BTCUSD, 59_949, 59_951, 0.3, Slippage.MIN_ACCOUNT_SIZE, t);
        assertTrue(slippage > 0, "a 0.3 BTC order has PTN slippage");
        JsonPath view = given().get("/api/v1/miners/m1/positions").then().statusCode(200).extract().jsonPath();
        long markMs = view.getLong("positions[0].markMs");
        Position expected = Positions.mark(Positions.addOrder(Positions.empty(uuid, "m1", TradePair.BTCUSD, t),
                new Positions.NewOrder(uuid, OrderType.LONG, 0.3, 59_950, slippage, t, OrderSource.ORGANIC), 0,
                LeverageBounds.PORTFOLIO_LEVERAGE_CAP).position(), 60_100, markMs);
        given().get("/api/v1/miners/m1/positions").then()
                .body("positions[0].orders[0].basePrice", equalTo(59_950.0))
                .body("positions[0].orders[0].slippage", closeTo(slippage, 1e-15))
                .body("positions[0].orders[0].fillPrice", closeTo(59_950 * (1 + slippage), 1e-9))
                .body("positions[0].orders[0].originalFillPrice", equalTo(firstFill))
                .body("positions[0].orders[0].correctedAtMs", notNullValue())
                .body("positions[0].averageEntryPrice", closeTo(expected.averageEntryPrice(), 1e-9))
                .body("positions[0].currentReturn", closeTo(expected.returnWithFees(), 1e-12))
                .body("positions[0].returnWithoutFees", closeTo(expected.returnWithoutFees(), 1e-12))
                .body("positions[0].markPrice", equalTo(60_100.0));
        assertNotEquals(firstFill, 59_950 * (1 + slippage));
        given().get("/q/metrics").then().body(containsString("validator_fill_corrections_total{pair=\"BTCUSD\"} 1.0"));

        // the next round sees the same sources: nothing changes again
        long correctedAt = given().get("/api/v1/miners/m1/positions").then().extract().jsonPath()
                .getLong("positions[0].orders[0].correctedAtMs");
        TestClock.advance(2_000);
        assertEquals(0, monitor.runRound().corrections().size());
        given().get("/api/v1/miners/m1/positions").then()
                .body("positions[0].orders[0].correctedAtMs", equalTo(correctedAt))
                .body("positions[0].orders[0].basePrice", equalTo(59_950.0));
    }

    /**
     * Two fills of one position corrected in one round: both land, and the position is what the two corrected fills
     * make when replayed (PTN re-prices every order of the position, then rebuilds it once).
     */
    @Test
    void twoFillsOfOnePositionAreCorrectedTogether() {
        TestClock.startAt(Instant.parse("2026-11-20T13:00:00Z")); // before the other tests' orders: their rounds never see these
        JsonPath first = fillFromRestBar("m25", "ETHUSD", 0.2, 3_000, 3_001);
        long t1 = first.getLong("processedMs");
        String uuid1 = first.getString("orderUuid");
        TestClock.advance(11_000); // past the cooldown
        JsonPath second = fillFromRestBar("m25", "ETHUSD", 0.1, 3_050, 3_052);
        long t2 = second.getLong("processedMs");
        String uuid2 = second.getString("orderUuid");

        TestClock.advance(2_000);
        String tick1 = source("polygon_ws", 0, 2_990, 2_990, t1 - 150, true, 2_989, 2_991);
        String tick2 = source("polygon_ws", 0, 3_040, 3_040, t2 - 100, true, 3_039, 3_041);
        lookups(lookupEntry("ETHUSD", t1, answer("ETHUSD", 2_990, t1 - 150, false, tick1)),
                lookupEntry("ETHUSD", t2, answer("ETHUSD", 3_040, t2 - 100, false, tick2)));
        PriceStubs.batch(wm, false, "ETHUSD", 3_060);
        RiskMonitor.RoundResult r = monitor.runRound();
        assertEquals(2, r.corrections().size(), r.toString());

        double slip1 = Slippage.of(TradePair.ETHUSD, 2_989, 2_991, 0.2, Slippage.MIN_ACCOUNT_SIZE, t1);
        double slip2 = Slippage.of(TradePair.ETHUSD, 3_039, 3_041, 0.1, Slippage.MIN_ACCOUNT_SIZE, t2);
        Position opened = Positions.addOrder(Positions.empty(uuid1, "m25", TradePair.ETHUSD, t1),
                new Positions.NewOrder(uuid1, OrderType.LONG, 0.2, 2_990, slip1, t1, OrderSource.ORGANIC), 0,
                LeverageBounds.PORTFOLIO_LEVERAGE_CAP).position();
        Position added = Positions.addOrder(opened,
                new Positions.NewOrder(uuid2, OrderType.LONG, 0.1, 3_040, slip2, t2, OrderSource.ORGANIC), 0,
                LeverageBounds.PORTFOLIO_LEVERAGE_CAP).position();
        JsonPath view = given().get("/api/v1/miners/m25/positions").then().statusCode(200).extract().jsonPath();
        Position expected = Positions.mark(added, 3_060, view.getLong("positions[0].markMs"));
        assertEquals(List.of(2_990.0, 3_040.0), view.getList("positions[0].orders.basePrice", Double.class));
        assertEquals(expected.averageEntryPrice(), view.getDouble("positions[0].averageEntryPrice"), 1e-9);
        assertEquals(expected.returnWithFees(), view.getDouble("positions[0].currentReturn"), 1e-12);
        assertEquals(expected.returnWithoutFees(), view.getDouble("positions[0].returnWithoutFees"), 1e-12);
    }

    /**
     * Five positions to correct with a chunk of 2 (CorrectionProfile): every fill is corrected, in store commands of whole
     * positions committed one after the other, so an order placed meanwhile waits behind one of them, not all.
     */
    @Test
    void aRoundCorrectsManyPositionsInSeveralStoreCommands() {
        TestClock.startAt(Instant.parse("2026-12-02T17:00:00Z"));
        String[] miners = {"m5", "m6", "m7", "m8", "m9"};
        List<String> entries = new ArrayList<>();
        for (String miner : miners) {
            long t = fillFromRestBar(miner, "SOLUSD", 0.3, 200, 201).getLong("processedMs");
            String tick = source("polygon_ws", 0, 199, 199, t - 150, true, 198.9, 199.1);
            entries.add(lookupEntry("SOLUSD", t, answer("SOLUSD", 199, t - 150, false, tick)));
            TestClock.advance(10);
        }
        TestClock.advance(2_000);
        lookups(entries.toArray(String[]::new));
        PriceStubs.batch(wm, false, "SOLUSD", 199);
        long before = store.batches();
        RiskMonitor.RoundResult r = monitor.runRound();
        assertEquals(miners.length, r.corrections().size(), r.toString());
        // 5 positions by 2: three correction commands, then the marks
        assertTrue(store.batches() - before >= 4, "store batches in the round: " + (store.batches() - before));
        for (String miner : miners) {
            given().get("/api/v1/miners/" + miner + "/positions").then()
                    .body("positions[0].orders[0].basePrice", equalTo(199.0))
                    .body("positions[0].orders[0].originalFillPrice", notNullValue());
        }
    }

    /**
     * More recent orders than one look-up call may carry (256): the round asks in several calls, each under its own
     * timeout (CorrectionProfile: 2 s), so a slow price service (1.2 s per call here) still gets every fill corrected.
     * Asked in one guarded call, the 2.4 s of calls exceeded the timeout and nothing was corrected.
     */
    @Test
    void moreLookUpsThanOneCallCarriesAreAskedInCallsEachWithinItsTimeout() {
        TestClock.startAt(Instant.parse("2026-11-25T12:00:00Z")); // before the other tests' orders: no round of theirs sees these
        String[] pairs = {"BTCUSD", "ETHUSD", "SOLUSD", "XRPUSD", "DOGEUSD", "ADAUSD"};
        List<String> entries = new ArrayList<>();
        for (int slot = 0; slot < 3; slot++) {
            for (int m = 10; m <= 24; m++) {
                for (String pair : pairs) {
                    long t = fillFromRestBar("m" + m, pair, 0.01, 100, 101).getLong("processedMs");
                    String tick = source("polygon_ws", 0, 99, 99, t - 150, true, 98.9, 99.1);
                    entries.add(lookupEntry(pair, t, answer(pair, 99, t - 150, false, tick)));
                    TestClock.advance(1);
                }
            }
            TestClock.advance(10_000); // the per-(miner, pair) cooldown
        }
        assertTrue(entries.size() > LivePriceClient.MAX_LOOKUPS, "look-ups: " + entries.size());
        wm.stubFor(post(urlPathEqualTo("/api/v1/prices/at")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withFixedDelay(1_200)
                .withBody("{\"results\":[" + String.join(",", entries) + "]}")));
        PriceStubs.batch(wm, false, "BTCUSD", 99);
        wm.resetRequests();
        RiskMonitor.RoundResult r = monitor.runRound();
        assertEquals(entries.size(), r.corrections().size(), r.toString());
        wm.verify(2, postRequestedFor(urlPathEqualTo("/api/v1/prices/at")));
        given().get("/api/v1/miners/m24/positions").then()
                .body("positions.size()", equalTo(pairs.length))
                .body("positions[0].orders.basePrice", everyItem(equalTo(99.0)));
    }

    @Test
    void anOrderOlderThanFiveMinutesIsNeverTouched() {
        TestClock.startAt(Instant.parse("2026-12-02T14:00:00Z"));
        JsonPath filled = fillFromRestBar("m2", "ETHUSD", 0.3, 3_000, 3_001);
        long t = filled.getLong("processedMs");
        TestClock.advance(FillCorrection.WINDOW_MS + 1);
        offerNearerEthTick(t, false);
        // not even asked for: the order is out of the window
        wm.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/prices/at")));
        assertFilledAt("m2", 3_001.0);
    }

    /** A round where the price service offers a streamed ETHUSD source 150 ms from the order; it corrects nothing. */
    private void offerNearerEthTick(long t, boolean stale) {
        String tick = source("polygon_ws", 0, 2_990, 2_990, t - 150, true, 2_989, 2_991);
        lookups(lookupEntry("ETHUSD", t, answer("ETHUSD", 2_990, t - 150, stale, tick)));
        PriceStubs.batch(wm, false, "ETHUSD", 3_000);
        wm.resetRequests();
        assertEquals(0, monitor.runRound().corrections().size());
    }

    private static void assertFilledAt(String miner, double basePrice) {
        given().get("/api/v1/miners/" + miner + "/positions").then()
                .body("positions[0].orders[0].basePrice", equalTo(basePrice))
                .body("positions[0].orders[0].originalFillPrice", nullValue())
                .body("positions[0].orders[0].correctedAtMs", nullValue());
    }

    @Test
    void aCandidateTheServiceFlagsStaleIsRefused() {
        TestClock.startAt(Instant.parse("2026-12-02T15:00:00Z"));
        JsonPath filled = fillFromRestBar("m3", "ETHUSD", 0.3, 3_000, 3_001);
        long t = filled.getLong("processedMs");
        TestClock.advance(2_000);
        offerNearerEthTick(t, true);
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/prices/at"))); // asked, and refused the answer
        assertFilledAt("m3", 3_001.0);
    }

    @Test
    void anEliminatedMinersOrderStaysAsFilled() {
        TestClock.startAt(Instant.parse("2026-12-02T16:00:00Z"));
        JsonPath filled = fillFromRestBar("m4", "BTCUSD", 0.5, 60_000, 60_010);
        long t = filled.getLong("processedMs");
        // a round that eliminates the miner (no candidate sources yet)
        TestClock.advance(1_000);
        lookups();
        PriceStubs.batch(wm, false, "BTCUSD", 40_000);
        RiskMonitor.RoundResult first = monitor.runRound();
        assertTrue(first.eliminated().contains("m4"), first.toString());
        // now a nearer source appears, within the window
        TestClock.advance(1_000);
        String tick = source("polygon_ws", 0, 59_950, 59_950, t - 150, true, 59_949, 59_951);
        lookups(lookupEntry("BTCUSD", t, answer("BTCUSD", 59_950, t - 150, false, tick)));
        assertEquals(0, monitor.runRound().corrections().size());
        assertFilledAt("m4", 60_010.0);
        given().get("/api/v1/miners/m4/positions").then().body("positions[0].closeReason", equalTo("ELIMINATED"));
    }
}
