package io.ptn.validator.service;

/** No miner with this hotkey has traded here. */
public class UnknownMinerException extends RuntimeException {

    public UnknownMinerException(String hotkey) {
        super("no miner " + hotkey + " has traded here", null, false, false);
    }
}
