package io.ptn.price.health;

import io.ptn.price.feed.PriceProvider;
import io.ptn.price.feed.ProviderRegistry;
import io.ptn.price.feed.upstream.ProviderHealth;
import io.ptn.price.feed.upstream.ReportsHealth;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The real providers' own view for operators ({@code /q/health/well}): REST state (degraded, unauthorized, a running
 * Retry-After) and streams on a deliberate hold (STANDBY when another replica holds Polygon's connection). Always UP:
 * whether this instance can serve is {@code prices-fresh}'s call (which carries the same provider state in its data),
 * and a provider outage must never restart or unroute anything by itself.
 */
@Wellness
@ApplicationScoped
public class UpstreamProvidersHealth implements HealthCheck {

    private final ProviderRegistry providers;

    public UpstreamProvidersHealth(ProviderRegistry providers) {
        this.providers = providers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("upstream-providers").up();
        for (PriceProvider p : providers.enabled()) {
            if (p instanceof ReportsHealth r) {
                ProviderHealth h = r.health();
                b.withData(p.name() + ".rest", "state=" + h.restState()
                        + " consecutiveFailures=" + h.consecutiveFailures()
                        + (h.lastSuccessMs() > 0 ? " lastSuccessMs=" + h.lastSuccessMs() : "")
                        + (h.retryAfterUntilMs() > 0 ? " retryAfterUntilMs=" + h.retryAfterUntilMs() : "")
                        + (h.lastError() == null ? "" : " lastError=" + h.lastError()));
                h.streams().forEach((id, state) -> b.withData("stream." + id, String.valueOf(state)));
            }
        }
        return b.build();
    }
}
