package io.ptn.validator.service;

/** An orderUuid already used for a different order (the same order again is a replay, not this). */
public class OrderUuidReusedException extends RuntimeException {

    public OrderUuidReusedException(String orderUuid) {
        super("orderUuid " + orderUuid + " was already used for a different order", null, false, false);
    }
}
