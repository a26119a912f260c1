package io.ptn.validator.health;

import java.time.InstantSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.ptn.validator.client.LivePriceClient;
import io.ptn.validator.client.PriceCache;
import io.ptn.validator.client.TickSubscription;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.health.api.Wellness;

/**
 * The price service as seen from here: a wellness check, so it shows in {@code /q/health} and
 * {@code /q/health/well} but never restarts or unroutes the validator.
 */
@Wellness
@ApplicationScoped
public class LivePriceServiceCheck implements HealthCheck {

    private final LivePriceClient client;
    private final TickSubscription stream;
    private final PriceCache cache;
    private final CircuitBreakerMaintenance breakers;
    private final InstantSource clock;

    public LivePriceServiceCheck(LivePriceClient client, TickSubscription stream, PriceCache cache,
            CircuitBreakerMaintenance breakers, InstantSource clock) {
        this.clock = clock;
        this.client = client;
        this.stream = stream;
        this.cache = cache;
        this.breakers = breakers;
    }

    @Override
    public HealthCheckResponse call() {
        long now = clock.millis();
        CircuitBreakerState circuit = breakers.currentState(LivePriceClient.BREAKER);
        boolean up = circuit != CircuitBreakerState.OPEN && (!stream.enabled() || stream.connected());
        return HealthCheckResponse.named("live-price-service").status(up)
                .withData("circuit", circuit.name())
                .withData("batchCircuit", breakers.currentState(LivePriceClient.BATCH_BREAKER).name())
                .withData("lastSuccessMsAgo", client.lastSuccessMs() == 0 ? -1 : now - client.lastSuccessMs())
                .withData("lastFailure", String.valueOf(client.lastFailure()))
                .withData("streamEnabled", stream.enabled())
                .withData("streamConnected", stream.connected())
                .withData("streamLastEventAgeMs", stream.lastEventAgeMs())
                .withData("streamReconnects", stream.reconnects())
                .withData("streamOpenConnections", stream.openConnections())
                .withData("cachedPairs", cache.size())
                .withData("cacheNewestAgeMs", cache.newestAgeMs(now))
                .build();
    }
}
