package io.ptn.validator.service;

import io.ptn.validator.FastFaultToleranceProfile;

/** Own application (and data dir), so only this test's positions enter its rounds. */
public class RiskWeekendProfile extends FastFaultToleranceProfile {
}
