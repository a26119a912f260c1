package io.ptn.validator.client;

/** The price service answered its health with 503: DOWN, with the body that says why. */
public class PriceHealthDownException extends RuntimeException {

    private final String body;

    public PriceHealthDownException(String body) {
        super("price service health DOWN", null, false, false);
        this.body = body;
    }

    public String body() {
        return body;
    }
}
