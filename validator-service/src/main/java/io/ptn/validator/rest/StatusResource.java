package io.ptn.validator.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.ptn.validator.service.StatusQueries;

/** Read-only aggregate for the status page ({@code /status/}); changes nothing. */
@Path("/api/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    private final StatusQueries queries;

    public StatusResource(StatusQueries queries) {
        this.queries = queries;
    }

    @GET
    public Response status() {
        return Response.ok(queries.status()).header("Cache-Control", "no-store").build();
    }
}
