package io.ptn.domain;

/**
 * Whether a pair's market is open at a time, and when it next changes.
 * {@code nextOpenMs}/{@code nextCloseMs} are null when the market never changes state (crypto).
 */
public record MarketStatus(String tradePair, long atMs, boolean open, Long nextOpenMs, Long nextCloseMs) {
}
