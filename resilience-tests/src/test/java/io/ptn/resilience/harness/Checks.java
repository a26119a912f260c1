package io.ptn.resilience.harness;


import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Assertions shared by the scenarios, each returning the list of violations (empty = holds). */
public final class Checks {

    /**
     * Fields of a 201 answer that must read back identically from the miner's positions, as (answer, stored) names:
     * the positions list the order as filled (PTN's signed leverage, a flip as FLAT).
     */
    public static final List<String[]> FILL_FIELDS = List.of(new String[] {"filledOrderType", "orderType"},
            new String[] {"filledLeverage", "leverage"}, new String[] {"fillPrice", "fillPrice"},
            new String[] {"slippage", "slippage"}, new String[] {"processedMs", "processedMs"});

    private Checks() {
    }

    static JsonNode first(JsonNode n, String... names) {
        for (String name : names) {
            if (n != null && n.has(name) && !n.get(name).isNull()) {
                return n.get(name);
            }
        }
        return null;
    }

    /**
     * A 201 must carry the time of the price it filled at, and that price must be no older than the validator's
     * limit at the fill (as reported) and, independently, no older than the limit when the request was sent.
     */
    public static String staleFill(OrderLedger.Attempt a, long maxAgeMs) {
        if (a.status() != 201) {
            return null;
        }
        JsonNode j = a.resp().json();
        JsonNode ts = first(j, "priceTimestampMs", "priceTimeMs", "priceAtMs");
        if (ts == null) {
            return "201 for " + a.uuid() + " carries no price timestamp: " + a.resp().body();
        }
        long priceTs = ts.asLong();
        JsonNode filledAt = first(j, "processedMs", "filledAtMs", "fillMs");
        long fillMs = filledAt == null ? a.resp().ackMs() : filledAt.asLong();
        JsonNode age = first(j, "priceAgeMs");
        long ageAtFill = age == null ? fillMs - priceTs : age.asLong();
        if (ageAtFill > maxAgeMs) {
            return "201 " + a.uuid() + " filled at a price " + ageAtFill + " ms old (limit " + maxAgeMs + ")";
        }
        if (fillMs - priceTs > maxAgeMs) {
            return "201 " + a.uuid() + " fill time - price time = " + (fillMs - priceTs) + " ms (limit " + maxAgeMs
                    + ")";
        }
        // client-side clock: the fill happened after we sent, so the price cannot predate send - limit
        if (a.resp().sentMs() - priceTs > maxAgeMs + 5) {
            return "201 " + a.uuid() + " price time " + priceTs + " is " + (a.resp().sentMs() - priceTs)
                    + " ms before the request was even sent (limit " + maxAgeMs + ")";
        }
        if (priceTs > a.resp().ackMs() + 5) {
            return "201 " + a.uuid() + " price time " + priceTs + " is after the answer arrived " + a.resp().ackMs();
        }
        return null;
    }

    /** Every miner's positions, keyed by hotkey (GET /api/v1/miners/{hotkey}/positions). */
    public static Map<String, JsonNode> positions(Stack s) {
        Map<String, JsonNode> out = new HashMap<>();
        for (Miner m : s.miners) {
            Http.Resp r = Http.get(s.v() + "/api/v1/miners/" + m.hotkey() + "/positions");
            if (r.status() == 404) {
                continue; // a miner with no order yet
            }
            if (r.status() != 200 || r.json() == null) {
                throw new AssertionError("GET positions of " + m.hotkey() + " -> " + r);
            }
            out.put(m.hotkey(), r.json());
        }
        return out;
    }

    public record Readback(int acked, int found, List<String> violations, int ordersInStore, int positions,
                           Map<String, JsonNode> stored) {
    }

    /**
     * After a restart: every acknowledged order is in its miner's positions with the same fill, no order appears
     * twice, and every position equals an independent replay of its own orders.
     */
    public static Readback readback(Stack s, Collection<OrderLedger.Attempt> acked) {
        Map<String, JsonNode> all = positions(s);
        Map<String, JsonNode> byUuid = new HashMap<>();
        Set<String> dup = new HashSet<>();
        List<String> v = new ArrayList<>();
        int orders = 0;
        int positions = 0;
        for (var e : all.entrySet()) {
            for (JsonNode pos : e.getValue().path("positions")) {
                positions++;
                for (JsonNode o : pos.path("orders")) {
                    orders++;
                    String uuid = o.path("orderUuid").asText();
                    if (byUuid.put(uuid, o) != null) {
                        dup.add(uuid);
                    }
                }
                String replay = replay(pos);
                if (replay != null) {
                    v.add(e.getKey() + " " + pos.path("tradePair").asText() + ": " + replay);
                }
            }
        }
        for (String d : dup) {
            v.add("order " + d + " appears more than once");
        }
        int found = 0;
        for (OrderLedger.Attempt a : acked) {
            JsonNode stored = byUuid.get(a.uuid());
            if (stored == null) {
                v.add("acknowledged order " + a.uuid() + " (" + a.scenario() + ", " + a.miner().hotkey() + " "
                        + a.pair() + " " + a.type() + ") is missing after restart");
                continue;
            }
            found++;
            v.addAll(sameFill("order " + a.uuid(), a.resp().json(), stored));
        }
        return new Readback(acked.size(), found, v, orders, positions, byUuid);
    }

    /** The fill fields of an order answer compared with the stored order; the differences. */
    public static List<String> sameFill(String what, JsonNode ack, JsonNode stored) {
        List<String> v = new ArrayList<>();
        if (ack == null) {
            v.add(what + ": answer without a JSON body");
            return v;
        }
        // a fill correction (docs/domain.md) re-prices a recent order: the answer then matches the first fill kept as
        // originalFillPrice, and the slippage is re-derived with the price
        boolean corrected = stored.hasNonNull("correctedAtMs");
        for (String[] names : FILL_FIELDS) {
            String f = names[1];
            if (corrected && f.equals("slippage")) {
                continue;
            }
            JsonNode want = ack.get(names[0]);
            JsonNode got = stored.get(corrected && f.equals("fillPrice") ? "originalFillPrice" : f);
            if (want == null || got == null) {
                v.add(what + ": field " + f + " absent (answer " + want + ", stored " + got + ")");
            } else if (want.isNumber() ? want.asDouble() != got.asDouble() : !want.equals(got)) {
                v.add(what + ": " + f + " answered " + want + " but stored " + got);
            }
        }
        return v;
    }

    /**
     * Replays a position's orders with the reference rules and compares net leverage and average entry:
     * LONG adds +leverage, SHORT -leverage, FLAT closes; the average entry is the leverage-weighted mean of the
     * fills that increase the exposure and does not move on a reduction; a close leaves net leverage 0.
     */
    static String replay(JsonNode pos) {
        double net = 0;
        double avg = 0;
        boolean closed = false;
        for (JsonNode o : pos.path("orders")) {
            String type = o.path("orderType").asText();
            double lev = o.path("leverage").asDouble();
            double price = o.path("fillPrice").asDouble();
            if (closed) {
                return "order " + o.path("orderUuid").asText() + " after the position closed";
            }
            if ("FLAT".equals(type)) {
                net = 0;
                closed = true;
                continue;
            }
            double delta = "LONG".equals(type) ? Math.abs(lev) : -Math.abs(lev);
            if (net == 0) {
                avg = price;
                net = delta;
            } else if (Math.signum(delta) == Math.signum(net)) {
                avg = (avg * Math.abs(net) + price * Math.abs(delta)) / Math.abs(net + delta);
                net += delta;
            } else {
                net += delta;
                if (Math.abs(net) < 1e-12 || Math.signum(net) != Math.signum(net - delta)) {
                    net = 0; // reduced to zero or flipped: the reference closes the position
                    closed = true;
                }
            }
        }
        double gotNet = pos.path("netLeverage").asDouble();
        double gotAvg = pos.path("averageEntryPrice").asDouble();
        String err = "";
        if (!close(gotNet, net)) {
            err += "net leverage " + gotNet + " but replay gives " + net + "; ";
        }
        if (net != 0 && !close(gotAvg, avg)) {
            err += "average entry " + gotAvg + " but replay gives " + avg + "; ";
        }
        boolean storedClosed = pos.hasNonNull("closeMs");
        if (closed != storedClosed) {
            err += "closed=" + storedClosed + " but replay says " + closed + "; ";
        }
        return err.isEmpty() ? null : err;
    }

    static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    /** A 4xx/5xx must carry a problem body: content type application/problem+json and a JSON object with its status. */
    public static String problemBody(Http.Resp r) {
        if (r.status() < 400) {
            return null;
        }
        if (!r.contentType().toLowerCase().startsWith("application/problem+json")) {
            return r.status() + " with content type '" + r.contentType() + "': " + r;
        }
        JsonNode j = r.json();
        if (j == null || !j.isObject() || j.path("status").asInt() != r.status() || !j.has("title")) {
            return r.status() + " with a malformed problem body: " + r;
        }
        return null;
    }
}
