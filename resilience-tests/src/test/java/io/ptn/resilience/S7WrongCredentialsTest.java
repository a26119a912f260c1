package io.ptn.resilience;

import io.ptn.resilience.harness.Checks;
import io.ptn.resilience.harness.Http;
import io.ptn.resilience.harness.Miner;
import io.ptn.resilience.harness.Summary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scenario 7: orders with another miner's token, no token, or a malformed Authorization header are refused
 * (401/403 with a problem body) and write nothing: both miners' positions read back byte-identical, and none of the
 * refused order ids appears anywhere.
 */
class S7WrongCredentialsTest extends ScenarioBase {

    @Test
    void wrongCredentialsRefused() {
        Summary.Row row = Summary.row("S7 wrong credentials");
        List<String> v = violations();
        Miner victim = stack.miners.get(0);
        Miner other = stack.miners.get(1);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("another miner's token", other.bearer());
        headers.put("no Authorization header", null);
        headers.put("empty Authorization", "");
        headers.put("Bearer without token", "Bearer ");
        headers.put("token without scheme", victim.token());
        headers.put("Basic scheme", "Basic " + Base64.getEncoder().encodeToString((victim.hotkey() + ":"
                + victim.token()).getBytes()));
        headers.put("token with a trailing character", victim.bearer() + "x");
        headers.put("token truncated", victim.bearer().substring(0, victim.bearer().length() - 1));
        headers.put("unknown token", "Bearer not-a-configured-token");
        headers.put("the token's sha256 instead of the token", "Bearer " + victim.sha256());
        headers.put("two bearer values", victim.bearer() + ", " + other.bearer());
        String before = positionsOf(victim) + positionsOf(other);
        List<String> refusedIds = new ArrayList<>();
        List<String> refusedBodies = new ArrayList<>();
        int refused = 0;
        for (var e : headers.entrySet()) {
            for (String pair : List.of("BTCUSD", "ETHUSD")) {
                String uuid = UUID.randomUUID().toString();
                refusedIds.add(uuid);
                String body = Http.json(new TreeMap<>(Map.of("orderUuid", uuid, "minerHotkey",
                        victim.hotkey(), "tradePair", pair, "orderType", "LONG", "leverage", 0.1)));
                refusedBodies.add(body);
                Http.Resp r = Http.postJson(stack.v() + "/api/v1/orders", body, e.getValue(), Duration.ofSeconds(10));
                if (r.status() != 401 && r.status() != 403) {
                    v.add(e.getKey() + ": expected 401/403, got " + r);
                } else {
                    refused++;
                    String problem = Checks.problemBody(r);
                    if (problem != null) {
                        v.add(e.getKey() + ": " + problem);
                    }
                }
                if (r.status() >= 500) {
                    row.fiveXx++;
                }
            }
        }
        String after = positionsOf(victim) + positionsOf(other);
        if (!before.equals(after)) {
            v.add("positions changed after refused orders:\nbefore " + before + "\nafter  " + after);
        }
        for (String id : refusedIds) {
            if (after.contains(id)) {
                v.add("refused order " + id + " was written");
            }
        }
        // the control: the last forged order, byte for byte, with the miner's own token. It must pass
        // authentication, and must not be a 409 (which would mean the forged attempt had recorded its uuid).
        Http.Resp control = Http.postJson(stack.v() + "/api/v1/orders", refusedBodies.get(refusedBodies.size() - 1),
                victim.bearer(), Duration.ofSeconds(10));
        if (control.status() == 401 || control.status() == 403 || control.status() == 409 || control.status() >= 500) {
            v.add("control order (a refused body resent with the miner's own token) answered " + control);
        }
        row.rounds = headers.size() * 2;
        row.note(refused + "/" + headers.size() * 2 + " forged orders refused with 401/403; positions unchanged: "
                + before.equals(after) + "; the last forged body resent with the right token answered "
                + control.status() + (control.json() != null && control.json().has("fillPrice") ? " (filled)" : ""));
        row.result = v.isEmpty() ? "PASS" : "FAIL";
        assertNone("S7", v);
    }

    /** The orders a miner has, position by position (marks and returns may move between reads; orders may not). */
    static String positionsOf(Miner m) {
        Http.Resp r = Http.get(stack.v() + "/api/v1/miners/" + m.hotkey() + "/positions");
        StringBuilder sb = new StringBuilder(m.hotkey()).append(' ').append(r.status()).append(' ');
        JsonNode j = r.json();
        if (j != null) {
            for (JsonNode p : j.path("positions")) {
                sb.append(p.path("tradePair").asText()).append('[');
                for (JsonNode o : p.path("orders")) {
                    sb.append(o.path("orderUuid").asText()).append(' ');
                }
                sb.append("] ");
            }
        }
        return sb.toString();
    }
}
