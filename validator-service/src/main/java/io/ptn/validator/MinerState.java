package io.ptn.validator;

/** A miner's high-water mark and elimination flag (portfolio return is derived from its positions). */
public record MinerState(String hotkey, double highWaterMark, double lastReturn, boolean eliminated, long updatedMs) {

    public static MinerState fresh(String hotkey, long nowMs) {
        return new MinerState(hotkey, 1.0, 1.0, false, nowMs);
    }
}
