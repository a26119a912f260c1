package io.ptn.validator;

/** What a miner asks for: add long or short leverage, or close the position. */
public enum OrderType {
    LONG, SHORT, FLAT
}
