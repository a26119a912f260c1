package io.ptn.validator;

/** Own application (and data dir) for the fill-correction tests, so no other test's orders enter their rounds. */
public class CorrectionProfile extends FastFaultToleranceProfile {
}
