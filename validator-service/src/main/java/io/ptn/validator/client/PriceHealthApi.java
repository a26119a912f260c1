package io.ptn.validator.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The price service's health, thin (same URL and timeouts as {@link LivePriceApi}); see {@link PriceServiceHealth}. */
@RegisterRestClient(configKey = "live-price")
@RegisterProvider(PriceHealthResponseMapper.class)
@Path("/q/health")
@Produces(MediaType.APPLICATION_JSON)
interface PriceHealthApi {

    /** The JSON body: 200 when UP; a DOWN answer (503) arrives as {@link PriceHealthDownException}. */
    @GET
    String health();
}
