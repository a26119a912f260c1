package io.ptn.resilience;

import io.ptn.resilience.harness.Checks;
import io.ptn.resilience.harness.Http;
import io.ptn.resilience.harness.OrderLedger;
import io.ptn.resilience.harness.Stack;
import io.ptn.resilience.harness.Summary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Shared by every scenario: the one running stack, violation bookkeeping, and the summary written after each. */
abstract class ScenarioBase {

    static Stack stack;

    @BeforeAll
    static void up() throws Exception {
        stack = Stack.get();
    }

    @AfterAll
    static void writeSummary() {
        Summary.write();
    }

    /** Thread-safe list of what went wrong, asserted empty at the end with every item shown. */
    static List<String> violations() {
        return Collections.synchronizedList(new ArrayList<>());
    }

    static void assertNone(String what, List<String> v) {
        if (!v.isEmpty()) {
            List<String> copy;
            synchronized (v) {
                copy = new ArrayList<>(v);
            }
            throw new AssertionError(what + ": " + copy.size() + " violation(s):\n  "
                    + String.join("\n  ", copy.subList(0, Math.min(40, copy.size()))));
        }
    }

    /** Polls until the condition holds; returns ms waited, or -1 on timeout. Bounded in time. */
    static long waitUntil(long maxMs, long everyMs, BooleanSupplier cond) {
        long start = System.currentTimeMillis();
        while (System.currentTimeMillis() - start <= maxMs) {
            if (cond.getAsBoolean()) {
                return System.currentTimeMillis() - start;
            }
            sleep(everyMs);
        }
        return -1;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(Math.max(0, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The checks every answer to an order must pass whatever the scenario: no 5xx but 503, 503 with Retry-After, no stale fill. */
    static void checkOrderAnswer(OrderLedger.Attempt a, List<String> v) {
        Http.Resp r = a.resp();
        if (r.status() >= 500 && r.status() != 503) {
            v.add("order " + a.uuid() + " answered " + r);
        }
        if (r.status() == 503) {
            String ra = r.header("Retry-After");
            if (ra == null || !ra.trim().matches("\\d+")) {
                v.add("503 without a numeric Retry-After for " + a.uuid() + ": " + r.headers());
            }
        }
        String problem = Checks.problemBody(r);
        if (problem != null) {
            v.add("order " + a.uuid() + ": " + problem);
        }
        String stale = Checks.staleFill(a, Stack.MAX_AGE_MS);
        if (stale != null) {
            v.add(stale);
        }
    }
}
