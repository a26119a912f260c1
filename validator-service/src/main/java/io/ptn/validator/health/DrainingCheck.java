package io.ptn.validator.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;

/**
 * DOWN from the start of the graceful-shutdown delay ({@code quarkus.shutdown.delay}), so load balancers stop
 * routing new orders while the ones in flight finish and commit.
 */
@Readiness
@ApplicationScoped
public class DrainingCheck implements HealthCheck {

    private volatile long drainingSinceMs;

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        drainingSinceMs = System.currentTimeMillis();
    }

    @Override
    public HealthCheckResponse call() {
        long since = drainingSinceMs;
        return HealthCheckResponse.named("draining").status(since == 0).withData("draining", since != 0)
                .withData("drainingSinceMs", since).build();
    }
}
