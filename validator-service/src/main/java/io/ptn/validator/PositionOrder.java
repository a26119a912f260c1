package io.ptn.validator;

/**
 * An order as it sits in a position, as filled: {@code orderType} FLAT for an order that closed the position (a flip
 * or an exact close become FLAT), {@code leverage} signed (SHORT negative) after clamping, {@code basePrice} the
 * price before slippage (PTN's {@code order.price}); slippage is applied in the position arithmetic.
 */
public record PositionOrder(String orderUuid, OrderType orderType, double leverage, double basePrice, double slippage,
        long processedMs, OrderSource source) {

    /** The price paid or received: slippage against the order, by the sign of its leverage (PTN's entry / exit price). */
    public double fillPrice() {
        return slipped(basePrice, slippage, leverage);
    }

    static double slipped(double price, double slippage, double leverage) {
        return leverage > 0 ? price * (1 + slippage) : price * (1 - slippage);
    }
}
