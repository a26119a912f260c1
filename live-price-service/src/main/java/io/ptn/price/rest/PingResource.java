package io.ptn.price.rest;

import io.ptn.domain.PriceSource;
import io.ptn.price.service.PriceAnswer;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;

/**
 * Trivial endpoints: the baselines for benchmarking the price hot path (all answer on the event loop). {@code /ping}
 * is the framework's ceiling; {@code /ping/answer} and {@code /ping/batch} write a fixed answer of the price reads'
 * shape, size and writer, so a benchmark can tell the cost of the answer from the cost of the look-up.
 */
@Path("/api/v1/ping")
public class PingResource {

    /** A BTCUSD answer as the simulated feed's stream gives it (one websocket source). */
    static final PriceAnswer ANSWER = answer("BTCUSD", 65012.37215);
    /** The 20 pairs of the benchmark's batch read, each with a fixed answer. */
    static final BatchEntry.Results BATCH = batch(List.of("BTCUSD", "ETHUSD", "SOLUSD", "XRPUSD", "DOGEUSD", "ADAUSD",
            "TAOUSD", "AUDCAD", "AUDCHF", "AUDUSD", "AUDNZD", "CADCHF", "EURAUD", "EURCAD", "EURUSD", "EURCHF", "EURGBP",
            "EURNZD", "GBPUSD", "USDCAD"));

    @GET
    @NonBlocking
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
        return "pong";
    }

    @GET
    @Path("/answer")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<PriceAnswer> answer() {
        return Uni.createFrom().item(ANSWER);
    }

    @GET
    @Path("/batch")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<BatchEntry.Results> batch() {
        return Uni.createFrom().item(BATCH);
    }

    private static PriceAnswer answer(String pair, double price) {
        long t = 1_764_000_000_000L;
        double bid = price * 0.99995;
        double ask = price * 1.00005;
        PriceSource ws = new PriceSource("simulated_ws", 0, price, price, null, null, null, t, true, 37, bid, ask);
        return new PriceAnswer(pair, price, t, 140, false, 30_000, true, bid, ask, List.of(ws));
    }

    private static BatchEntry.Results batch(List<String> pairs) {
        List<BatchEntry> entries = new ArrayList<>(pairs.size());
        double price = 1.37215;
        for (String pair : pairs) {
            entries.add(new BatchEntry(pair, 200, answer(pair, price), null));
            price += 1.11;
        }
        return new BatchEntry.Results(List.copyOf(entries));
    }
}
