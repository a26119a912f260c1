package io.ptn.validator;

import java.util.List;

import io.ptn.domain.TradePair;

/**
 * One miner's position in one pair, as PTN keeps it ({@code vali_objects/position.py}), immutable: every order or
 * mark produces a new instance, so readers see a consistent value without locks.
 * <p>
 * {@code positionType} is LONG or SHORT while open, FLAT once closed, null before the first order.
 * {@code returnWithoutFees} is PTN's {@code current_return}, {@code returnWithFees} its {@code return_at_close}
 * (spread and carry fees applied). {@code netLeverage} is signed and, as in PTN, left as it was when a position is
 * liquidated. {@code markPrice}/{@code markMs} are the price and time the returns were last computed at (the last
 * order or mark). {@code closeMs == null} while open.
 */
public record Position(String positionUuid, String minerHotkey, TradePair tradePair, OrderType positionType,
        long openMs, Long closeMs, double netLeverage, double averageEntryPrice, double realizedPnl,
        double returnWithoutFees, double returnWithFees, double markPrice, long markMs, String closeReason,
        List<PositionOrder> orders) {

    public static final String CLOSED_BY_FLAT = "FLAT";
    public static final String LIQUIDATED = "LIQUIDATED";
    public static final String ELIMINATED = "ELIMINATED";
    public static final String MAX_ORDERS = "MAX_ORDERS";

    public Position {
        orders = List.copyOf(orders);
    }

    /** The same position with its orders replaced (the figures are stale until {@link Positions#rebuild}). */
    public Position withOrders(List<PositionOrder> newOrders) {
        return new Position(positionUuid, minerHotkey, tradePair, positionType, openMs, closeMs, netLeverage,
                averageEntryPrice, realizedPnl, returnWithoutFees, returnWithFees, markPrice, markMs, closeReason, newOrders);
    }

    public boolean isOpen() {
        return closeMs == null;
    }

    /** The type of the position's first order (PTN prices a FLAT's side from it); null before any order. */
    public OrderType firstOrderType() {
        return orders.isEmpty() ? null : orders.get(0).orderType();
    }

    /** Price of the first order with its slippage (before SLIPPAGE_V1_TIME_MS: without); 0 before any order. */
    public double initialEntryPrice() {
        return Positions.initialEntryPrice(orders);
    }

    /** Leverage counted against the portfolio cap: |net| x the pair's multiplier, 0 once closed. */
    public double adjustedLeverage() {
        return isOpen() ? Math.abs(netLeverage) * tradePair.leverageMultiplier() : 0;
    }
}
