package io.ptn.domain;

/**
 * One observation of a pair's price from one provider: a streamed or polled tick ({@code timespanMs == 0}) or a
 * candle. {@code high}, {@code low} and {@code vwap} may be null; {@code bid}/{@code ask} are 0 when unknown.
 * {@code lagMs} is the distance to the time that was asked for (see {@link #withLagTo(long)}).
 */
public record PriceSource(
        String source,
        long timespanMs,
        double open,
        double close,
        Double high,
        Double low,
        Double vwap,
        long startMs,
        boolean websocket,
        long lagMs,
        double bid,
        double ask) {

    /** A tick: one price at one instant. */
    public static PriceSource tick(String source, double price, long timeMs, boolean websocket, double bid, double ask) {
        return new PriceSource(source, 0, price, price, null, null, null, timeMs, websocket, 0, bid, ask);
    }

    /** Start time for a tick, last millisecond of the candle otherwise. */
    public long endMs() {
        return timespanMs == 0 ? startMs : startMs + timespanMs - 1;
    }

    /** For a tick |target - start|; for a candle the smaller distance to its start or its end. */
    public long distanceTo(long targetMs) {
        long toStart = Math.abs(targetMs - startMs);
        return timespanMs == 0 ? toStart : Math.min(toStart, Math.abs(targetMs - endMs()));
    }

    /** A tick's open; a candle's open or close, whichever end is nearer the target (the start on a tie). */
    public double priceAt(long targetMs) {
        if (timespanMs == 0) {
            return open;
        }
        return Math.abs(targetMs - startMs) <= Math.abs(targetMs - endMs()) ? open : close;
    }

    /** The time of the price that {@link #priceAt(long)} picks. */
    public long timeAt(long targetMs) {
        if (timespanMs == 0) {
            return startMs;
        }
        return Math.abs(targetMs - startMs) <= Math.abs(targetMs - endMs()) ? startMs : endMs();
    }

    public boolean hasQuote() {
        return bid > 0 && ask > 0;
    }

    public PriceSource withLagTo(long targetMs) {
        long lag = distanceTo(targetMs);
        return lag == lagMs ? this
                : new PriceSource(source, timespanMs, open, close, high, low, vwap, startMs, websocket, lag, bid, ask);
    }
}
