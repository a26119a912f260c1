package io.ptn.validator.health;

import java.util.Map;

import io.ptn.validator.FastFaultToleranceProfile;

/**
 * Own application: the draining test leaves it not ready. The shutdown delay is on, as in production (the test
 * profile turns it off), because Quarkus registers its "Graceful Shutdown" check only then.
 */
public class DrainingProfile extends FastFaultToleranceProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> m = super.getConfigOverrides();
        m.put("quarkus.shutdown.delay-enabled", "true");
        m.put("quarkus.shutdown.delay", "100ms");
        return m;
    }
}
