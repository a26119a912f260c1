package io.ptn.validator;

import java.util.List;

import io.ptn.domain.TradePair;

/**
 * One miner's position in one pair, immutable: every order or mark produces a new instance, so readers see a
 * consistent value without locks. {@code closeMs == null} while open.
 */
public record Position(String positionUuid, String minerHotkey, TradePair tradePair, OrderType firstOrderType,
        long openMs, Long closeMs, double netLeverage, double averageEntryPrice, double realizedPnl,
        double spreadFeeFactor, double carryFactor, long carryAsOfMs, double markPrice, long markMs,
        double currentReturn, String closeReason, List<PositionOrder> orders) {

    public Position {
        orders = List.copyOf(orders);
    }

    public boolean isOpen() {
        return closeMs == null;
    }
}
