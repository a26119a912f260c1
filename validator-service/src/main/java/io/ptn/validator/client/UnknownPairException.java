package io.ptn.validator.client;

/** The price service does not know the pair (its 404): an answer, not a failure of the service. */
public class UnknownPairException extends RuntimeException {

    public UnknownPairException(String message) {
        super(message, null, false, false);
    }
}
