package io.ptn.validator;

/** Own application: the draining test leaves it not ready. */
public class DrainingProfile extends FastFaultToleranceProfile {
}
