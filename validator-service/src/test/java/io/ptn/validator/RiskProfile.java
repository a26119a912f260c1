package io.ptn.validator;

/** Own application (and data dir) for the risk monitor, so other tests' open positions do not enter its rounds. */
public class RiskProfile extends FastFaultToleranceProfile {
}
