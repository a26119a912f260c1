package io.ptn.validator.rest;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code validator_orders_total{outcome}} for the orders refused: by the status of the answer, since many are
 * refused before the service sees them (no token, unreadable body). The service counts {@code filled} and
 * {@code replayed} itself.
 */
public class OrderOutcomes {

    private final MeterRegistry registry;

    public OrderOutcomes(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerResponseFilter
    public void count(ContainerResponseContext response, SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() != OrderResource.class || response.getStatus() < 400) {
            return;
        }
        registry.counter("validator.orders", "outcome", outcome(response.getStatus())).increment();
    }

    private static String outcome(int status) {
        return switch (status) {
            case 400 -> "invalid";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "unknown_pair";
            case 409 -> "conflict";
            case 422 -> "refused";
            case 503 -> "unavailable";
            default -> "error";
        };
    }
}
