package io.ptn.price.service;

/** No provider has any price for the request: a 503 with Retry-After. */
public class NoPriceException extends RuntimeException {
    public NoPriceException(String message) {
        super(message, null, false, false);
    }
}
