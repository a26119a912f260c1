package io.ptn.validator.store;

/** The store could not take or commit the work; nothing of it was applied. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
