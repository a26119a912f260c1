package io.ptn.validator.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The price service's REST API, thin; fault tolerance lives in {@link LivePriceClient}. */
@RegisterRestClient(configKey = "live-price")
@RegisterProvider(PriceServiceResponseMapper.class)
@Path("/api/v1/prices")
@Produces(MediaType.APPLICATION_JSON)
interface LivePriceApi {

    @GET
    @Path("/{id}")
    PriceAnswerDto price(@PathParam("id") String tradePair);

    @GET
    BatchAnswerDto prices(@QueryParam("pairs") String commaSeparatedPairs);
}
