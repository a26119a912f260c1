package io.ptn.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ptn.domain.TradePair;

/**
 * PTN's own cases from {@code tests/vali_tests/test_positions.py} (commit c6885610), each citing the PTN test it
 * follows. PTN compares its figures with ==; here within 1e-12.
 */
class PositionsTest {

    static final long OPEN_MS = 1000; // PTN's DEFAULT_OPEN_MS
    static final long H8 = Fees.MS_IN_8_HOURS;
    static final long V2 = LeverageBounds.LEVERAGE_BOUNDS_V2_START_TIME_MS;
    static final long CAP_START = LeverageBounds.PORTFOLIO_LEVERAGE_BOUNDS_START_TIME_MS;
    static final double CAP = LeverageBounds.PORTFOLIO_LEVERAGE_CAP;

    static Position empty(TradePair pair, long openMs) {
        return Positions.empty("test_position", "test_miner", pair, openMs);
    }

    static Position add(Position p, OrderType type, double leverage, double price, long ms) {
        return add(p, type, leverage, price, 0, ms, 0);
    }

    static Position add(Position p, OrderType type, double leverage, double price, double slippage, long ms,
            double portfolio) {
        return fill(p, type, leverage, price, slippage, ms, portfolio).position();
    }

    static Positions.Filled fill(Position p, OrderType type, double leverage, double price, double slippage, long ms,
            double portfolio) {
        return Positions.addOrder(p, new Positions.NewOrder("o" + ms, type, leverage, price, slippage, ms,
                OrderSource.ORGANIC), portfolio, CAP);
    }

    static void refused(Position p, OrderType type, double leverage, double price, long ms, double portfolio) {
        assertThrows(OrderRefusedException.class, () -> fill(p, type, leverage, price, 0, ms, portfolio));
    }

    static void same(double expected, double actual) {
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)));
    }

    // test_returns_on_large_price_increase: PTN 43.81 (the earlier rules here gave 25.09)
    @Test
    void largePriceIncreaseReturnsRelativeToTheInitialEntryPrice() {
        Position p = empty(TradePair.BTCUSD, OPEN_MS);
        p = add(p, OrderType.LONG, 1.0, 1000, 1000);
        p = add(p, OrderType.LONG, 0.1, 2000, 2000);
        p = add(p, OrderType.LONG, .01, 39000, 3000);
        p = add(p, OrderType.LONG, .01, 40000, 4000);
        p = add(p, OrderType.FLAT, 0, 40000, 5000);
        assertFalse(p.isOpen());
        assertEquals(OrderType.FLAT, p.positionType());
        same(0.0, p.netLeverage());
        same(1000, p.initialEntryPrice());
        same(1776.7857142857142, p.averageEntryPrice());
        same(43.81, p.returnWithoutFees());
        same(43.7609328, p.returnWithFees());
        assertEquals(5000L, p.closeMs());
        same(1.12, Fees.maxLeverageSeen(p.orders()));
        same(2.24, Fees.cumulativeLeverage(p.orders()));
    }

    // test_simple_long_position_with_explicit_FLAT
    @Test
    void explicitFlatAfterOneCarryIntervalChargesSpreadAndOneCryptoInterval() {
        long t0 = Fees.FEE_V6_TIME_MS;
        Position p = add(empty(TradePair.BTCUSD, t0), OrderType.LONG, 1.0, 100, t0);
        same(1.0, p.returnWithoutFees());
        same(0.999, p.returnWithFees());
        same(100, p.averageEntryPrice());
        p = add(p, OrderType.FLAT, 0, 110, t0 + H8 + 1000);
        assertFalse(p.isOpen());
        same(1.1, p.returnWithoutFees());
        same(1.0976837374307222, p.returnWithFees());
        same(1.0, Fees.maxLeverageSeen(p.orders()));
        same(2.0, Fees.cumulativeLeverage(p.orders()));
        same(Fees.CRYPTO_CARRY_FEE_PER_INTERVAL, Fees.carry(p, t0 + H8 + 1000).factor());
    }

    // test_simple_long_position_with_implicit_FLAT
    @Test
    void orderThatFlipsTheSignBecomesAFlatAndClosesThePosition() {
        long t0 = Fees.FEE_V6_TIME_MS;
        Position p = add(empty(TradePair.BTCUSD, t0), OrderType.LONG, 1.0, 500, t0);
        Positions.Filled f = fill(p, OrderType.SHORT, 2.0, 1000, 0, t0 + 10 * H8, 0);
        p = f.position();
        assertTrue(f.closedPosition());
        assertEquals(OrderType.FLAT, f.order().orderType());
        same(-1.0, f.order().leverage());
        assertFalse(p.isOpen());
        same(0.0, p.netLeverage());
        same(500, p.averageEntryPrice());
        same(2.0, p.returnWithoutFees());
        same(1.993887142229985, p.returnWithFees());
        same(1.0, Fees.maxLeverageSeen(p.orders()));
        same(2.0, Fees.cumulativeLeverage(p.orders()));
        assertEquals(Math.pow(Fees.CRYPTO_CARRY_FEE_PER_INTERVAL, 10), Fees.carry(p, t0 + 10 * H8).factor(), 1e-7);
    }

    // test_simple_short_position_with_explicit_FLAT
    @Test
    void shortClosedAfterThreeIntervalsPaysThreeCryptoCarryIntervals() {
        long t0 = Fees.FEE_V6_TIME_MS + 1;
        Position p = add(empty(TradePair.BTCUSD, t0), OrderType.SHORT, 1.0, 100, t0);
        same(1.0, Fees.carry(p, t0).factor());
        same(-1.0, p.netLeverage());
        same(0.999, p.returnWithFees());
        p = add(p, OrderType.FLAT, 0, 90, Fees.FEE_V6_TIME_MS + 3 * H8 + 1000);
        same(1.1, p.returnWithoutFees());
        same(1.0974512492292436, p.returnWithFees());
        assertEquals(Math.pow(Fees.CRYPTO_CARRY_FEE_PER_INTERVAL, 3), Fees.carry(p, p.closeMs()).factor(), 1e-12);
    }

    // test_carry_fee_edge_case: at a boundary the next change is 8 h later, not now
    @Test
    void carryFeeAtAnIntervalBoundaryNextChangesEightHoursLater() {
        long t0 = 1721228840870L; // Wednesday, July 17, 2024 15:07:20.870 UTC
        long july24At4 = 1721793600000L; // 2024-07-24 04:00:00 UTC
        Position p = add(empty(TradePair.BTCUSD, t0), OrderType.LONG, 1.0, 500, t0);
        long next = Fees.carry(p, july24At4).nextUpdateMs();
        assertNotEquals(july24At4, next);
        assertEquals(july24At4 + H8, next);
    }

    // test_liquidated_long_position_with_explicit_FLAT
    @Test
    void flatAtALossOfAllTheEquityLiquidatesAndKeepsTheNetLeverage() {
        Position p = add(empty(TradePair.BTCUSD, OPEN_MS), OrderType.LONG, 10.0, 100, 1000);
        same(0.99, p.returnWithFees());
        Positions.Filled f = fill(p, OrderType.FLAT, 0, 50, 0, 2000, 0);
        p = f.position();
        assertTrue(f.liquidated());
        assertFalse(p.isOpen());
        assertEquals(2, p.orders().size()); // the FLAT closed it: no FLAT added
        same(10.0, p.netLeverage());
        same(0.0, p.returnWithoutFees());
        same(0.0, p.returnWithFees());
        assertEquals(2000L, p.closeMs());
        assertEquals(Position.LIQUIDATED, p.closeReason());
        same(10.0, Fees.maxLeverageSeen(p.orders()));
        same(20.0, Fees.cumulativeLeverage(p.orders()));
    }

    // test_liquidated_short_position_with_explicit_FLAT
    @Test
    void shortFlatAtNinetyTimesThePriceLiquidates() {
        Position p = add(empty(TradePair.BTCUSD, OPEN_MS), OrderType.SHORT, 1.0, 100, 1000);
        p = add(p, OrderType.FLAT, 0, 9000, 2000);
        same(-1.0, p.netLeverage());
        same(0.0, p.returnWithoutFees());
        assertEquals(2, p.orders().size());
        same(2.0, Fees.cumulativeLeverage(p.orders()));
    }

    // test_liquidated_short_position_with_no_FLAT
    @Test
    void orderThatLiquidatesAddsAFlatAndLaterOrdersAreRefused() {
        Position p = add(empty(TradePair.BTCUSD, OPEN_MS), OrderType.SHORT, 1.0, 100, 1000);
        p = add(p, OrderType.LONG, .1, 9000, 2000);
        assertEquals(3, p.orders().size());
        PositionOrder flat = p.orders().get(2);
        assertEquals(OrderSource.PRICE_FILLED_ELIMINATION_FLAT, flat.source());
        assertEquals(OrderType.FLAT, flat.orderType());
        assertEquals("noitisop_tset", flat.orderUuid()); // PTN: the position uuid reversed
        same(9000, flat.basePrice()); // here: the liquidating order's price (PTN: its price fetcher at that time)
        assertFalse(p.isOpen());
        assertEquals(2000L, p.closeMs());
        same(-1.0, p.netLeverage());
        same(0.0, p.returnWithoutFees());
        same(0.0, p.returnWithFees());
        Position closed = p;
        assertThrows(OrderRefusedException.class, () -> fill(closed, OrderType.LONG, .1, 9000, 0, 3000, 0));
        same(1.0, Fees.maxLeverageSeen(p.orders()));
        same(2.0, Fees.cumulativeLeverage(p.orders()));
    }

    // test_liquidated_long_position_with_no_FLAT
    @Test
    void longLiquidatedByAReducingOrder() {
        Position p = add(empty(TradePair.BTCUSD, OPEN_MS), OrderType.LONG, 10, 100, 1000);
        p = add(p, OrderType.SHORT, .1, 50, 2000);
        assertEquals(3, p.orders().size());
        same(10, p.netLeverage());
        same(0.0, p.returnWithFees());
        same(20, Fees.cumulativeLeverage(p.orders()));
    }

    // test_simple_short_position_with_implicit_FLAT: before fee V4 the fee is 1 - fee rate x max leverage
    @Test
    void shortFlippedBeforeFeeV4PaysTheOldSingleFee() {
        Position p = add(empty(TradePair.BTCUSD, OPEN_MS), OrderType.SHORT, 1.0, 1000, 1000);
        same(.999, p.returnWithFees());
        p = add(p, OrderType.LONG, 2.0, 500, 2000);
        assertFalse(p.isOpen());
        same(1.5, p.returnWithoutFees());
        same(1.4985, p.returnWithFees());
    }

    // test_three_orders_with_longs_no_drawdown
    @Test
    void addingMovesTheAverageEntryAndTheReturnIsOnTheOldNetAtTheNewPrice() {
        Position p = add(empty(TradePair.BTCUSD, OPEN_MS), OrderType.LONG, 1.0, 1000, 1000);
        p = add(p, OrderType.LONG, 0.1, 2000, 2000);
        same(1.1, p.netLeverage());
        same(1090.9090909090908, p.averageEntryPrice());
        same(2.0, p.returnWithoutFees());
        same(1.9978, p.returnWithFees());
        p = add(p, OrderType.FLAT, 0, 2000, 5000);
        same(2.0, p.returnWithoutFees());
        same(1.9978, p.returnWithFees());
        assertEquals(5000L, p.closeMs());
        same(1.1, Fees.maxLeverageSeen(p.orders()));
        same(2.2, Fees.cumulativeLeverage(p.orders()));
    }

    // test_two_orders_with_a_loss
    @Test
    void lossBeforeCarryStartsPaysOnlyTheSpreadFee() {
        long t1 = Fees.FEE_V6_TIME_MS - 24 * 3600_000L;
        long t2 = Fees.FEE_V6_TIME_MS - 12 * 3600_000L;
        Position p = add(empty(TradePair.BTCUSD, t1), OrderType.LONG, 1.0, 1000, t1);
        p = add(p, OrderType.FLAT, 0, 500, t2);
        same(0.5, p.returnWithoutFees());
        same(0.499, p.returnWithFees());
        same(1.0 - TradePair.BTCUSD.feeRate() * 2, Fees.spreadFee(p.tradePair(), p.orders()));
        same(1.0, Fees.carry(p, t2).factor());
    }

    // test_three_orders_with_a_loss_and_then_a_gain: before slippage V1 a reduction moves the average entry
    @Test
    void reductionBeforeSlippageV1MovesTheAverageEntry() {
        long day = 24 * 3600_000L;
        long t1 = Fees.FEE_V6_TIME_MS - day;
        Position p = add(empty(TradePair.BTCUSD, t1), OrderType.LONG, 1.0, 1000, t1);
        p = add(p, OrderType.LONG, 0.1, 500, Fees.FEE_V6_TIME_MS - day / 2);
        same(954.5454545454545, p.averageEntryPrice());
        same(0.5, p.returnWithoutFees());
        same(0.49945, p.returnWithFees());
        p = add(p, OrderType.SHORT, 0.1, 1000, Fees.FEE_V6_TIME_MS - 4 * 3600_000L);
        assertTrue(p.isOpen());
        same(1.0, p.netLeverage());
        same(950.0, p.averageEntryPrice());
        same(1.05, p.returnWithoutFees());
        same(1.04874, p.returnWithFees());
        same(1.1, Fees.maxLeverageSeen(p.orders()));
        assertEquals(1.2, Fees.cumulativeLeverage(p.orders()), 1e-8);
    }

    // test_returns_on_many_shorts
    @Test
    void manyShorts() {
        Position p = empty(TradePair.BTCUSD, OPEN_MS);
        p = add(p, OrderType.SHORT, 1.0, 1000, 1000);
        p = add(p, OrderType.SHORT, 0.1, 900, 2000);
        p = add(p, OrderType.SHORT, .01, 800, 3000);
        p = add(p, OrderType.SHORT, .01, 700, 4000);
        p = add(p, OrderType.FLAT, 0, 600, 5000);
        same(986.6071428571428, p.averageEntryPrice());
        same(1.4329999999999998, p.returnWithoutFees());
        same(1.4313950399999997, p.returnWithFees());
        same(1.12, Fees.maxLeverageSeen(p.orders()));
        same(2.24, Fees.cumulativeLeverage(p.orders()));
    }

    // test_returns_on_alternating_long_short
    @Test
    void alternatingLongAndShortWithoutCrossingZero() {
        Position p = empty(TradePair.BTCUSD, OPEN_MS);
        p = add(p, OrderType.SHORT, 1.0, 1000, 1000);
        p = add(p, OrderType.LONG, 0.5, 900, 2000);
        p = add(p, OrderType.SHORT, 2.0, 800, 3000);
        p = add(p, OrderType.LONG, 2.1, 700, 4000);
        p = add(p, OrderType.FLAT, 0, 600, 5000);
        same(1700.0000000000005, p.averageEntryPrice());
        same(1.44, p.returnWithoutFees());
        same(1.4364000000000001, p.returnWithFees());
        same(2.5, Fees.maxLeverageSeen(p.orders()));
        same(6.0, Fees.cumulativeLeverage(p.orders()));
    }

    // test_position_returns_across_slippage_boundary
    @Test
    void positionOpenedBeforeSlippageAndClosedAfterIt() {
        Position p = empty(TradePair.USDJPY, OPEN_MS);
        p = add(p, OrderType.SHORT, 3, 152.053, 0.00, 1739929944096L, 0);
        p = add(p, OrderType.FLAT, 3, 151.821, 1.6840600345420394e-05, 1739938331996L, 0);
        assertEquals(1.0045269066025986, p.returnWithoutFees(), 0);
    }

    // test_position_returns_one_order: a short gains as the price falls
    @Test
    void markingAShortAtLowerPricesRaisesItsReturn() {
        Position p = add(empty(TradePair.BTCUSD, 1742910011691L), OrderType.SHORT, 0.1, 100, 0.01, 1742910011691L, 0);
        same(1.0, p.returnWithoutFees());
        double r1 = Positions.mark(p, 90, 1742910011691L + 60_000).returnWithoutFees();
        double r2 = Positions.mark(p, 80, 1742910011691L + 120_000).returnWithoutFees();
        assertNotEquals(1.0, r1);
        assertTrue(r1 < r2);
        // 1 + (100 x 0.99 - 90) x 0.1 / (100 x 0.99): unrealized on the net, relative to the initial entry with slippage
        same(1 + (99 - 90) * 0.1 / 99, r1);
    }

    // test_profit_position_returns_pre_post_slippage / test_loss_...: with no slippage both calculations agree
    @Test
    void withoutSlippageTheRealizedUnrealizedSplitEqualsTheOldCalculation() {
        for (OrderType open : new OrderType[] { OrderType.LONG, OrderType.SHORT }) {
            OrderType against = open == OrderType.LONG ? OrderType.SHORT : OrderType.LONG;
            double[] results = new double[2];
            long[] starts = { OPEN_MS, Positions.SLIPPAGE_V1_TIME_MS + 1000 };
            for (int i = 0; i < 2; i++) {
                long t = starts[i];
                Position p = add(empty(TradePair.EURUSD, t), open, 1, 100, t);
                p = add(p, against, 0.5, 110, t + 1000);
                p = add(p, open, 1, 100, t + 2000);
                p = add(p, OrderType.FLAT, 0, 110, t + 3000);
                results[i] = p.returnWithoutFees();
            }
            same(results[0], results[1]);
        }
    }

    // test_maximum_leverage_in_interval_monotone_increasing
    @Test
    void maxLeverageInIntervalWhileIncreasing() {
        Position p = empty(TradePair.BTCUSD, OPEN_MS);
        for (int i = 0; i < 10; i++) {
            p = add(p, OrderType.LONG, .1 + i / 10.0, 100, 1000 + i * 10);
        }
        long[][] iv = { { 1000, 1001 }, { 1000, 1010 }, { 1000, 1020 }, { 1000, 1030 }, { 1000, 1040 }, { 1000, 1050 },
                { 1000, 1060 }, { 1000, 1070 }, { 1000, 1080 }, { 1000, 1090 }, { 1000, 1100 }, { 1085, 1085 },
                { 1090, 1090 }, { 1010, 1020 }, { 1020, 1030 }, { 1030, 1040 }, { 1040, 1050 }, { 1050, 1060 },
                { 1060, 1070 }, { 1070, 1080 }, { 1080, 1090 }, { 1090, 1100 }, { 1100, 1150 }, { 1500, 1500 } };
        double[] expected = { 0.1, 0.3, 0.6, 1.0, 1.5, 2.1, 2.8, 3.6, 4.5, 5.5, 5.5, 4.5, 5.5, 0.6, 1.0, 1.5, 2.1, 2.8,
                3.6, 4.5, 5.5, 5.5, 5.5, 5.5 };
        for (int i = 0; i < iv.length; i++) {
            assertEquals(expected[i], Fees.maxLeverageSeenInInterval(p, iv[i][0], iv[i][1]), 1e-7,
                    iv[i][0] + ".." + iv[i][1]);
        }
        Position q = p;
        long[][] invalid = { { 900, 950 }, { 1050, 1000 }, { -100, 1000 }, { 1000, -100 } };
        for (long[] bad : invalid) {
            assertThrows(IllegalArgumentException.class, () -> Fees.maxLeverageSeenInInterval(q, bad[0], bad[1]),
                    bad[0] + ".." + bad[1]);
        }
    }

    // test_maximum_leverage_in_interval_ups_and_downs
    @Test
    void maxLeverageInIntervalWithUpsAndDowns() {
        Position p = empty(TradePair.BTCUSD, OPEN_MS);
        for (int i = 0; i < 10; i++) {
            boolean shortOrder = i % 2 == 0;
            p = add(p, shortOrder ? OrderType.SHORT : OrderType.LONG, shortOrder ? 1 : 0.5, 100, 1000 + i * 10);
        }
        long[][] iv = { { 1000, 1001 }, { 1000, 1010 }, { 1000, 1020 }, { 1000, 1030 }, { 1000, 1040 }, { 1000, 1050 },
                { 1000, 1060 }, { 1000, 1070 }, { 1000, 1080 }, { 1000, 1090 }, { 1000, 1100 }, { 1085, 1085 },
                { 1090, 1090 }, { 1010, 1020 }, { 1020, 1030 }, { 1030, 1040 }, { 1040, 1050 }, { 1050, 1060 },
                { 1060, 1070 }, { 1070, 1080 }, { 1080, 1090 }, { 1090, 1100 }, { 1100, 1150 }, { 1500, 1500 } };
        double[] expected = { 1, 1, 1.5, 1.5, 2.0, 2.0, 2.5, 2.5, 3.0, 3.0, 3.0, 3.0, 2.5, 1.5, 1.5, 2.0, 2.0, 2.5, 2.5,
                3.0, 3.0, 2.5, 2.5, 2.5 };
        for (int i = 0; i < iv.length; i++) {
            assertEquals(expected[i], Fees.maxLeverageSeenInInterval(p, iv[i][0], iv[i][1]), 1e-7,
                    iv[i][0] + ".." + iv[i][1]);
        }
    }

    // test_two_positions_no_collisions: indices and forex carry one daily interval at the leverage held
    @Test
    void indicesAndForexPayOneDailyCarryIntervalAfterADay() {
        long weekday = Fees.FEE_V6_TIME_MS + 3 * 24 * 3600_000L;
        Position spx = add(empty(TradePair.SPX, weekday), OrderType.SHORT, 0.4, 1000, weekday);
        Position eurjpy = add(empty(TradePair.EURJPY, weekday), OrderType.SHORT, 0.4, 500, weekday);
        same(1.0, spx.returnWithFees()); // no spread fee outside crypto
        same(1.0, eurjpy.returnWithFees());
        same(0.4, Fees.cumulativeLeverage(spx.orders()));
        same(Math.pow(Fees.INDICES_CARRY_FEE_PER_INTERVAL, 0.4), Fees.carry(spx, weekday + Fees.MS_IN_24_HOURS).factor());
        same(Math.pow(Fees.FOREX_CARRY_FEE_PER_INTERVAL, 0.4), Fees.carry(eurjpy, weekday + Fees.MS_IN_24_HOURS).factor());
    }

    // test_leverage_clamping_v1_long / test_leverage_clamping_v2_long
    @Test
    void longOverThePairMaximumIsClampedToWhatIsLeft() {
        Position v1 = add(empty(TradePair.BTCUSD, OPEN_MS), OrderType.LONG, 18, 69000, 1000);
        Positions.Filled f = fill(v1, OrderType.LONG, 20, 69000, 0, 2000, 0);
        same(2, f.order().leverage());
        same(20, f.position().netLeverage());
        same(20, Fees.cumulativeLeverage(f.position().orders()));

        double max = TradePair.BTCUSD.maxLeverage();
        Position v2 = add(empty(TradePair.BTCUSD, V2), OrderType.LONG, max / 2, 69000, V2);
        f = fill(v2, OrderType.LONG, max, 69000, 0, V2 + 2000, 0);
        same(max / 2, f.order().leverage());
        same(max, f.position().netLeverage());
    }

    // test_leverage_clamping_short_v1 / test_leverage_clamping_short_v2
    @Test
    void shortOverThePairMaximumIsClampedToWhatIsLeft() {
        Position v1 = add(empty(TradePair.BTCUSD, OPEN_MS), OrderType.SHORT, 10, 4444, 1000);
        Positions.Filled f = fill(v1, OrderType.SHORT, 11, 4444, 0, 2000, 0);
        same(-10, f.order().leverage());
        same(-20, f.position().netLeverage());

        double max = TradePair.BTCUSD.maxLeverage();
        Position v2 = add(empty(TradePair.BTCUSD, V2), OrderType.SHORT, max * .8, 4444, V2);
        f = fill(v2, OrderType.SHORT, max, 4444, 0, V2 + 2000, 0);
        same(-1.0 * (max - max * .8), f.order().leverage());
        same(-max, f.position().netLeverage());
    }

    // test_leverage_clamping_v1_skip_long_order / v2 / test_leverage_v1_clamping_skip_short_order / v2
    @Test
    void orderOnAPositionAlreadyAtItsMaximumIsRefused() {
        Position v1 = add(empty(TradePair.BTCUSD, OPEN_MS), OrderType.LONG, 20, 100000, 1000);
        refused(v1, OrderType.LONG, 1.0, 100000, 2000, 0);
        Position v1s = add(empty(TradePair.BTCUSD, OPEN_MS), OrderType.SHORT, 20, 999, 1000);
        refused(v1s, OrderType.SHORT, 1.0, 999, 2000, 0);
        double max = TradePair.BTCUSD.maxLeverage();
        Position v2 = add(empty(TradePair.BTCUSD, V2), OrderType.LONG, max, 100000, V2);
        refused(v2, OrderType.LONG, max / 10, 100000, V2 + 2000, 0);
        Position v2s = add(empty(TradePair.BTCUSD, V2), OrderType.SHORT, max, 999, V2);
        refused(v2s, OrderType.SHORT, max / 10, 999, V2 + 2000, 0);
        assertEquals(1, v2s.orders().size());
    }

    // test_leverage_clamping_v2_clamps_leverage_to_small
    @Test
    void trimThatLeavesLessThanThePairMinimumIsRefused() {
        double min = TradePair.BTCUSD.minLeverage();
        Position p = add(empty(TradePair.BTCUSD, V2), OrderType.LONG, min * 1.5, 4444, V2);
        refused(p, OrderType.SHORT, min, 4444, V2 + 2000, 0);
    }

    // test_transition_to_positional_leverage_v2_high_positive_leverage / _high_negative_leverage
    @Test
    void positionOverTheNewBoundMayOnlyShrink() {
        double max = LeverageBounds.position(TradePair.BTCUSD, V2 + 1).max();
        Position p = add(empty(TradePair.BTCUSD, OPEN_MS), OrderType.LONG, max * 2, 69000, 1000);
        refused(p, OrderType.LONG, LeverageBounds.ORDER_MIN_LEVERAGE, 69000, V2 + 1, 0);
        p = add(p, OrderType.SHORT, LeverageBounds.ORDER_MIN_LEVERAGE, 69000, V2 + 10);
        same(max * 2 - LeverageBounds.ORDER_MIN_LEVERAGE, p.netLeverage());

        Position s = add(empty(TradePair.BTCUSD, OPEN_MS), OrderType.SHORT, max * 2, 69000, 1000);
        refused(s, OrderType.SHORT, LeverageBounds.ORDER_MIN_LEVERAGE, 69000, V2 + 1, 0);
        s = add(s, OrderType.LONG, LeverageBounds.ORDER_MIN_LEVERAGE, 69000, V2 + 10);
        same(-max * 2 + LeverageBounds.ORDER_MIN_LEVERAGE, s.netLeverage());
    }

    // test_transition_to_positional_leverage_v2_small_positive_leverage / _small_negative_leverage
    @Test
    void positionUnderTheNewMinimumMayGrowButNotShrink() {
        double tiny = LeverageBounds.ORDER_MIN_LEVERAGE;
        Position p = add(empty(TradePair.BTCUSD, OPEN_MS), OrderType.LONG, tiny * 2, 69000, 1000);
        refused(p, OrderType.SHORT, tiny, 69000, V2 + 1, 0);
        p = add(p, OrderType.LONG, tiny, 69000, V2 + 10);
        same(tiny * 2 + tiny, p.netLeverage());

        Position s = add(empty(TradePair.BTCUSD, OPEN_MS), OrderType.SHORT, tiny * 2, 69000, 1000);
        refused(s, OrderType.LONG, tiny, 69000, V2 + 1, 0);
        s = add(s, OrderType.SHORT, tiny, 69000, V2 + 10);
        same(-tiny * 2 - tiny, s.netLeverage());
    }

    // test_long_order_leverage_already_at_portfolio_limit
    @Test
    void newPositionIsRefusedWhenThePortfolioIsAtItsCap() {
        Position audcad = add(empty(TradePair.AUDCAD, CAP_START + 1000), OrderType.LONG, TradePair.AUDCAD.maxLeverage(), 100,
                0, CAP_START + 1000, 0);
        Position btc = add(empty(TradePair.BTCUSD, CAP_START + 1000), OrderType.LONG, TradePair.BTCUSD.maxLeverage(), 100, 0,
                CAP_START + 1000, audcad.adjustedLeverage());
        double portfolio = LeverageBounds.portfolioLeverage(List.of(audcad, btc));
        same(10.0, portfolio);
        OrderRefusedException e = assertThrows(OrderRefusedException.class,
                () -> fill(empty(TradePair.ETHUSD, CAP_START + 2000), OrderType.LONG, 0.1, 100, 0, CAP_START + 2000,
                        portfolio));
        assertEquals("leverage", e.field());
        assertTrue(e.getMessage().contains("cap"), e.getMessage());
    }

    // test_long_order_crypto_leverage_exceed_portfolio_limit / _forex_ / test_short_order_leverage_exceed_portfolio_limit
    @Test
    void orderOverThePortfolioCapIsClampedByTheMultiplier() {
        long t = CAP_START + 2000;
        // 5 (AUDCAD) + 0.4 x 10 (BTC) = 9: 1 left, 0.1 of crypto
        Positions.Filled eth = fill(empty(TradePair.ETHUSD, t), OrderType.LONG, 0.2, 100, 0, t, 9.0);
        same(0.1, eth.order().leverage());
        Positions.Filled audjpy = fill(empty(TradePair.AUDJPY, t), OrderType.LONG, 2, 100, 0, t, 9.0);
        same(1, audjpy.order().leverage());
        Positions.Filled ethShort = fill(empty(TradePair.ETHUSD, t), OrderType.SHORT, 0.2, 100, 0, t, 9.0);
        same(-0.1, ethShort.order().leverage());
        Position btc = add(empty(TradePair.BTCUSD, CAP_START + 1000), OrderType.LONG, TradePair.BTCUSD.maxLeverage() - 0.1,
                100, 0, CAP_START + 1000, 5);
        same(9.0, 5 + btc.adjustedLeverage());
    }

    // test_position_below_min_while_portfolio_lev_exceeded
    @Test
    void trimBelowTheMinimumWhileThePortfolioIsOverItsCapIsRefused() {
        long before = V2 - 1000;
        Position usdcad = add(empty(TradePair.USDCAD, before), OrderType.LONG, 50, 100, before);
        Position audcad = add(empty(TradePair.AUDCAD, before), OrderType.LONG, 50, 100, 0, before, usdcad.adjustedLeverage());
        double portfolio = LeverageBounds.portfolioLeverage(List.of(usdcad, audcad));
        refused(audcad, OrderType.SHORT, 49.99, 100, CAP_START + 1000, portfolio);
        same(50, audcad.netLeverage());
    }

    // test_invalid_leverage_order
    @Test
    void leverageOutsideTheOrderBoundsOrBelowThePairMinimumIsRefused() {
        Position v1 = empty(TradePair.BTCUSD, OPEN_MS);
        Position v2 = empty(TradePair.BTCUSD, V2);
        double minV1 = LeverageBounds.position(TradePair.BTCUSD, V2 - 1).min();
        refused(v1, OrderType.LONG, LeverageBounds.ORDER_MIN_LEVERAGE * .999, 100, 1000, 0);
        refused(v1, OrderType.LONG, LeverageBounds.ORDER_MAX_LEVERAGE * 1.0001, 100, 1000, 0);
        refused(v1, OrderType.SHORT, LeverageBounds.ORDER_MIN_LEVERAGE * .999, 100, 1000, 0);
        refused(v1, OrderType.SHORT, LeverageBounds.ORDER_MAX_LEVERAGE * 1.0001, 100, 1000, 0);
        refused(v1, OrderType.LONG, 0.0, 100, 1000, 0);
        refused(v2, OrderType.LONG, 0.0, 100, V2, 0);
        refused(v1, OrderType.SHORT, minV1 * .999, 100, V2 - 1, 0);
        refused(v2, OrderType.SHORT, TradePair.BTCUSD.minLeverage() * .999, 100, V2, 0);
        refused(v1, OrderType.LONG, -1.0, 100, 1000, 0);
        refused(v2, OrderType.LONG, -1.0, 100, V2, 0);
        refused(v1, OrderType.LONG, minV1 * .999, 100, V2 - 1, 0);
        refused(v2, OrderType.LONG, TradePair.BTCUSD.minLeverage() * .999, 100, V2, 0);
    }

    // test_invalid_prices_zero
    @Test
    void zeroPriceIsAnError() {
        assertThrows(IllegalArgumentException.class,
                () -> fill(empty(TradePair.BTCUSD, OPEN_MS), OrderType.LONG, 1.0, 0, 0, 1000, 0));
    }

    // test_fake_flat_order: a FLAT priced at 0 (deprecated elimination FLAT) closes without touching the returns
    @Test
    void zeroPricedEliminationFlatLeavesTheReturnsAsTheyWere() {
        Position p = empty(TradePair.BTCUSD, OPEN_MS);
        for (int i = 0; i < 10; i++) {
            p = add(p, OrderType.LONG, .1 + i / 10.0, 100, 1000 + i * 10);
        }
        Position rebuilt = Positions.rebuild(p);
        double before = rebuilt.returnWithFees();
        Position closed = Positions.addOrder(rebuilt, new Positions.NewOrder("noitisop_tset", OrderType.FLAT, 0, 1, 0,
                12345, OrderSource.ELIMINATION_FLAT), 0, CAP).position();
        assertEquals(before, closed.returnWithFees(), 0);
        assertEquals(11, closed.orders().size());
        Position again = Positions.rebuild(closed);
        assertEquals(before, again.returnWithFees(), 0);
        assertEquals(11, again.orders().size());
    }

    // a FLAT with no open position: PTN ignores it silently; here it is refused (docs/domain.md)
    @Test
    void flatWithoutAnOpenPositionIsRefused() {
        OrderRefusedException e = assertThrows(OrderRefusedException.class,
                () -> fill(empty(TradePair.BTCUSD, OPEN_MS), OrderType.FLAT, 0, 100, 0, 1000, 0));
        assertEquals("orderType", e.field());
    }

    @Test
    void markThatTakesTheReturnToZeroLiquidatesWithAFlatAtTheMark() {
        long t = Positions.SLIPPAGE_V1_TIME_MS + 1000;
        Position p = add(empty(TradePair.ETHUSD, t), OrderType.SHORT, 0.5, 3000, t);
        Position still = Positions.mark(p, 2000, t + 60_000);
        assertTrue(still.isOpen());
        same(1 + (2000 - 3000) * -0.5 / 3000, still.returnWithoutFees());
        Position gone = Positions.mark(p, 9001, t + 120_000);
        assertFalse(gone.isOpen());
        assertEquals(Position.LIQUIDATED, gone.closeReason());
        assertEquals(t + 120_000, gone.closeMs());
        PositionOrder flat = gone.orders().get(gone.orders().size() - 1);
        assertEquals(OrderType.FLAT, flat.orderType());
        assertEquals(OrderSource.PRICE_FILLED_ELIMINATION_FLAT, flat.source());
        same(9001, flat.basePrice());
        assertEquals(t + 120_000, flat.processedMs());
        same(0, gone.returnWithFees());
        // a closed position stays as it is
        assertEquals(gone, Positions.mark(gone, 5000, t + 180_000));
        // rebuilt from its orders it is the same liquidated position
        Position rebuilt = Positions.rebuild(gone);
        assertFalse(rebuilt.isOpen());
        assertEquals(gone.orders(), rebuilt.orders());
        same(0, rebuilt.returnWithFees());
        assertEquals(Position.LIQUIDATED, rebuilt.closeReason());
    }

    // PTN appends a second liquidation FLAT each time an order-liquidated position is rebuilt; here it is not
    @Test
    void rebuildingAPositionLiquidatedByAnOrderKeepsOneFlat() {
        Position p = add(empty(TradePair.BTCUSD, OPEN_MS), OrderType.SHORT, 1.0, 100, 1000);
        p = add(p, OrderType.LONG, .1, 9000, 2000);
        Position rebuilt = Positions.rebuild(p);
        assertEquals(p.orders(), rebuilt.orders());
        assertFalse(rebuilt.isOpen());
        same(0, rebuilt.returnWithFees());
    }
}
