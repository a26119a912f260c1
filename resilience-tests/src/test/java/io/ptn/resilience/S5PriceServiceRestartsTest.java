package io.ptn.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import io.ptn.resilience.harness.Metrics;
import io.ptn.resilience.harness.OrderLoad;
import io.ptn.resilience.harness.Sockets;
import io.ptn.resilience.harness.Stack;
import io.ptn.resilience.harness.Summary;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5: the price service is restarted 20 times in quick succession (SIGKILL, start, ready). After each
 * restart the validator's SSE stream must reconnect; at the end its live threads and its ESTABLISHED TCP
 * connections to the price port must be back near the baseline (no leak), and no order may fill at a stale price.
 */
class S5PriceServiceRestartsTest extends ScenarioBase {

    static final int RESTARTS = 20;
    static final long RECONNECT_LIMIT_MS = 10_000;
    static final int MAX_EXTRA_THREADS = 10;
    static final int MAX_EXTRA_CONNECTIONS = 2;

    @Test
    void priceServiceRestartedManyTimes() throws Exception {
        Summary.Row row = Summary.row("S5 price service restarted 20x");
        List<String> v = violations();
        waitUntil(10_000, 100, () -> Boolean.TRUE.equals(streamConnected()));
        sleep(1000);
        Metrics m0 = Metrics.scrape(stack.v());
        int threads0 = m0.liveThreads();
        int conns0 = Sockets.established(stack.validator.pid(), stack.price.port());
        double reconnects0 = reconnects(m0);
        long worstReconnect = 0;
        long worstDown = 0;
        try (OrderLoad load = stack.load("S5", 6, 3000, Duration.ofSeconds(240))) {
            load.onResult(a -> checkOrderAnswer(a, v)).start();
            for (int i = 0; i < RESTARTS; i++) {
                double before = reconnects(Metrics.scrape(stack.v()));
                long killAt = System.currentTimeMillis();
                stack.price.kill9();
                long down = waitUntil(5000, 20, () -> !Boolean.TRUE.equals(streamConnected()));
                worstDown = Math.max(worstDown, down < 0 ? 5000 : down);
                stack.price.start();
                long readyAt = stack.price.awaitReady(Stack.START);
                long reconnected = waitUntil(RECONNECT_LIMIT_MS, 20, () -> Boolean.TRUE.equals(streamConnected())
                        && (Double.isNaN(before) || reconnects(Metrics.scrape(stack.v())) > before));
                if (reconnected < 0) {
                    v.add("restart " + (i + 1) + ": stream not reconnected " + RECONNECT_LIMIT_MS
                            + " ms after the price service was ready; check " + stack.priceServiceCheck());
                }
                worstReconnect = Math.max(worstReconnect, reconnected < 0 ? RECONNECT_LIMIT_MS : reconnected);
                row.rounds = i + 1;
                if (i % 5 == 4) {
                    row.note("after restart " + (i + 1) + ": validator threads "
                            + Metrics.scrape(stack.v()).liveThreads() + ", connections to price port "
                            + Sockets.established(stack.validator.pid(), stack.price.port()) + " (kill to ready "
                            + (readyAt - killAt) + " ms, ready to reconnected " + reconnected + " ms)");
                }
            }
            sleep(2000);
            load.close();
            row.acked = load.count(201);
            row.fiveXx = load.count5xx();
            row.note("orders by status " + load.histogram());
        }
        sleep(3000);
        Metrics m1 = Metrics.scrape(stack.v());
        int threads1 = m1.liveThreads();
        int conns1 = Sockets.established(stack.validator.pid(), stack.price.port());
        int closeWait1 = Sockets.closeWait(stack.validator.pid(), stack.price.port());
        double reconnects1 = reconnects(m1);
        row.detection(worstDown);
        row.recovery(worstReconnect);
        row.note("validator threads " + threads0 + " -> " + threads1 + ", ESTABLISHED connections to the price port "
                + conns0 + " -> " + conns1 + " (CLOSE_WAIT " + closeWait1 + "), stream reconnect count " + reconnects0 + " -> " + reconnects1
                + "; worst stream-down detection " + worstDown + " ms, worst ready-to-reconnected " + worstReconnect
                + " ms");
        if (threads1 - threads0 > MAX_EXTRA_THREADS) {
            v.add("thread leak: " + threads0 + " -> " + threads1 + " live threads after " + RESTARTS + " restarts");
        }
        if (conns1 - Math.max(conns0, 1) > MAX_EXTRA_CONNECTIONS) {
            v.add("connection leak: " + conns0 + " -> " + conns1 + " ESTABLISHED connections to the price port");
        }
        if (closeWait1 > MAX_EXTRA_CONNECTIONS) {
            v.add("socket leak: " + closeWait1 + " connections to the price port left in CLOSE_WAIT");
        }
        if (conns1 < 1) {
            v.add("no connection from the validator to the price service after the restarts (stream not open)");
        }
        if (Double.isNaN(reconnects1)) {
            v.add("the validator exposes no stream reconnect count (metric or wellness data streamReconnects)");
        } else if (reconnects1 - reconnects0 < RESTARTS) {
            v.add("stream reconnect metric grew by " + (reconnects1 - reconnects0) + " over " + RESTARTS + " restarts");
        }
        row.result = v.isEmpty() ? "PASS" : "FAIL";
        assertNone("S5", v);
    }

    /**
     * The validator's stream reconnect count: a *reconnect* metric in /q/metrics if it exposes one, else the
     * wellness data "streamReconnects"; NaN when neither exists.
     */
    static double reconnects(Metrics m) {
        double total = Double.NaN;
        for (Metrics.Sample s : m.matching(n -> n.contains("reconnect") && !n.endsWith("_created"))) {
            total = Double.isNaN(total) ? s.value() : total + s.value();
        }
        if (Double.isNaN(total)) {
            JsonNode c = stack.priceServiceCheck();
            if (c != null && c.path("data").has("streamReconnects")) {
                return c.get("data").get("streamReconnects").asDouble();
            }
        }
        return total;
    }

    /** Whether the wellness check says the price stream is connected (data "streamConnected"); null if unsaid. */
    static Boolean streamConnected() {
        JsonNode c = stack.priceServiceCheck();
        if (c == null || !c.path("data").has("streamConnected")) {
            return null;
        }
        return c.get("data").get("streamConnected").asBoolean();
    }
}
