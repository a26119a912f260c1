package io.ptn.validator.store;

import java.nio.file.Path;
import java.time.InstantSource;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.flywaydb.core.Flyway;

import io.micrometer.core.instrument.MeterRegistry;
import io.ptn.validator.config.ValidatorConfig;
import io.quarkus.runtime.StartupEvent;

/** Creates the store on the configured data directory, opens it at startup and closes it at shutdown. */
@ApplicationScoped
public class StoreLifecycle {

    @Produces
    @Singleton
    OrderStore store(DataSource dataSource, Flyway flyway, ValidatorConfig config, InstantSource clock,
            MeterRegistry registry) {
        ValidatorConfig.Store store = config.store();
        return new OrderStore(dataSource, flyway::migrate, Path.of(config.dataDir()), new OrderStore.Settings(
                store.maxBatch(), store.queueCapacity(), store.walCheckpointPages(), store.slowCommit()), clock, registry);
    }

    void open(@Observes @Priority(10) StartupEvent event, OrderStore store) {
        store.start();
    }

    void close(@Disposes OrderStore store) {
        store.close();
    }
}
