package io.ptn.validator.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.ptn.validator.config.ValidatorConfig;
import io.ptn.validator.store.OrderStore;

/** Ready when the SQLite store is open, migrated and answers a query. */
@Readiness
@ApplicationScoped
public class StoreCheck implements HealthCheck {

    private final OrderStore store;
    private final String dataDir;

    public StoreCheck(OrderStore store, ValidatorConfig config) {
        this.store = store;
        this.dataDir = config.dataDir();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("store").withData("dataDir", dataDir)
                .withData("open", store.isReady());
        if (!store.isReady()) {
            return b.down().build();
        }
        try {
            String version = store.query("SELECT max(version) FROM flyway_schema_history WHERE success = 1",
                    rs -> rs.next() ? rs.getString(1) : null);
            String journal = store.query("PRAGMA journal_mode", rs -> rs.next() ? rs.getString(1) : null);
            return b.status(version != null).withData("schemaVersion", String.valueOf(version))
                    .withData("journalMode", String.valueOf(journal)).withData("queued", store.queued()).build();
        } catch (Exception e) {
            return b.down().withData("error", e.toString()).build();
        }
    }
}
