package io.ptn.validator;

/**
 * Where an order in a position came from (PTN {@code OrderSource}, same members and codes). Only ORGANIC orders come
 * from miners; the others are FLATs the validator adds itself.
 */
public enum OrderSource {
    ORGANIC(0),
    /** Deprecated in PTN: an elimination FLAT priced at 0; the position's returns are not updated by it. */
    ELIMINATION_FLAT(1),
    /** A FLAT added when a pair is removed, priced at 0; returns are not updated by it. */
    DEPRECATION_FLAT(2),
    /** A FLAT at a real price: elimination, and the FLAT that records a liquidation. */
    PRICE_FILLED_ELIMINATION_FLAT(3),
    /** The FLAT that closes a position holding MAX_ORDERS_PER_POSITION orders before a new order opens another. */
    MAX_ORDERS_PER_POSITION_CLOSE(4);

    private final int code;

    OrderSource(int code) {
        this.code = code;
    }

    /** PTN's integer for this source. */
    public int code() {
        return code;
    }

    /** Orders priced at 0 that close the position without touching its returns. */
    boolean zeroPriced() {
        return this == ELIMINATION_FLAT || this == DEPRECATION_FLAT;
    }
}
