package io.ptn.validator;

/** Own application (and data dir), so the fixed-clock orders share no miner with other tests. */
public class MarketHoursProfile extends FastFaultToleranceProfile {
}
