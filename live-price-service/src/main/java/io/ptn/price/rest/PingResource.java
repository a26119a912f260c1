package io.ptn.price.rest;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A trivial endpoint: the baseline for benchmarking the price hot path (both answer on the event loop). */
@Path("/api/v1/ping")
public class PingResource {

    @GET
    @NonBlocking
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
        return "pong";
    }
}
