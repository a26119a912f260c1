package io.ptn.validator;

import java.util.ArrayList;
import java.util.List;

import io.ptn.domain.TradePair;
import io.ptn.domain.TradePairCategory;

/**
 * Position arithmetic: average entry, net leverage, realised and unrealised return, spread and carry fees.
 * <p>
 * Return = (1 + realised + unrealised) x spread fees x carry fees, where unrealised = (mark - entry) / entry x net
 * leverage; each order multiplies the spread factor by {@code 1 - fee * |leverage|}; carry is charged per elapsed
 * period on the net leverage held (crypto 10.95 %/yr every 8 h, forex 3 %/yr and indices 5.25 %/yr daily at
 * 00:00 UTC, equities none).
 */
public final class Returns {

    static final long EIGHT_HOURS_MS = 8 * 3600_000L;
    static final long DAY_MS = 24 * 3600_000L;
    private static final double EPS = 1e-12;

    private Returns() {
    }

    public static double annualCarryRate(TradePairCategory category) {
        return switch (category) {
            case CRYPTO -> 0.1095;
            case FOREX -> 0.03;
            case INDICES -> 0.0525;
            case EQUITIES -> 0.0;
        };
    }

    static long carryPeriodMs(TradePairCategory category) {
        return category == TradePairCategory.CRYPTO ? EIGHT_HOURS_MS : DAY_MS;
    }

    /** Number of charge instants (period boundaries since the epoch, UTC) in (fromMs, toMs]. */
    public static long carryPeriods(TradePairCategory category, long fromMs, long toMs) {
        if (toMs <= fromMs) {
            return 0;
        }
        long p = carryPeriodMs(category);
        return Math.floorDiv(toMs, p) - Math.floorDiv(fromMs, p);
    }

    /** Multiplicative carry fee for holding {@code |leverage|} from {@code fromMs} to {@code toMs}. */
    public static double carryFactor(TradePairCategory category, double absLeverage, long fromMs, long toMs) {
        long n = carryPeriods(category, fromMs, toMs);
        if (n == 0 || absLeverage == 0) {
            return 1.0;
        }
        double periodsPerYear = 365.0 * DAY_MS / carryPeriodMs(category);
        double perPeriod = annualCarryRate(category) / periodsPerYear * absLeverage;
        return Math.pow(Math.max(0, 1 - perPeriod), n);
    }

    public static double spreadFee(TradePair pair, double absLeverage) {
        return 1 - pair.feeRate() * absLeverage;
    }

    /** Signed leverage an order adds to a position with net leverage {@code net}. */
    public static double signedDelta(OrderType type, double leverage, double net) {
        return switch (type) {
            case LONG -> leverage;
            case SHORT -> -leverage;
            case FLAT -> -net;
        };
    }

    /** Opens a new position with its first order. */
    public static Position open(String positionUuid, String miner, TradePair pair, PositionOrder order) {
        Position empty = new Position(positionUuid, miner, pair, order.orderType(), order.processedMs(), null, 0, 0, 0,
                1.0, 1.0, order.processedMs(), order.fillPrice(), order.processedMs(), 1.0, null, List.of());
        return apply(empty, order);
    }

    /** Applies an order to an open position: average entry, net leverage, realised PnL, fees; FLAT closes. */
    public static Position apply(Position p, PositionOrder order) {
        long t = order.processedMs();
        double fill = order.fillPrice();
        double net = p.netLeverage();
        double carry = p.carryFactor() * carryFactor(p.tradePair().category(), Math.abs(net), p.carryAsOfMs(), t);
        double delta = signedDelta(order.orderType(), order.leverage(), net);
        double spread = p.spreadFeeFactor() * spreadFee(p.tradePair(), Math.abs(delta));
        double avg = p.averageEntryPrice();
        double realized = p.realizedPnl();
        double newNet;
        if (Math.abs(net) < EPS) {
            avg = fill;
            newNet = delta;
        } else if (Math.signum(net) == Math.signum(delta)) {
            avg = (avg * Math.abs(net) + fill * Math.abs(delta)) / (Math.abs(net) + Math.abs(delta));
            newNet = net + delta;
        } else {
            double closing = Math.min(Math.abs(delta), Math.abs(net)) * Math.signum(net);
            realized += (fill - avg) / avg * closing;
            newNet = net + delta;
            if (Math.abs(newNet) > EPS && Math.signum(newNet) != Math.signum(net)) {
                avg = fill; // flipped side: the remainder is entered at this fill
            }
        }
        List<PositionOrder> orders = new ArrayList<>(p.orders());
        orders.add(order);
        boolean closes = order.orderType() == OrderType.FLAT || Math.abs(newNet) < EPS;
        if (closes) {
            newNet = 0;
        }
        Position next = new Position(p.positionUuid(), p.minerHotkey(), p.tradePair(), p.firstOrderType(), p.openMs(),
                closes ? Long.valueOf(t) : null, newNet, avg, realized, spread, carry, t, fill, t, 0, closes ? "FLAT" : null,
                orders);
        return withReturn(next, fill, t);
    }

    /** Return of the position if marked at {@code price} at {@code t} (fixed once closed). */
    public static double returnAt(Position p, double price, long t) {
        double unrealized = p.averageEntryPrice() > 0 ? (price - p.averageEntryPrice()) / p.averageEntryPrice() * p.netLeverage() : 0;
        double carry = p.carryFactor()
                * carryFactor(p.tradePair().category(), Math.abs(p.netLeverage()), p.carryAsOfMs(), Math.max(t, p.carryAsOfMs()));
        return Math.max(0, (1 + p.realizedPnl() + unrealized) * p.spreadFeeFactor() * carry);
    }

    /** The position marked to market (still open). */
    public static Position mark(Position p, double price, long t) {
        return withReturn(new Position(p.positionUuid(), p.minerHotkey(), p.tradePair(), p.firstOrderType(), p.openMs(),
                p.closeMs(), p.netLeverage(), p.averageEntryPrice(), p.realizedPnl(), p.spreadFeeFactor(), p.carryFactor(),
                p.carryAsOfMs(), price, t, 0, p.closeReason(), p.orders()), price, t);
    }

    /** Closes the position at {@code price} without an order (liquidation, elimination). */
    public static Position closeAt(Position p, double price, long t, String reason) {
        double ret = returnAt(p, price, t);
        double carry = p.carryFactor() * carryFactor(p.tradePair().category(), Math.abs(p.netLeverage()), p.carryAsOfMs(), t);
        double realized = p.realizedPnl()
                + (p.averageEntryPrice() > 0 ? (price - p.averageEntryPrice()) / p.averageEntryPrice() * p.netLeverage() : 0);
        return new Position(p.positionUuid(), p.minerHotkey(), p.tradePair(), p.firstOrderType(), p.openMs(), t, 0,
                p.averageEntryPrice(), realized, p.spreadFeeFactor(), carry, t, price, t, ret, reason, p.orders());
    }

    private static Position withReturn(Position p, double price, long t) {
        return new Position(p.positionUuid(), p.minerHotkey(), p.tradePair(), p.firstOrderType(), p.openMs(), p.closeMs(),
                p.netLeverage(), p.averageEntryPrice(), p.realizedPnl(), p.spreadFeeFactor(), p.carryFactor(),
                p.carryAsOfMs(), p.markPrice(), p.markMs(), returnAt(p, price, t), p.closeReason(), p.orders());
    }

    /** Portfolio return: the product of its positions' returns (closed at close, open at their last mark). */
    public static double portfolioReturn(Iterable<Position> positions) {
        double r = 1.0;
        for (Position p : positions) {
            r *= p.currentReturn();
        }
        return r;
    }

    public static double drawdown(double portfolioReturn, double highWaterMark) {
        return highWaterMark <= 0 ? 0 : Math.max(0, 1 - portfolioReturn / highWaterMark);
    }
}
