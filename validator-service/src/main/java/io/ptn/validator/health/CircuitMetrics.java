package io.ptn.validator.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ptn.validator.client.LivePriceClient;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** Circuit state as a gauge (0 closed, 1 half-open, 2 open) next to the fault-tolerance extension's own metrics. */
@ApplicationScoped
public class CircuitMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, CircuitBreakerMaintenance breakers) {
        for (String name : new String[] { LivePriceClient.BREAKER, LivePriceClient.BATCH_BREAKER }) {
            Gauge.builder("validator.price.circuit.state", breakers, b -> switch (b.currentState(name)) {
                case CLOSED -> 0;
                case HALF_OPEN -> 1;
                case OPEN -> 2;
            }).tag("name", name).register(registry);
        }
    }
}
