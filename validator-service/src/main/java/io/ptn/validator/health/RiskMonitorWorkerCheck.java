package io.ptn.validator.health;

import java.time.InstantSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.ptn.validator.service.RiskMonitor;
import io.ptn.validator.store.OrderStore;

/** Liveness of this process only: the store writer thread is alive and moving, no risk round is wedged. */
@Liveness
@ApplicationScoped
public class RiskMonitorWorkerCheck implements HealthCheck {

    static final long WRITER_STALL_MS = 30_000;
    static final long ROUND_STALL_MS = 300_000;

    private final OrderStore store;
    private final RiskMonitor monitor;
    private final InstantSource clock;

    public RiskMonitorWorkerCheck(OrderStore store, RiskMonitor monitor, InstantSource clock) {
        this.clock = clock;
        this.store = store;
        this.monitor = monitor;
    }

    @Override
    public HealthCheckResponse call() {
        long now = clock.millis();
        long writerIdle = now - store.lastProgressMs();
        long roundStarted = monitor.roundStartedMs();
        long roundRunning = roundStarted == 0 ? 0 : now - roundStarted;
        boolean writerOk = !store.isReady() || (store.writerAlive() && writerIdle < WRITER_STALL_MS);
        boolean roundOk = roundRunning < ROUND_STALL_MS;
        return HealthCheckResponse.named("risk-monitor-worker").status(writerOk && roundOk)
                .withData("writerAlive", store.writerAlive())
                .withData("writerLastProgressMsAgo", writerIdle)
                .withData("queued", store.queued())
                .withData("batches", store.batches())
                .withData("roundRunningMs", roundRunning)
                .withData("lastRoundMs", monitor.lastRoundMs())
                .withData("lastRoundOutcome", String.valueOf(monitor.lastOutcome()))
                .withData("lastRoundSkippedPairs", String.valueOf(monitor.lastSkipped()))
                .build();
    }
}
