package io.ptn.validator.client;

/** The price service answered with an error status (counted as a failure by the circuit breaker). */
public class PriceServiceException extends RuntimeException {

    private final int status;

    public PriceServiceException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
