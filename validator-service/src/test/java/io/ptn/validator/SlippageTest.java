package io.ptn.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.ptn.domain.TradePair;

/**
 * Slippage as PTN's PriceSlippageModel computes it. Forex and crypto cases follow PTN's
 * tests/vali_tests/test_price_slippage_model.py (test_forex_slippage, test_crypto_slippage: bid 99, ask 100, the
 * default account size ValiConfig.MIN_CAPITAL); the crypto figures are the entries of PTN's slippage_estimates.json.
 */
class SlippageTest {

    private static final double BID = 99;
    private static final double ASK = 100;
    private static final double ACCOUNT = Slippage.MIN_ACCOUNT_SIZE;
    /** Wednesday 2026-03-04 10:00 New York (after the V2 switch, outside the roll hour). */
    private static final long WEDNESDAY = ms("2026-03-04T15:00:00Z");

    private static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    // crypto estimates from slippage_estimates.json
    private static final double BTC_LONG_0_10K = 2.2525308722996182e-06;
    private static final double BTC_LONG_10K_50K = 3.578742993003588e-05;
    private static final double BTC_LONG_50K_100K = 7.730425921053905e-05;
    private static final double ETH_LONG_100K_500K = 0.00024011625082572308;
    private static final double SOL_SHORT_0_5K = 6.944545585852321e-05;

    @Test
    void forexIsTwoBasisPointsWhateverTheSize() { // test_forex_slippage
        double buy = Slippage.of(TradePair.USDCAD, BID, ASK, 1, ACCOUNT, WEDNESDAY);
        assertEquals(0.0002, buy);
        assertEquals(buy, Slippage.of(TradePair.USDCAD, BID, ASK, 3, ACCOUNT, WEDNESDAY));
        assertEquals(buy, Slippage.of(TradePair.USDCAD, BID, ASK, -3, ACCOUNT, WEDNESDAY));
        assertEquals(buy, Slippage.of(TradePair.USDCAD, BID, ASK, -1, ACCOUNT, WEDNESDAY));
    }

    @Test
    void forexIsFiveBasisPointsDuringTheNewYorkRollHour() {
        assertEquals(0.0005, Slippage.of(TradePair.EURUSD, BID, ASK, 1, ACCOUNT, ms("2026-03-04T22:30:00Z"))); // 17:30 EST
        // summer: New York is UTC-4, so the hour is 21:00-22:00 UTC
        assertEquals(0.0002, Slippage.of(TradePair.EURUSD, BID, ASK, 1, ACCOUNT, ms("2026-07-01T20:59:59Z")));
        assertEquals(0.0005, Slippage.of(TradePair.EURUSD, BID, ASK, 1, ACCOUNT, ms("2026-07-01T21:00:00Z")));
        assertEquals(0.0005, Slippage.of(TradePair.EURUSD, BID, ASK, 1, ACCOUNT, ms("2026-07-01T21:59:59.999Z")));
        assertEquals(0.0002, Slippage.of(TradePair.EURUSD, BID, ASK, 1, ACCOUNT, ms("2026-07-01T22:00:00Z")));
    }

    @Test
    void forexWithoutAQuoteHasNoSlippage() {
        assertEquals(0, Slippage.of(TradePair.EURUSD, 0, ASK, 1, ACCOUNT, WEDNESDAY));
        assertEquals(0, Slippage.of(TradePair.EURUSD, BID, 0, 1, ACCOUNT, WEDNESDAY));
    }

    @Test
    void cryptoFollowsTheEstimateOfItsSizeBucketTimesThree() { // test_crypto_slippage
        double buy = Slippage.of(TradePair.BTCUSD, BID, ASK, 0.25, ACCOUNT, WEDNESDAY); // $1,250
        assertEquals(BTC_LONG_0_10K * 3, buy);
        assertEquals(buy, Slippage.of(TradePair.BTCUSD, BID, ASK, 0.5, ACCOUNT, WEDNESDAY), "same bucket, same figure");
        double sell = Slippage.of(TradePair.SOLUSD, BID, ASK, -0.25, ACCOUNT, WEDNESDAY);
        assertEquals(SOL_SHORT_0_5K * 3, sell);
        double smallSell = Slippage.of(TradePair.SOLUSD, BID, ASK, -0.1, ACCOUNT, WEDNESDAY); // $500
        assertEquals(0, smallSell);
        assertTrue(smallSell < sell);
    }

    @Test
    void cryptoBucketsAreHalfOpenAndTheLastCoversLargerOrders() {
        // a bigger account moves the same leverage into other buckets; [low, high)
        assertEquals(BTC_LONG_0_10K * 3, Slippage.of(TradePair.BTCUSD, BID, ASK, 0.5, 19_999.98, WEDNESDAY));
        assertEquals(BTC_LONG_10K_50K * 3, Slippage.of(TradePair.BTCUSD, BID, ASK, 0.5, 20_000, WEDNESDAY));
        assertEquals(BTC_LONG_50K_100K * 3, Slippage.of(TradePair.BTCUSD, BID, ASK, 0.5, 100_000, WEDNESDAY));
        assertEquals(ETH_LONG_100K_500K * 3, Slippage.of(TradePair.ETHUSD, BID, ASK, 0.5, 2_000_000, WEDNESDAY),
                "$1M is past the last bucket");
    }

    @Test
    void cryptoNeedsNoQuote() {
        assertEquals(BTC_LONG_0_10K * 3, Slippage.of(TradePair.BTCUSD, 0, 0, 0.25, ACCOUNT, WEDNESDAY));
    }

    @Test
    void aNotionalOfAThousandDollarsOrLessHasNoSlippage() {
        assertEquals(0, Slippage.of(TradePair.EURUSD, BID, ASK, 0.2, ACCOUNT, WEDNESDAY)); // exactly $1,000
        assertEquals(0.0002, Slippage.of(TradePair.EURUSD, BID, ASK, 0.2002, ACCOUNT, WEDNESDAY));
        assertEquals(0, Slippage.of(TradePair.BTCUSD, BID, ASK, 0.2, ACCOUNT, WEDNESDAY));
    }

    @Test
    void aFlatSentWithLeverageZeroHasNoSlippage() {
        assertEquals(0, Slippage.of(TradePair.EURUSD, BID, ASK, 0, ACCOUNT, WEDNESDAY));
        assertEquals(0, Slippage.of(TradePair.BTCUSD, BID, ASK, 0, ACCOUNT, WEDNESDAY));
    }

    @Test
    void beforeTheV2SwitchCryptoHadAFixedFigurePerPair() {
        long v1 = Slippage.V2_AFTER_MS; // V2 applies strictly after
        assertEquals(0.00002, Slippage.of(TradePair.BTCUSD, BID, ASK, 0.5, ACCOUNT, v1));
        assertEquals(0.0002, Slippage.of(TradePair.DOGEUSD, BID, ASK, -0.5, ACCOUNT, v1));
        assertEquals(BTC_LONG_0_10K * 3, Slippage.of(TradePair.BTCUSD, BID, ASK, 0.5, ACCOUNT, v1 + 1));
    }

    @Test
    void pairsWithoutAModelAreRefusedAsPtnDoes() {
        assertThrows(IllegalArgumentException.class, () -> Slippage.of(TradePair.TAOUSD, BID, ASK, 0.5, ACCOUNT, WEDNESDAY));
        assertThrows(IllegalArgumentException.class, () -> Slippage.of(TradePair.SPX, BID, ASK, 1, ACCOUNT, WEDNESDAY));
        assertThrows(IllegalArgumentException.class, () -> Slippage.of(TradePair.NVDA, BID, ASK, 1, ACCOUNT, WEDNESDAY),
                "equities need the day's features");
    }

    @Test
    void equitiesUseTheFittedModelOfTheirSideAndSize() {
        DailyFeatures f = new DailyFeatures(0.5, 2e8);
        double mid = 99.5;
        double shares = 100_000 / mid; // 1x at DEFAULT_CAPITAL, whatever the account size
        // NVDA buy 50k_100k coefficients from PTN's all_model_parameters.json
        double expected = 2.005241171348896e-05 + 0.7494568385512808 * 1 / mid - 0.00014431860328509416 * 0.5
                + 19.08762172746892 * shares / 2e8;
        assertEquals(expected, Slippage.of(TradePair.NVDA, BID, ASK, 1, ACCOUNT, WEDNESDAY, f), 1e-15);
        // NVDA sell 10k_50k: a negative fit on a zero spread is clipped to 0
        assertEquals(0, Slippage.of(TradePair.NVDA, 100, 100, -0.3, ACCOUNT, WEDNESDAY, new DailyFeatures(0, 1e12)));
    }

    @Test
    void equitiesBeforeTwentyTwentyFiveUseTheDirectModelCappedAtThreePercent() {
        long dec2024 = ms("2024-12-02T15:00:00Z");
        DailyFeatures f = new DailyFeatures(0.5, 2e8);
        double mid = 99.5;
        double expected = 0.433 * 1 / mid
                + 0.335 * Math.sqrt(0.5 * 0.5 / 3 / 250) * Math.sqrt((100_000 / mid) / (0.3 * 2e8));
        assertEquals(expected, Slippage.of(TradePair.NVDA, BID, ASK, 1, ACCOUNT, dec2024, f), 1e-15);
        assertEquals(Slippage.MAX, Slippage.of(TradePair.NVDA, 50, 100, 1, ACCOUNT, dec2024, f));
    }

    @Test
    void equitiesSizeLabels() {
        assertEquals("10k_50k", Slippage.equitySizeLabel(30_000));
        assertEquals("50k_100k", Slippage.equitySizeLabel(100_000));
        assertEquals("100k_200k", Slippage.equitySizeLabel(100_000.01));
        assertEquals("200k_300k", Slippage.equitySizeLabel(300_000));
        assertThrows(IllegalArgumentException.class, () -> Slippage.equitySizeLabel(300_001));
    }
}
