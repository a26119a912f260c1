package io.ptn.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ptn.domain.TradePair;

/**
 * Replays order sequences whose figures PTN's own Position class computed (see the first line of
 * {@code ptn-vectors/positions.jsonl} for provenance) and checks every figure after every order and mark. Numbers
 * are compared with a relative tolerance of 1e-9 (absolute 1e-12 around 0): PTN's Python and this Java use the same
 * double operations in the same order, so what remains is at most the last-bit difference of pow().
 */
public class PositionVectorsTest {

    static final String RESOURCE = "/ptn-vectors/positions.jsonl";
    static final double REL = 1e-9;
    static final double ABS = 1e-12;
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> sequences() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = PositionVectorsTest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n = JSON.readTree(line);
                if (!n.has("_provenance")) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    static Stream<JsonNode> cases() throws IOException {
        return sequences().stream();
    }

    @Test
    void theTableCoversEveryCategoryAndEveryKindOfEvent() throws IOException {
        List<JsonNode> all = sequences();
        assertTrue(all.size() >= 300, "sequences: " + all.size());
        int crypto = 0, forex = 0, indices = 0, equities = 0, flips = 0, clamps = 0, liquidations = 0, refusals = 0,
                marks = 0;
        for (JsonNode s : all) {
            switch (TradePair.valueOf(s.get("pair").asText()).category()) {
                case CRYPTO -> crypto++;
                case FOREX -> forex++;
                case INDICES -> indices++;
                case EQUITIES -> equities++;
            }
            for (JsonNode e : s.get("events")) {
                JsonNode x = e.get("expect");
                if (x.get("ret").asDouble() == 0) {
                    liquidations++;
                }
                if (e.get("op").asText().equals("mark")) {
                    marks++;
                    continue;
                }
                if (!x.get("accepted").asBoolean()) {
                    refusals++;
                } else if (!e.get("type").asText().equals("FLAT") && x.get("filledType").asText().equals("FLAT")) {
                    flips++;
                } else if (Math.abs(x.get("filledLeverage").asDouble()) != e.get("leverage").asDouble()
                        && !e.get("type").asText().equals("FLAT")) {
                    clamps++;
                }
            }
        }
        int[] counts = { crypto, forex, indices, equities, flips, clamps, liquidations, refusals, marks };
        for (int c : counts) {
            assertTrue(c >= 10, "too few of a kind: crypto, forex, indices, equities, flips, clamps, liquidations, "
                    + "refusals, marks = " + Arrays.toString(counts));
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void sameFiguresAsPtn(JsonNode seq) {
        String id = seq.get("id").asText();
        TradePair pair = TradePair.valueOf(seq.get("pair").asText());
        double other = seq.get("otherPortfolio").asDouble();
        JsonNode events = seq.get("events");
        Position p = Positions.empty(id, "m", pair, events.get(0).get("ms").asLong());
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            JsonNode x = e.get("expect");
            String where = id + " event " + i + " (" + e.get("op").asText() + ")";
            if (e.get("op").asText().equals("mark")) {
                p = Positions.mark(p, e.get("price").asDouble(), e.get("ms").asLong());
                check(where, x, p);
                continue;
            }
            double portfolio = other + (p.isOpen() ? Math.abs(p.netLeverage()) * pair.leverageMultiplier() : 0);
            near(where, "portfolio", e.get("portfolio").asDouble(), portfolio);
            Positions.NewOrder o = new Positions.NewOrder(e.get("orderUuid").asText(),
                    OrderType.valueOf(e.get("type").asText()), e.get("leverage").asDouble(), e.get("price").asDouble(),
                    e.get("slippage").asDouble(), e.get("ms").asLong(), OrderSource.ORGANIC);
            boolean accepted = x.get("accepted").asBoolean();
            try {
                Positions.Filled f = Positions.addOrder(p, o, portfolio, LeverageBounds.PORTFOLIO_LEVERAGE_CAP);
                if (!accepted) {
                    fail(where + ": PTN refused (" + x.get("reason").asText() + ") but the order was filled as "
                            + f.order());
                }
                p = f.position();
                assertEquals(x.get("filledType").asText(), f.order().orderType().name(), where + " filledType");
                near(where, "filledLeverage", x.get("filledLeverage").asDouble(), f.order().leverage());
                if (x.get("liquidationFlat").asBoolean()) {
                    PositionOrder flat = p.orders().get(p.orders().size() - 1);
                    near(where, "flatPrice", x.get("flatPrice").asDouble(), flat.basePrice());
                    assertEquals(x.get("flatMs").asLong(), flat.processedMs(), where + " flatMs");
                    assertEquals(x.get("flatUuid").asText(), flat.orderUuid(), where + " flatUuid");
                    assertEquals(x.get("flatSource").asText(), flat.source().name(), where + " flatSource");
                }
            } catch (OrderRefusedException refused) {
                if (accepted) {
                    fail(where + ": PTN filled it but it was refused: " + refused.getMessage());
                }
            }
            check(where, x, p);
        }
        if (seq.has("rebuild")) {
            check(id + " rebuild", seq.get("rebuild"), Positions.rebuild(p));
        }
    }

    private static void check(String where, JsonNode x, Position p) {
        near(where, "net", x.get("net").asDouble(), p.netLeverage());
        near(where, "avg", x.get("avg").asDouble(), p.averageEntryPrice());
        near(where, "realized", x.get("realized").asDouble(), p.realizedPnl());
        near(where, "ret (PTN current_return)", x.get("ret").asDouble(), p.returnWithoutFees());
        near(where, "retFees (PTN return_at_close)", x.get("retFees").asDouble(), p.returnWithFees());
        assertEquals(x.get("closed").asBoolean(), !p.isOpen(), where + " closed");
        if (x.get("closed").asBoolean()) {
            assertEquals(x.get("closeMs").asLong(), p.closeMs(), where + " closeMs");
        }
        assertEquals(x.get("nOrders").asInt(), p.orders().size(), where + " nOrders");
        String type = x.get("positionType").isNull() ? null : x.get("positionType").asText();
        assertEquals(type, p.positionType() == null ? null : p.positionType().name(), where + " positionType");
    }

    public static void near(String where, String field, double expected, double actual) {
        double diff = Math.abs(expected - actual);
        if (!(diff <= ABS || diff <= REL * Math.max(Math.abs(expected), Math.abs(actual)))) {
            fail(where + ": " + field + " PTN " + expected + " here " + actual);
        }
    }
}
