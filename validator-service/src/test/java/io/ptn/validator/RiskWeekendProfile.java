package io.ptn.validator;

/** Own application (and data dir), so only this test's positions enter its rounds. */
public class RiskWeekendProfile extends FastFaultToleranceProfile {
}
