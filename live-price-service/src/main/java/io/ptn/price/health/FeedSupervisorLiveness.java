package io.ptn.price.health;

import java.time.InstantSource;

import io.ptn.price.feed.FeedSupervisor;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Only a wedged supervisor loop fails liveness; provider outages never do (they show in readiness data). */
@Liveness
@ApplicationScoped
public class FeedSupervisorLiveness implements HealthCheck {

    private final FeedSupervisor supervisor;

    private final InstantSource clock;

    public FeedSupervisorLiveness(FeedSupervisor supervisor, InstantSource clock) {
        this.clock = clock;
        this.supervisor = supervisor;
    }

    @Override
    public HealthCheckResponse call() {
        long age = clock.millis() - supervisor.heartbeatMs();
        return HealthCheckResponse.named("feed-supervisor")
                .status(age <= supervisor.heartbeatDeadlineMs())
                .withData("heartbeatAgeMs", age)
                .withData("heartbeatDeadlineMs", supervisor.heartbeatDeadlineMs())
                .withData("streams", supervisor.status().size())
                .build();
    }
}
