package io.ptn.price.feed.tiingo;

import io.ptn.price.feed.upstream.UpstreamStatusException;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * Tiingo's REST API, thin: built per provider from {@code tiingo.*} ({@code UpstreamRest}), the key in an
 * {@code Authorization: Token} header, fault tolerance in {@code UpstreamCalls}. Dates are {@code YYYY-MM-DD}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
interface TiingoApi extends AutoCloseable {

    @GET
    @Path("tiingo/fx/top")
    Uni<byte[]> forexTop(@QueryParam("tickers") String tickers);

    @GET
    @Path("tiingo/crypto/top")
    Uni<byte[]> cryptoTop(@QueryParam("tickers") String tickers, @QueryParam("exchanges") String exchanges);

    @GET
    @Path("iex/")
    Uni<byte[]> iexTop(@QueryParam("tickers") String tickers);

    @GET
    @Path("tiingo/fx/prices")
    Uni<byte[]> forexPrices(@QueryParam("tickers") String ticker, @QueryParam("startDate") String startDate,
                              @QueryParam("endDate") String endDate, @QueryParam("resampleFreq") String resampleFreq);

    @GET
    @Path("tiingo/crypto/prices")
    Uni<byte[]> cryptoPrices(@QueryParam("tickers") String ticker, @QueryParam("startDate") String startDate,
                               @QueryParam("endDate") String endDate, @QueryParam("resampleFreq") String resampleFreq,
                               @QueryParam("exchanges") String exchanges);

    @GET
    @Path("iex/{ticker}/prices")
    Uni<byte[]> iexPrices(@PathParam("ticker") String ticker, @QueryParam("startDate") String startDate,
                            @QueryParam("endDate") String endDate, @QueryParam("resampleFreq") String resampleFreq);

    @Override
    void close();

    @ClientExceptionMapper
    static RuntimeException toException(Response response, URI uri) {
        return UpstreamStatusException.of(response, uri);
    }
}
