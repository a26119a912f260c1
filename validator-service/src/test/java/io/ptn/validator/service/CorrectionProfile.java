package io.ptn.validator.service;

import io.ptn.validator.FastFaultToleranceProfile;

/** Own application (and data dir) for the fill-correction tests, so no other test's orders enter their rounds. */
public class CorrectionProfile extends FastFaultToleranceProfile {
}
