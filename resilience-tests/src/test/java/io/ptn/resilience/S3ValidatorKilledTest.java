package io.ptn.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import io.ptn.resilience.harness.Checks;
import io.ptn.resilience.harness.Http;
import io.ptn.resilience.harness.OrderLedger;
import io.ptn.resilience.harness.OrderLoad;
import io.ptn.resilience.harness.Stack;
import io.ptn.resilience.harness.Summary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: the validator is killed with SIGKILL at random moments (seeded) while orders flow, five times, and
 * restarted on the same data directory. Every order that got a 201 — in this scenario and all earlier ones — must
 * be in its miner's positions with the same fill, none twice, and every position must equal a replay of its orders.
 */
class S3ValidatorKilledTest extends ScenarioBase {

    static final int ROUNDS = 5;

    @Test
    void validatorKilledMidStream() throws Exception {
        Summary.Row row = Summary.row("S3 validator kill -9 mid-stream");
        List<String> v = violations();
        Random rnd = new Random(3);
        long worstRestart = 0;
        long worstFirstFill = 0;
        Checks.Readback last = null;
        try (OrderLoad load = stack.load("S3", 10, 5000, Duration.ofSeconds(180))) {
            load.onResult(a -> checkOrderAnswer(a, v)).start();
            for (int round = 0; round < ROUNDS; round++) {
                sleep(1500 + rnd.nextInt(2500));
                long ackedBefore = load.count(201);
                long killAt = System.currentTimeMillis();
                stack.validator.kill9();
                stack.validator.start();
                long readyAt = stack.validator.awaitReady(Stack.START);
                long restart = readyAt - killAt;
                long wait = waitUntil(15_000, 10, () -> load.attempts().stream()
                        .anyMatch(a -> a.status() == 201 && a.resp().sentMs() >= readyAt));
                long firstFill = wait < 0 ? 15_000 : load.attempts().stream()
                        .filter(a -> a.status() == 201 && a.resp().sentMs() >= readyAt)
                        .mapToLong(a -> a.resp().ackMs()).min().getAsLong() - readyAt;
                worstRestart = Math.max(worstRestart, restart);
                worstFirstFill = Math.max(worstFirstFill, firstFill);
                // read back everything acknowledged so far, by the whole suite
                last = Checks.readback(stack, new ArrayList<>(stack.ledger.acked()));
                long inFlight = load.attempts().stream().filter(a -> !a.resp().answered()
                        && a.resp().sentMs() <= killAt + 50 && a.resp().ackMs() >= killAt).count();
                row.note("round " + (round + 1) + ": killed after " + ackedBefore + " fills in this scenario, "
                        + inFlight + " requests cut mid-flight, ready again " + restart + " ms after the kill, first fill "
                        + firstFill + " ms after ready; read back " + last.found() + "/" + last.acked()
                        + " acknowledged orders, " + last.ordersInStore() + " orders in " + last.positions()
                        + " positions, " + last.violations().size() + " violations");
                v.addAll(last.violations().stream().map(s -> "after kill " + (killAt) + ": " + s).toList());
                row.rounds = round + 1;
                if (wait < 0) {
                    v.add("round " + (round + 1) + ": no fill within 15 s of the validator's readiness");
                }
            }
            sleep(1000);
            load.close();
            row.fiveXx = load.count5xx();
            row.note("orders by status " + load.histogram() + " (-1 = no answer: validator down)");
        }
        // An order whose answer was lost may or may not be stored. The miner's retry (same uuid, same body) must
        // then get the original answer if it was stored, and never a 409 or a second fill.
        Checks.Readback mid = Checks.readback(stack, new ArrayList<>(stack.ledger.acked()));
        List<OrderLedger.Attempt> lost = stack.ledger.unanswered().stream().filter(a -> a.scenario().equals("S3")).toList();
        long unanswered = lost.size();
        int lostButStored = 0;
        for (OrderLedger.Attempt a : lost) {
            JsonNode stored = mid.stored().get(a.uuid());
            Http.Resp r = Http.postJson(stack.v() + "/api/v1/orders", a.body(), a.miner().bearer(), Duration.ofSeconds(10));
            stack.planner.sentOutside(a.miner(), a.pair(), r);
            stack.ledger.record(new OrderLedger.Attempt("S3-retry", a.uuid(), a.miner(), a.pair(), a.type(), a.leverage(),
                    a.body(), r));
            if (stored != null) {
                lostButStored++;
                if (r.status() != 201) {
                    v.add("retry of stored order " + a.uuid() + " (answer lost in the kill) got " + r);
                } else {
                    v.addAll(Checks.sameFill("retry of stored order " + a.uuid(), r.json(), stored));
                }
            } else if (r.status() == 409 || r.status() >= 500 && r.status() != 503) {
                v.add("retry of unstored order " + a.uuid() + " got " + r);
            }
        }
        Checks.Readback end = Checks.readback(stack, new ArrayList<>(stack.ledger.acked()));
        v.addAll(end.violations());
        row.acked = end.acked();
        row.foundAfterRestart = end.found();
        row.recovery(worstFirstFill);
        row.note("worst kill-to-ready " + worstRestart + " ms; " + unanswered + " orders of S3 got no answer ("
                + "validator down or killed mid-request), all retried with the same uuid and body; " + lostButStored
                + " of them had been stored before the kill (their retry must return the original fill); no duplicates");
        row.result = v.isEmpty() ? "PASS" : "FAIL";
        assertNone("S3", v);
    }
}
