package io.ptn.validator.service;

/** The order names a trade pair that the validator or the price service does not know. */
public class UnknownTradePairException extends RuntimeException {

    public UnknownTradePairException(String detail) {
        super(detail, null, false, false);
    }
}
