package io.ptn.price.feed;

/** Candle lengths the providers serve. */
public enum Timespan {
    SECOND(1_000),
    MINUTE(60_000),
    HOUR(3_600_000),
    DAY(86_400_000);

    private final long millis;

    Timespan(long millis) {
        this.millis = millis;
    }

    public long millis() {
        return millis;
    }
}
