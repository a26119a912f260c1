package io.ptn.resilience.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service run as a real OS process (java -jar quarkus-run.jar) on a loopback port.
 * The harness is the orchestrator here: it starts, kills (SIGKILL), stops (SIGTERM), freezes (SIGSTOP)
 * and restarts it. Every start appends to one log file per service under target/resilience-logs.
 */
public final class ServiceProcess {

    private static final HttpClient PROBE = HttpClient.newBuilder()
            .connectTimeout(Duration.ofMillis(500)).version(HttpClient.Version.HTTP_1_1).build();

    private final String name;
    private final Path jar;
    private final Path workDir;
    private final Path log;
    private final Map<String, String> props = new LinkedHashMap<>();
    private volatile int port;
    private volatile Process process;
    private int starts;

    public ServiceProcess(String name, Path jar, Path workDir, Path logDir, int port) throws IOException {
        this.name = name;
        this.jar = jar;
        this.workDir = Files.createDirectories(workDir);
        this.log = Files.createDirectories(logDir).resolve(name + ".log");
        this.port = port;
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw -B -q -pl "
                    + "live-price-service,validator-service -am package -DskipTests)");
        }
    }

    public ServiceProcess prop(String key, String value) {
        props.put(key, value);
        return this;
    }

    public String name() { return name; }
    public int port() { return port; }
    public void port(int newPort) { this.port = newPort; }
    public String base() { return "http://127.0.0.1:" + port; }
    public Process process() { return process; }
    public long pid() { return process.pid(); }
    public boolean alive() { return process != null && process.isAlive(); }
    public int starts() { return starts; }

    public synchronized void start() throws IOException {
        if (alive()) {
            throw new IllegalStateException(name + " already running, pid " + process.pid());
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small heap, serial GC and C1 only: six helpers share two cores; startup speed matters more than peak speed.
        cmd.addAll(List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dquarkus.banner.enabled=false");
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.toString());
        starts++;
        Files.writeString(log, "\n===== start #" + starts + " port " + port + " at " + System.currentTimeMillis()
                + "\n" + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Polls /q/health/ready until 200; returns the wall-clock ms when it first answered UP. */
    public long awaitReady(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new IllegalStateException(name + " exited with " + exitCodeOrNull() + " before ready\n" + logTail());
            }
            if (status("/q/health/ready") == 200) {
                return System.currentTimeMillis();
            }
            sleep(50);
        }
        throw new IllegalStateException(name + " not ready within " + max + "\n" + logTail());
    }

    public int status(String path) {
        try {
            HttpResponse<Void> r = PROBE.send(HttpRequest.newBuilder(URI.create(base() + path))
                    .timeout(Duration.ofMillis(1500)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** kill -9 and wait for the process to be gone. */
    public void kill9() {
        Process p = process;
        p.destroyForcibly();
        waitExit(p, Duration.ofSeconds(10));
    }

    /** SIGTERM (Process.destroy on Unix); does not wait. */
    public void sigterm() {
        process.destroy();
    }

    public void sigstop() { signal("STOP"); }
    public void sigcont() { signal("CONT"); }

    private void signal(String sig) {
        try {
            Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).inheritIO().start();
            if (!k.waitFor(5, TimeUnit.SECONDS) || k.exitValue() != 0) {
                throw new IllegalStateException("kill -" + sig + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Integer waitExit(Duration max) {
        return waitExit(process, max);
    }

    private static Integer waitExit(Process p, Duration max) {
        try {
            return p.waitFor(max.toMillis(), TimeUnit.MILLISECONDS) ? p.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public Integer exitCodeOrNull() {
        Process p = process;
        return p == null || p.isAlive() ? null : p.exitValue();
    }

    /** Ensures the service is running and ready (used by each scenario so one failure does not cascade). */
    public void ensureUp(Duration max) throws IOException {
        if (alive()) {
            signal("CONT"); // harmless when not stopped; undoes a SIGSTOP left by a failed scenario
        } else {
            start();
        }
        awaitReady(max);
    }

    public void destroyQuietly() {
        Process p = process;
        if (p != null && p.isAlive()) {
            try {
                new ProcessBuilder("kill", "-CONT", Long.toString(p.pid())).start().waitFor(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // best effort before the kill below
            }
            p.destroyForcibly();
            waitExit(p, Duration.ofSeconds(5));
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- last lines of " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public Path log() { return log; }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
