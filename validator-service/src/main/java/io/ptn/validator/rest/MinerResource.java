package io.ptn.validator.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.ptn.validator.Elimination;
import io.ptn.validator.service.MinerQueries;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class MinerResource {

    private final MinerQueries queries;

    public MinerResource(MinerQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/miners/{hotkey}")
    public MinerQueries.MinerView miner(@PathParam("hotkey") String hotkey) {
        return queries.miner(hotkey);
    }

    @GET
    @Path("/miners/{hotkey}/positions")
    public MinerQueries.PositionsView positions(@PathParam("hotkey") String hotkey) {
        return queries.positions(hotkey);
    }

    @GET
    @Path("/eliminations")
    public List<Elimination> eliminations() {
        return queries.eliminations();
    }
}
