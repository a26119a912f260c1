package io.ptn.validator.rest;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.ptn.validator.service.OrderResult;
import io.ptn.validator.service.OrderService;
import io.ptn.validator.service.OrderView;
import io.smallrye.common.annotation.Blocking;

@Path("/api/v1/orders")
public class OrderResource {

    /** Documented body; the raw bytes are parsed by OrderParser so every error can name its field. */
    public record OrderBody(String orderUuid, String minerHotkey, String tradePair, String orderType, Double leverage) {
    }

    private final OrderService orders;

    public OrderResource(OrderService orders) {
        this.orders = orders;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order as the miner owning the bearer token; 201 once committed")
    @RequestBody(content = @Content(schema = @Schema(implementation = OrderBody.class)))
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    public Response place(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        OrderResult r = orders.place(authorization, body);
        return Response.status(r.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(r.json())
                .location(URI.create("/api/v1/orders/" + r.orderUuid())).build();
    }
}
