package io.ptn.price.config;

import java.time.InstantSource;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/** The one clock of the service; tests replace it with their own {@link InstantSource} bean. */
@Singleton
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    InstantSource clock() {
        return InstantSource.system();
    }
}
