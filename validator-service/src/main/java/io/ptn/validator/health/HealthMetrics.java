package io.ptn.validator.health;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ptn.validator.client.TickSubscription;
import io.ptn.validator.config.ValidatorConfig;
import io.ptn.validator.store.OrderStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * What the health checks read, as gauges for alerting rules (deploy/monitoring/alerts.yaml): the price stream's
 * connection (only when the stream is enabled), the store's readiness and the number of eliminated miners.
 */
@ApplicationScoped
public class HealthMetrics {

    private final List<Meter> registered = new ArrayList<>();
    private MeterRegistry registry;

    void register(@Observes StartupEvent event, MeterRegistry registry, TickSubscription stream, @Readiness StoreCheck storeCheck,
            OrderStore store, ValidatorConfig config) {
        this.registry = registry;
        if (config.prices().streamEnabled()) {
            registered.add(Gauge.builder("validator.price.stream.connected", stream, s -> s.connected() ? 1 : 0)
                    .strongReference(true)
                    .description("1 while the SSE tick stream from the price service is connected").register(registry));
        }
        registered.add(Gauge.builder("validator.store.ready", storeCheck,
                c -> c.call().getStatus() == HealthCheckResponse.Status.UP ? 1 : 0)
                .strongReference(true)
                .description("1 while the store readiness check is UP (open, migrated, answering)").register(registry));
        registered.add(Gauge.builder("validator.miners.eliminated", store, s -> s.eliminations().size())
                .strongReference(true)
                .description("Miners eliminated so far (from the store)").register(registry));
    }

    /**
     * The registry outlives this bean (the global one, also across test restarts of the app): gauges left behind would
     * keep reading a stopped application, and a new registration of the same name would get the old gauge back.
     */
    void unregister(@Observes ShutdownEvent event) {
        if (registry != null) {
            registered.forEach(registry::remove);
        }
        registered.clear();
    }
}
