package io.ptn.validator;

/** Why and when a miner was eliminated. */
public record Elimination(String hotkey, String reason, double drawdown, long eliminatedAtMs) {
}
