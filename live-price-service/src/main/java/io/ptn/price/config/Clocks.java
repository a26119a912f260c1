package io.ptn.price.config;

import java.time.InstantSource;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The one clock of the service. Service and domain code read time only from the
 * injected {@link InstantSource}, so tests can set it (a test bean of that type replaces this default).
 */
@Singleton
public class Clocks {

    @Produces
    @DefaultBean
    @Singleton
    InstantSource clock() {
        return InstantSource.system();
    }
}
