package io.ptn.resilience;

import io.ptn.resilience.harness.Checks;
import io.ptn.resilience.harness.OrderLedger;
import io.ptn.resilience.harness.OrderLoad;
import io.ptn.resilience.harness.Stack;
import io.ptn.resilience.harness.Summary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4: SIGTERM to the validator under load. Readiness must go DOWN while the server still answers (the
 * shutdown delay), every request already sent must get its answer, the JVM must exit by itself within the grace
 * period with the exit code a SIGTERM'd JVM reports (143 = 128 + 15: the JVM's own SIGTERM handling runs the
 * shutdown hooks, in which Quarkus stops gracefully, and then exits with that status), and nothing acknowledged is
 * lost after the restart.
 */
class S4GracefulStopTest extends ScenarioBase {

    /** What an orchestrator gives: shutdown delay (5 s) plus margin; Kubernetes' default grace is 30 s. */
    static final long GRACE_MS = 20_000;
    static final int SIGTERM_EXIT = 143;
    /** quarkus.shutdown.delay of the contract: readiness DOWN, requests still served. */
    static final long SHUTDOWN_DELAY_MS = 5000;

    record Probe(long atMs, int status) {
    }

    @Test
    void gracefulStopUnderLoad() throws Exception {
        Summary.Row row = Summary.row("S4 validator SIGTERM under load");
        List<String> v = violations();
        List<Probe> probes = new CopyOnWriteArrayList<>();
        long termAt;
        Integer exit;
        long exitedAfter;
        long logSizeBefore = Files.size(stack.validator.log());
        try (OrderLoad load = stack.load("S4", 8, 10, 3000, Duration.ofSeconds(60))) {
            load.onResult(a -> checkOrderAnswer(a, v)).start();
            sleep(2500);
            Thread prober = new Thread(() -> {
                long end = System.currentTimeMillis() + GRACE_MS + 2000;
                while (System.currentTimeMillis() < end) {
                    int s = stack.validator.status("/q/health/ready");
                    probes.add(new Probe(System.currentTimeMillis(), s));
                    if (s == -1) {
                        return;
                    }
                    sleep(20);
                }
            }, "readiness-prober");
            prober.setDaemon(true);
            prober.start();
            sleep(300);
            termAt = System.currentTimeMillis();
            stack.validator.sigterm();
            exit = stack.validator.waitExit(Duration.ofMillis(GRACE_MS));
            exitedAfter = System.currentTimeMillis() - termAt;
            prober.join(5000);
            load.close();
            long firstDown = probes.stream().filter(p -> p.atMs() >= termAt && p.status() == 503)
                    .mapToLong(Probe::atMs).min().orElse(-1);
            long firstRefused = probes.stream().filter(p -> p.atMs() >= termAt && p.status() == -1)
                    .mapToLong(Probe::atMs).min().orElse(-1);
            // requests sent before SIGTERM or during the shutdown delay must have an answer; after the delay the
            // server closes, and a refused or closed connection is what a client should then see
            List<OrderLedger.Attempt> cut = new ArrayList<>();
            for (OrderLedger.Attempt a : load.attempts()) {
                if (!a.resp().answered() && a.resp().sentMs() < termAt + SHUTDOWN_DELAY_MS - 250) {
                    cut.add(a);
                }
            }
            long servedWhileDraining = load.attempts().stream().filter(a -> a.resp().answered()
                    && a.resp().sentMs() >= termAt).count();
            row.rounds = 1;
            row.detection(firstDown < 0 ? GRACE_MS : firstDown - termAt);
            row.fiveXx = load.count5xx();
            row.note("SIGTERM: readiness DOWN after " + (firstDown < 0 ? "never" : (firstDown - termAt) + " ms")
                    + ", connections refused after " + (firstRefused < 0 ? "never" : (firstRefused - termAt) + " ms")
                    + ", exit code " + exit + " after " + exitedAfter + " ms; " + servedWhileDraining
                    + " orders answered while draining; " + cut.size() + " requests cut mid-flight; orders by status "
                    + load.histogram());
            if (firstDown < 0) {
                v.add("readiness never answered DOWN (503) between SIGTERM and exit: probes " + probes.stream()
                        .filter(p -> p.atMs() >= termAt).map(p -> (p.atMs() - termAt) + ":" + p.status()).toList());
            } else if (firstRefused >= 0 && firstRefused < firstDown) {
                v.add("connections refused before readiness went DOWN");
            }
            for (OrderLedger.Attempt a : cut) {
                v.add("request cut by the graceful stop: " + a.uuid() + " sent " + (a.resp().sentMs() - termAt)
                        + " ms after SIGTERM: " + a.resp().error());
            }
            if (exit == null) {
                v.add("validator still running " + GRACE_MS + " ms after SIGTERM");
                stack.validator.kill9();
            } else if (exit != SIGTERM_EXIT) {
                v.add("exit code " + exit + " after SIGTERM (expected " + SIGTERM_EXIT + ")");
            }
            String log = new String(Files.readAllBytes(stack.validator.log()), StandardCharsets.UTF_8)
                    .substring((int) Math.min(logSizeBefore, Files.size(stack.validator.log())));
            if (!log.contains("stopped in")) {
                v.add("no Quarkus 'stopped in' line in the log after SIGTERM: shutdown did not complete\n"
                        + stack.validator.logTail());
            }
        }
        long restartAt = System.currentTimeMillis();
        stack.validator.start();
        long readyAt = stack.validator.awaitReady(Stack.START);
        row.recovery(readyAt - restartAt);
        Checks.Readback rb = Checks.readback(stack, new ArrayList<>(stack.ledger.acked()));
        v.addAll(rb.violations());
        row.acked = rb.acked();
        row.foundAfterRestart = rb.found();
        row.note("after restart (" + (readyAt - restartAt) + " ms to ready): " + rb.found() + "/" + rb.acked()
                + " acknowledged orders found");
        row.result = v.isEmpty() ? "PASS" : "FAIL";
        assertNone("S4", v);
    }
}
