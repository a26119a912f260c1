package io.ptn.resilience;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ptn.resilience.harness.OrderLedger;
import io.ptn.resilience.harness.OrderLoad;
import io.ptn.resilience.harness.Stack;
import io.ptn.resilience.harness.Summary;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1: the price service is killed with SIGKILL five times while orders flow. The validator must stay up,
 * never answer 500, refuse with 503 + Retry-After once its prices are too old, never fill at a stale price,
 * report the dependency DOWN within 2 s, and fill again within 2 s of the price service being ready.
 */
class S1PriceServiceKilledTest extends ScenarioBase {

    static final int ROUNDS = 5;
    static final long DETECT_LIMIT_MS = 2000;
    static final long RECOVER_LIMIT_MS = 2000;

    @Test
    void priceServiceKilledUnderLoad() throws Exception {
        Summary.Row row = Summary.row("S1 price service kill -9 under load");
        List<String> v = violations();
        long[] detection = new long[ROUNDS];
        long[] recovery = new long[ROUNDS];
        try (OrderLoad load = stack.load("S1", 8, 3000, Duration.ofSeconds(180))) {
            load.onResult(a -> checkOrderAnswer(a, v)).start();
            sleep(3000);
            assertTrue(load.count(201) > 0, "no order filled before the first kill: " + load.histogram());
            for (int round = 0; round < ROUNDS; round++) {
                long killAt = System.currentTimeMillis();
                stack.price.kill9();
                long detect = waitUntil(10_000, 25, () -> "DOWN".equals(stack.priceServiceStatus()));
                detection[round] = detect < 0 ? Long.MAX_VALUE : System.currentTimeMillis() - killAt;
                row.detection(detection[round] == Long.MAX_VALUE ? 10_000 : detection[round]);
                // stay down well past the validator's max price age: from then on no order may fill
                long staleFrom = killAt + Stack.MAX_AGE_MS + 500;
                sleep(staleFrom + 2500 - System.currentTimeMillis());
                long restartAt = System.currentTimeMillis();
                if (!stack.validator.alive()) {
                    v.add("round " + round + ": validator exited (" + stack.validator.exitCodeOrNull() + ")");
                    break;
                }
                int refused = 0;
                for (OrderLedger.Attempt a : load.attempts()) {
                    if (a.resp().sentMs() >= staleFrom && a.resp().ackMs() <= restartAt) {
                        if (a.status() == 201) {
                            v.add("round " + round + ": order " + a.uuid() + " filled " + (a.resp().sentMs() - killAt)
                                    + " ms after the price service died (max age " + Stack.MAX_AGE_MS + "): "
                                    + a.resp().body());
                        } else if (a.status() == 503) {
                            refused++;
                        } else if (a.status() != 422) {
                            v.add("round " + round + ": during the outage got " + a.resp());
                        }
                    }
                }
                if (refused == 0) {
                    v.add("round " + round + ": no 503 observed during the outage");
                }
                stack.price.start();
                long readyAt = stack.price.awaitReady(Stack.START);
                // watch the validator's view while waiting for the first fill, to say why recovery took what it took
                StringBuilder seen = new StringBuilder();
                String[] lastView = {""};
                long filled = waitUntil(15_000, 50, () -> {
                    var c = stack.priceServiceCheck();
                    String view = c == null ? "absent" : c.path("status").asText() + " circuit="
                            + c.path("data").path("circuit").asText() + " stream="
                            + c.path("data").path("streamConnected").asText();
                    if (!view.equals(lastView[0])) {
                        seen.append(" +").append(System.currentTimeMillis() - readyAt).append("ms:").append(view);
                        lastView[0] = view;
                    }
                    return load.attempts().stream().anyMatch(a -> a.status() == 201 && a.resp().ackMs() >= restartAt);
                });
                long firstFill = load.attempts().stream()
                        .filter(a -> a.status() == 201 && a.resp().ackMs() >= restartAt)
                        .mapToLong(a -> a.resp().ackMs()).min().orElse(Long.MAX_VALUE);
                recovery[round] = filled < 0 ? Long.MAX_VALUE : Math.max(0, firstFill - readyAt);
                row.recovery(recovery[round] == Long.MAX_VALUE ? 15_000 : recovery[round]);
                row.note("round " + (round + 1) + ": dependency DOWN after " + fmt(detection[round]) + " ms, "
                        + refused + " orders refused 503 while down, first fill " + fmt(recovery[round])
                        + " ms after price service ready (restart to ready " + (readyAt - restartAt)
                        + " ms); validator's view after ready:" + seen);
                row.rounds = round + 1;
                sleep(1500);
            }
            load.close();
            row.acked = load.count(201);
            row.fiveXx = load.count5xx();
            row.note("orders by status " + load.histogram());
        }
        boolean validatorAlive = stack.validator.alive();
        if (!validatorAlive) {
            v.add("validator exited with " + stack.validator.exitCodeOrNull());
        }
        for (int r = 0; r < row.rounds; r++) {
            if (detection[r] > DETECT_LIMIT_MS) {
                v.add("round " + (r + 1) + ": dependency check DOWN after " + fmt(detection[r]) + " ms (limit "
                        + DETECT_LIMIT_MS + "); check now " + stack.priceServiceCheck());
            }
            if (recovery[r] > RECOVER_LIMIT_MS) {
                v.add("round " + (r + 1) + ": first fill " + fmt(recovery[r]) + " ms after readiness (limit "
                        + RECOVER_LIMIT_MS + ")");
            }
        }
        row.result = v.isEmpty() && row.rounds == ROUNDS ? "PASS" : "FAIL";
        assertNone("S1", v);
        assertTrue(row.rounds == ROUNDS, "only " + row.rounds + " rounds ran");
    }

    static String fmt(long ms) {
        return ms == Long.MAX_VALUE ? "never" : Long.toString(ms);
    }
}
