package io.ptn.validator.rest;

import java.net.URI;
import java.util.concurrent.CompletionStage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.ptn.validator.service.OrderRequest;
import io.ptn.validator.service.OrderResult;
import io.ptn.validator.service.OrderService;
import io.ptn.validator.service.OrderView;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/orders")
public class OrderResource {

    private final OrderService orders;
    private final SecurityIdentity caller;

    public OrderResource(OrderService orders, SecurityIdentity caller) {
        this.orders = orders;
        this.caller = caller;
    }

    /** On the event loop: the service hands what blocks to a worker, and the answer comes when the store commits. */
    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order as the miner owning the bearer token; 201 once committed")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = OrderView.class)))
    public CompletionStage<Response> place(
            @Valid @NotNull(message = "the request body is empty; expected an order object") OrderRequest order,
            @Context UriInfo uris) {
        // absolute here: the answer is built on the store's writer thread, where no request is current to resolve it
        URI location = uris.getBaseUri().resolve("api/v1/orders/" + order.orderUuid());
        return orders.place(caller.getPrincipal().getName(), order).thenApply(r -> Response.status(r.status())
                .type(MediaType.APPLICATION_JSON_TYPE).entity(r.json()).location(location).build());
    }
}
