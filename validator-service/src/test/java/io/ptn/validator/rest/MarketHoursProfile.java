package io.ptn.validator.rest;

import io.ptn.validator.FastFaultToleranceProfile;

/** Own application (and data dir), so the fixed-clock orders share no miner with other tests. */
public class MarketHoursProfile extends FastFaultToleranceProfile {
}
