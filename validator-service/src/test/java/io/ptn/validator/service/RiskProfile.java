package io.ptn.validator.service;

import io.ptn.validator.FastFaultToleranceProfile;

/** Own application (and data dir) for the risk monitor, so other tests' open positions do not enter its rounds. */
public class RiskProfile extends FastFaultToleranceProfile {
}
