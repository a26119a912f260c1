package io.ptn.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import io.ptn.resilience.harness.Metrics;
import io.ptn.resilience.harness.OrderLoad;
import io.ptn.resilience.harness.Summary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: the price service is frozen (SIGSTOP) longer than the validator's client timeout while 48 clients
 * press orders concurrently. Calls time out, the circuit opens, the validator's thread count stays bounded
 * (bulkhead), its liveness stays UP, and it fills again after SIGCONT.
 */
class S2PriceServiceFrozenTest extends ScenarioBase {

    static final long FREEZE_MS = 15_000;
    static final int CONCURRENCY = 48;
    /**
     * Threads the validator may add while frozen: one worker per concurrent client request is inherent to a blocking
     * endpoint; beyond that only a small constant (timers, FT, client). A pile-up (threads left blocked on the frozen
     * dependency after their request was answered) grows past it and keeps growing with time.
     */
    static final int MAX_EXTRA_THREADS = CONCURRENCY + 16;
    /** Growth allowed between the first and the second half of the freeze: the count must plateau. */
    static final int MAX_PLATEAU_GROWTH = 8;
    /** Idle workers are reclaimed after the pool's keep-alive (30 s by default). */
    static final long RELEASE_LIMIT_MS = 45_000;
    static final long RECOVER_LIMIT_MS = 20_000;

    @Test
    void priceServiceFrozen() {
        Summary.Row row = Summary.row("S2 price service SIGSTOP/SIGCONT");
        List<String> v = violations();
        sleep(1000);
        int threadsBefore = Metrics.scrape(stack.v()).liveThreads();
        double opensBefore = opened(Metrics.scrape(stack.v()));
        AtomicInteger maxThreads = new AtomicInteger(threadsBefore);
        AtomicInteger maxFirstHalf = new AtomicInteger(threadsBefore);
        Metrics ftBefore = Metrics.scrape(stack.v());
        AtomicBoolean circuitOpenSeen = new AtomicBoolean();
        AtomicInteger livenessFailures = new AtomicInteger();
        long contAt;
        long firstFillAfter = -1;
        try (OrderLoad load = stack.load("S2", CONCURRENCY, 40, 2000, Duration.ofSeconds(60))) {
            load.onResult(a -> checkOrderAnswer(a, v)).start();
            sleep(2000);
            long stopAt = System.currentTimeMillis();
            stack.price.sigstop();
            try {
                while (System.currentTimeMillis() - stopAt < FREEZE_MS) {
                    Metrics m = Metrics.scrape(stack.v());
                    maxThreads.accumulateAndGet(m.liveThreads(), Math::max);
                    if (System.currentTimeMillis() - stopAt < FREEZE_MS / 2) {
                        maxFirstHalf.accumulateAndGet(m.liveThreads(), Math::max);
                    }
                    if (opened(m) > opensBefore || circuitOpenInHealth()) {
                        circuitOpenSeen.set(true);
                    }
                    if (stack.validator.status("/q/health/live") != 200) {
                        livenessFailures.incrementAndGet();
                    }
                    sleep(250);
                }
            } finally {
                contAt = System.currentTimeMillis();
                stack.price.sigcont();
            }
            long frozenFills = load.attempts().stream().filter(a -> a.status() == 201
                    && a.resp().sentMs() > stopAt + 2500 && a.resp().ackMs() < contAt).count();
            long refused = load.attempts().stream().filter(a -> a.status() == 503
                    && a.resp().sentMs() > stopAt && a.resp().ackMs() < contAt).count();
            long noAnswer = load.attempts().stream().filter(a -> !a.resp().answered()).count();
            long wait = waitUntil(RECOVER_LIMIT_MS + 5000, 20, () -> load.attempts().stream()
                    .anyMatch(a -> a.status() == 201 && a.resp().sentMs() >= contAt));
            if (wait >= 0) {
                firstFillAfter = load.attempts().stream()
                        .filter(a -> a.status() == 201 && a.resp().sentMs() >= contAt)
                        .mapToLong(a -> a.resp().ackMs()).min().getAsLong() - contAt;
            }
            sleep(2000);
            load.close();
            row.rounds = 1;
            row.acked = load.count(201);
            row.fiveXx = load.count5xx();
            row.recovery(firstFillAfter < 0 ? RECOVER_LIMIT_MS + 5000 : firstFillAfter);
            row.note("frozen " + FREEZE_MS + " ms with " + CONCURRENCY + " concurrent clients: " + refused
                    + " orders refused 503, " + frozenFills + " filled while frozen (must be 0), " + noAnswer
                    + " without an answer within 10 s; orders by status " + load.histogram());
            if (frozenFills > 0) {
                v.add(frozenFills + " orders filled while the price service was frozen (beyond the max age)");
            }
            if (refused == 0) {
                v.add("no order was refused with 503 while the price service was frozen");
            }
            if (noAnswer > 0) {
                v.add(noAnswer + " orders got no answer within 10 s (timeouts not bounded by the validator)");
            }
        }
        row.note("fault-tolerance counters that moved: " + ftDeltas(ftBefore, Metrics.scrape(stack.v())));
        long released = waitUntil(RELEASE_LIMIT_MS, 1000,
                () -> Metrics.scrape(stack.v()).liveThreads() <= threadsBefore + 10);
        int threadsAfter = Metrics.scrape(stack.v()).liveThreads();
        row.note("validator live threads before " + threadsBefore + ", max in the first half of the freeze "
                + maxFirstHalf.get() + ", max while frozen " + maxThreads.get() + ", back to " + threadsAfter
                + " after " + (released < 0 ? "more than " + RELEASE_LIMIT_MS : released) + " ms" + "; circuit open seen: " + circuitOpenSeen.get()
                + "; liveness failures " + livenessFailures.get() + "; first fill " + firstFillAfter
                + " ms after SIGCONT; circuit now " + circuitState());
        if (maxThreads.get() - threadsBefore > MAX_EXTRA_THREADS) {
            v.add("thread pile-up: " + threadsBefore + " -> " + maxThreads.get() + " live threads (allowed +"
                    + MAX_EXTRA_THREADS + ")");
        }
        if (maxThreads.get() - maxFirstHalf.get() > MAX_PLATEAU_GROWTH) {
            v.add("threads kept growing while frozen: " + maxFirstHalf.get() + " in the first half, "
                    + maxThreads.get() + " by the end");
        }
        if (released < 0) {
            v.add("threads not released " + RELEASE_LIMIT_MS + " ms after recovery: " + threadsBefore + " -> "
                    + threadsAfter);
        }
        if (!circuitOpenSeen.get()) {
            v.add("circuit breaker never reported OPEN (wellness data or ft_circuitbreaker_opened_total) while frozen;"
                    + " check: " + stack.priceServiceCheck());
        }
        if (livenessFailures.get() > 0) {
            v.add("validator liveness not UP " + livenessFailures.get() + " times while the price service was frozen");
        }
        if (firstFillAfter < 0 || firstFillAfter > RECOVER_LIMIT_MS) {
            v.add("no fill within " + RECOVER_LIMIT_MS + " ms of SIGCONT (got " + firstFillAfter + ")");
        }
        row.result = v.isEmpty() ? "PASS" : "FAIL";
        assertNone("S2", v);
    }

    /** Every ft_* sample whose value changed (bulkhead rejections, timeouts, retries, breaker transitions). */
    static String ftDeltas(Metrics before, Metrics after) {
        StringBuilder sb = new StringBuilder();
        for (Metrics.Sample s : after.matching(n -> n.startsWith("ft_") && !n.endsWith("_max"))) {
            double b = before.sum(s.name(), l -> l.equals(s.labels()));
            double d = s.value() - (Double.isNaN(b) ? 0 : b);
            if (d != 0 && !s.name().contains("seconds")) {
                sb.append(s.name()).append('{').append(s.labels().replaceAll("method=\"[^\"]*\",?", ""))
                        .append("}+").append((long) d).append("; ");
            }
        }
        return sb.length() == 0 ? "none exposed" : sb.toString();
    }

    /** SmallRye FT's count of transitions to OPEN, summed over breakers; 0 when not exposed. */
    static double opened(Metrics m) {
        double d = m.sum("ft_circuitbreaker_opened_total");
        return Double.isNaN(d) ? 0 : d;
    }

    static boolean circuitOpenInHealth() {
        String s = circuitState();
        return s != null && s.toUpperCase().contains("OPEN") && !s.toUpperCase().contains("HALF");
    }

    /** The order path's circuit state as the wellness check reports it (data "circuit"). */
    static String circuitState() {
        JsonNode c = stack.priceServiceCheck();
        if (c == null || !c.path("data").has("circuit")) {
            return null;
        }
        return c.get("data").get("circuit").asText();
    }
}
