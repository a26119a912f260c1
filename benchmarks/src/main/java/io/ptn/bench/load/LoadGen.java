package io.ptn.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Load generator for ./bench/run.sh. Modes:
 * <ul>
 * <li>{@code rate}: constant request rate (wrk2 model). Connection i sends request k at the intended time
 * {@code start + (k*C + i) / rate}; latency is recorded from that intended time, so a stalled server is charged for
 * every request it delayed (no coordinated omission).</li>
 * <li>{@code closed}: C connections back to back for the duration (max throughput; with C=1 the per-call latency of
 * one client, comparable to the Python RPC proxy loop).</li>
 * <li>{@code sse}: reads the price stream and records receive time minus the event's {@code timestampMs}.</li>
 * <li>{@code tokens}: writes a validator tokens file ({@code hotkey=sha256hex}) and the matching secrets.</li>
 * </ul>
 * Every loop is bounded by its duration; only loopback hosts are accepted. Results are JSON for bench/report.py.
 */
public final class LoadGen {

    private static final long HIGHEST_NS = 60_000_000_000L;
    /** Slot width of --timeline: the worst latency per 10 ms of intended send time, to line up with GC logs. */
    private static final long TIMELINE_NS = 10_000_000L;

    private final Map<String, String> opts;
    private final String host;
    private final int port;
    private final String hostHeader;
    private final long[] rssPids;
    private volatile long[] rssPeakKb;

    private LoadGen(Map<String, String> opts) {
        this.opts = opts;
        this.host = opts.getOrDefault("host", "127.0.0.1");
        if (!host.equals("localhost") && !host.startsWith("127.") && !host.equals("::1")) {
            throw new IllegalArgumentException("loopback only: " + host);
        }
        this.port = Integer.parseInt(opts.getOrDefault("port", "8081"));
        this.hostHeader = host + ":" + port;
        String pids = opts.getOrDefault("rss-pids", "");
        this.rssPids = pids.isBlank() ? new long[0]
                : Arrays.stream(pids.split(",")).mapToLong(Long::parseLong).toArray();
        this.rssPeakKb = new long[rssPids.length];
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LoadGen rate|closed|sse|tokens --key value ...");
            System.exit(2);
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --key, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        switch (args[0]) {
            case "rate", "closed" -> new LoadGen(opts).runSuite(args[0]);
            case "sse" -> new LoadGen(opts).runSse();
            case "tokens" -> writeTokens(opts);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    // ---------------------------------------------------------------- suites

    private record Target(String name, RequestSource source, double rate) {
    }

    /** Result of one run of one target. */
    private record RunResult(String target, int rep, double rateTarget, double achieved, long count, long errors,
            Map<Integer, Long> statuses, Histogram latency, Histogram service, long[] rssPeakKb, int connections,
            long unsent) {
    }

    private void runSuite(String mode) throws Exception {
        int reps = Integer.parseInt(opts.getOrDefault("reps", "3"));
        double warmup = Double.parseDouble(opts.getOrDefault("warmup", "2"));
        double duration = Double.parseDouble(opts.getOrDefault("duration", "5"));
        int connections = Integer.parseInt(opts.getOrDefault("connections", "16"));
        List<Target> targets = new ArrayList<>();
        List<OrderRequests> orderSources = new ArrayList<>();
        // --targets "name=/path@rate;name=ORDERS@rate" (paths may hold commas); rate only for mode rate (falls back to --rate)
        for (String spec : opts.get("targets").split(";")) {
            String[] nv = spec.split("=", 2);
            String what = nv[1];
            double rate = Double.parseDouble(opts.getOrDefault("rate", "0"));
            int at = what.lastIndexOf('@');
            if (at > 0) {
                rate = Double.parseDouble(what.substring(at + 1));
                what = what.substring(0, at);
            }
            RequestSource src;
            if (what.equals("ORDERS")) {
                OrderRequests os = new OrderRequests(hostHeader, "/api/v1/orders", Path.of(opts.get("secrets")),
                        opts.getOrDefault("order-pairs", "BTCUSD,ETHUSD,SOLUSD,XRPUSD,DOGEUSD,ADAUSD").split(","),
                        opts.getOrDefault("leverage", "0.01"),
                        opts.containsKey("slot-file") ? Path.of(opts.get("slot-file")) : null);
                orderSources.add(os);
                src = os;
            } else {
                src = RequestSource.fixed(HttpConnection.get(hostHeader, what));
            }
            if (mode.equals("rate") && rate <= 0) {
                throw new IllegalArgumentException("rate mode needs a rate for " + nv[0]);
            }
            targets.add(new Target(nv[0], src, rate));
        }
        smokeCheck(targets);

        AtomicBoolean stop = new AtomicBoolean();
        Thread sampler = startRssSampler(stop);
        List<RunResult> results = new ArrayList<>();
        try {
            // Reps outermost, targets interleaved, so drift on a shared machine hits target and baseline alike.
            for (int rep = 1; rep <= reps; rep++) {
                for (Target t : targets) {
                    RunResult r = mode.equals("rate")
                            ? runRate(t, rep, connections, warmup, duration)
                            : runClosed(t, rep, connections, warmup, duration);
                    results.add(r);
                    System.err.printf(Locale.ROOT, "%s %-10s rep %d: %.0f req/s (target %.0f) p50 %.3f ms "
                            + "p99 %.3f ms p99.9 %.3f ms statuses %s errors %d unsent %d%n", mode, t.name, rep,
                            r.achieved, r.rateTarget, r.latency.getValueAtPercentile(50) / 1e6,
                            r.latency.getValueAtPercentile(99) / 1e6, r.latency.getValueAtPercentile(99.9) / 1e6,
                            r.statuses, r.errors, r.unsent);
                }
            }
        } finally {
            stop.set(true);
            if (sampler != null) {
                sampler.join(2000);
            }
            for (OrderRequests os : orderSources) {
                os.saveSlot();
            }
        }
        writeJson(mode, results);
    }

    /** One request per target before measuring, so a wrong path or a down service fails loudly, not as a figure. */
    private void smokeCheck(List<Target> targets) throws IOException {
        for (Target t : targets) {
            try (HttpConnection c = new HttpConnection(host, port, 10_000, true)) {
                int status = c.exchange(t.source.next());
                String body = new String(c.lastBody(), StandardCharsets.UTF_8);
                System.err.printf("smoke %s -> %d %s%n", t.name, status,
                        body.length() > 300 ? body.substring(0, 300) + "..." : body);
            }
        }
    }

    private RunResult runRate(Target t, int rep, int connections, double warmupS, double durationS)
            throws InterruptedException {
        double rate = t.rate;
        long start = System.nanoTime() + 20_000_000L;
        long measureFrom = start + (long) (warmupS * 1e9);
        long end = measureFrom + (long) (durationS * 1e9);
        Worker[] workers = new Worker[connections];
        CountDownLatch done = new CountDownLatch(connections);
        resetRss();
        for (int i = 0; i < connections; i++) {
            final int idx = i;
            Worker w = workers[i] = new Worker(measureFrom, end);
            Thread th = new Thread(() -> {
                try (HttpConnection c = new HttpConnection(host, port, 5_000, false)) {
                    for (long k = 0; ; k++) {
                        long intended = start + (long) ((k * connections + idx) * 1e9 / rate);
                        if (intended >= end) {
                            break;
                        }
                        byte[] req = t.source.next();
                        long now;
                        while ((now = System.nanoTime()) < intended) {
                            LockSupport.parkNanos(intended - now);
                        }
                        w.exchange(c, req, intended, now, intended >= measureFrom);
                        long after = System.nanoTime();
                        if (after > end + 5_000_000_000L) {
                            // server hopelessly behind: stop 5 s past the end (bounded). Requests still due in
                            // the window count as unsent, with at least the time they have waited so far.
                            for (long j = k + 1; ; j++) {
                                long due = start + (long) ((j * connections + idx) * 1e9 / rate);
                                if (due >= end) {
                                    break;
                                }
                                if (due >= measureFrom) {
                                    w.unsent(after - due);
                                }
                            }
                            break;
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "rate-" + i);
            th.setDaemon(true);
            th.start();
        }
        done.await();
        return merge(t.name, rep, rate, workers, durationS, connections);
    }

    private RunResult runClosed(Target t, int rep, int connections, double warmupS, double durationS)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupS * 1e9);
        long end = measureFrom + (long) (durationS * 1e9);
        Worker[] workers = new Worker[connections];
        CountDownLatch done = new CountDownLatch(connections);
        resetRss();
        for (int i = 0; i < connections; i++) {
            Worker w = workers[i] = new Worker(measureFrom, end);
            Thread th = new Thread(() -> {
                try (HttpConnection c = new HttpConnection(host, port, 5_000, false)) {
                    while (true) {
                        byte[] req = t.source.next();
                        long now = System.nanoTime();
                        if (now >= end) {
                            break;
                        }
                        w.exchange(c, req, now, now, now >= measureFrom);
                    }
                } finally {
                    done.countDown();
                }
            }, "closed-" + i);
            th.setDaemon(true);
            th.start();
        }
        done.await();
        return merge(t.name, rep, 0, workers, durationS, connections);
    }

    /** Per-thread counters and histograms, merged after the run (no sharing on the hot path). */
    private static final class Worker {
        final Histogram latency = new Histogram(HIGHEST_NS, 3);
        final Histogram service = new Histogram(HIGHEST_NS, 3);
        final long[] statuses = new long[600];
        final long windowFrom;
        final long windowEnd;
        /** Worst latency per TIMELINE_NS slot of the measured window, by intended send time (--timeline). */
        final long[] slotMax;
        long count;
        long errors;
        long unsent;
        /** Answers received inside the measured window: the sustained rate, whatever was sent when. */
        long receivedInWindow;

        Worker(long windowFrom, long windowEnd) {
            this.windowFrom = windowFrom;
            this.windowEnd = windowEnd;
            this.slotMax = new long[(int) ((windowEnd - windowFrom) / TIMELINE_NS) + 1];
        }

        void unsent(long waitedNs) {
            count++;
            unsent++;
            latency.recordValue(Math.min(HIGHEST_NS, waitedNs));
        }

        void exchange(HttpConnection c, byte[] req, long intended, long sent, boolean record) {
            int status;
            try {
                status = c.exchange(req);
            } catch (IOException e) {
                c.close();
                status = -1;
            }
            long now = System.nanoTime();
            if (now >= windowFrom && now < windowEnd) {
                receivedInWindow++;
            }
            if (!record) {
                return;
            }
            count++;
            if (status < 0) {
                errors++;
            } else {
                statuses[status]++;
            }
            latency.recordValue(Math.min(HIGHEST_NS, now - intended));
            service.recordValue(Math.min(HIGHEST_NS, now - sent));
            int slot = (int) Math.max(0, Math.min(slotMax.length - 1, (intended - windowFrom) / TIMELINE_NS));
            slotMax[slot] = Math.max(slotMax[slot], now - intended);
        }
    }

    private RunResult merge(String name, int rep, double rate, Worker[] workers, double durationS, int connections) {
        Histogram lat = new Histogram(HIGHEST_NS, 3);
        Histogram svc = new Histogram(HIGHEST_NS, 3);
        long count = 0;
        long errors = 0;
        long unsent = 0;
        long received = 0;
        Map<Integer, Long> statuses = new TreeMap<>();
        for (Worker w : workers) {
            unsent += w.unsent;
            received += w.receivedInWindow;
            lat.add(w.latency);
            svc.add(w.service);
            count += w.count;
            errors += w.errors;
            for (int s = 0; s < w.statuses.length; s++) {
                if (w.statuses[s] > 0) {
                    statuses.merge(s, w.statuses[s], Long::sum);
                }
            }
        }
        if (opts.containsKey("timeline")) {
            writeTimeline(name, rep, workers);
        }
        // achieved = answers received per second inside the window (a server that falls behind shows it here)
        return new RunResult(name, rep, rate, received / durationS, count, errors, statuses, lat, svc,
                rssPeakKb.clone(), connections, unsent);
    }

    /** Appends "epochMs target rep worstMs" per slot: when the worst waits happened, to set beside GC and store logs. */
    private void writeTimeline(String name, int rep, Worker[] workers) {
        long fromEpochMs = System.currentTimeMillis() - (System.nanoTime() - workers[0].windowFrom) / 1_000_000L;
        StringBuilder sb = new StringBuilder();
        for (int slot = 0; slot < workers[0].slotMax.length; slot++) {
            long worst = 0;
            for (Worker w : workers) {
                worst = Math.max(worst, w.slotMax[slot]);
            }
            sb.append(String.format(Locale.ROOT, "%d %s %d %.3f%n", fromEpochMs + slot * TIMELINE_NS / 1_000_000L,
                    name, rep, worst / 1e6));
        }
        try {
            Files.writeString(Path.of(opts.get("timeline")), sb, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- RSS

    private void resetRss() {
        rssPeakKb = new long[rssPids.length];
    }

    private Thread startRssSampler(AtomicBoolean stop) {
        if (rssPids.length == 0) {
            return null;
        }
        Thread t = new Thread(() -> {
            while (!stop.get()) {
                long[] peak = rssPeakKb;
                for (int i = 0; i < rssPids.length; i++) {
                    peak[i] = Math.max(peak[i], readRssKb(rssPids[i]));
                }
                LockSupport.parkNanos(200_000_000L);
            }
        }, "rss-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static long readRssKb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // process gone: no sample
        }
        return 0;
    }

    // ---------------------------------------------------------------- SSE

    private void runSse() throws Exception {
        String path = opts.getOrDefault("path", "/api/v1/prices/stream");
        double warmup = Double.parseDouble(opts.getOrDefault("warmup", "2"));
        double duration = Double.parseDouble(opts.getOrDefault("duration", "10"));
        long measureFrom = System.currentTimeMillis() + (long) (warmup * 1000);
        long end = measureFrom + (long) (duration * 1000);
        Histogram h = new Histogram(HIGHEST_NS, 3);
        long negative = 0;
        long events = 0;
        Map<String, Long> perPair = new TreeMap<>();
        try (HttpConnection c = new HttpConnection(host, port, 2_000, false)) {
            c.connect();
            byte[] req = ("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            int status = c.openStream(req);
            if (status != 200) {
                throw new IOException("SSE answered " + status);
            }
            while (System.currentTimeMillis() < end) {
                String line;
                try {
                    line = c.readStreamLine();
                } catch (SocketTimeoutException e) {
                    continue; // no tick within 2 s; the deadline check bounds the loop
                }
                long now = System.currentTimeMillis();
                if (!line.startsWith("data:") || now < measureFrom) {
                    continue;
                }
                long ts = longField(line, "\"timestampMs\":");
                if (ts < 0) {
                    continue;
                }
                events++;
                long d = now - ts;
                if (d < 0) {
                    negative++;
                    d = 0;
                }
                h.recordValue(Math.min(HIGHEST_NS, d * 1_000_000L));
                String pair = stringField(line, "\"tradePair\":\"");
                if (pair != null) {
                    perPair.merge(pair, 1L, Long::sum);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("{\"mode\":\"sse\",\"path\":\"").append(path).append("\",\"events\":").append(events)
                .append(",\"pairs\":").append(perPair.size()).append(",\"negative\":").append(negative)
                .append(",\"durationS\":").append(duration).append(",\"latency\":");
        histJson(sb, h);
        sb.append("}\n");
        Files.writeString(Path.of(opts.get("out")), sb.toString());
        System.err.printf(Locale.ROOT, "sse: %d events from %d pairs, p50 %.1f ms p99 %.1f ms max %.1f ms%n", events,
                perPair.size(), h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getMaxValue() / 1e6);
    }

    private static long longField(String s, String key) {
        int i = s.indexOf(key);
        if (i < 0) {
            return -1;
        }
        i += key.length();
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        return j > i ? Long.parseLong(s.substring(i, j)) : -1;
    }

    private static String stringField(String s, String key) {
        int i = s.indexOf(key);
        if (i < 0) {
            return null;
        }
        i += key.length();
        int j = s.indexOf('"', i);
        return j > i ? s.substring(i, j) : null;
    }

    // ---------------------------------------------------------------- tokens

    private static void writeTokens(Map<String, String> opts) throws IOException, NoSuchAlgorithmException {
        int n = Integer.parseInt(opts.getOrDefault("count", "20000"));
        SecureRandom rnd = new SecureRandom();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        HexFormat hex = HexFormat.of();
        StringBuilder tokens = new StringBuilder();
        StringBuilder secrets = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String hotkey = String.format(Locale.ROOT, "5BenchMiner%06d", i);
            byte[] raw = new byte[16];
            rnd.nextBytes(raw);
            String token = "bench-" + hex.formatHex(raw);
            String digest = hex.formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
            tokens.append(hotkey).append('=').append(digest).append('\n');
            secrets.append(hotkey).append(' ').append(token).append('\n');
        }
        Files.writeString(Path.of(opts.get("tokens-out")), tokens);
        Files.writeString(Path.of(opts.get("secrets-out")), secrets);
    }

    // ---------------------------------------------------------------- JSON

    private void writeJson(String mode, List<RunResult> results) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"mode\":\"").append(mode).append("\",\"runs\":[");
        for (int i = 0; i < results.size(); i++) {
            RunResult r = results.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("\n {\"target\":\"").append(r.target).append("\",\"rep\":").append(r.rep)
                    .append(",\"connections\":").append(r.connections)
                    .append(",\"rateTarget\":").append(fmt(r.rateTarget)).append(",\"achieved\":")
                    .append(fmt(r.achieved)).append(",\"count\":").append(r.count).append(",\"errors\":")
                    .append(r.errors).append(",\"unsent\":").append(r.unsent).append(",\"statuses\":{");
            int k = 0;
            for (Map.Entry<Integer, Long> e : r.statuses.entrySet()) {
                sb.append(k++ > 0 ? "," : "").append('"').append(e.getKey()).append("\":").append(e.getValue());
            }
            sb.append("},\"latency\":");
            histJson(sb, r.latency);
            sb.append(",\"service\":");
            histJson(sb, r.service);
            sb.append(",\"rssPeakKb\":{");
            for (int p = 0; p < rssPids.length; p++) {
                sb.append(p > 0 ? "," : "").append('"').append(rssPids[p]).append("\":").append(r.rssPeakKb[p]);
            }
            sb.append("}}");
        }
        sb.append("\n]}\n");
        String out = opts.get("out");
        if (out == null) {
            try (PrintStream ps = new PrintStream(System.out, true, StandardCharsets.UTF_8)) {
                ps.print(sb);
            }
        } else {
            Files.writeString(Path.of(out), sb.toString());
        }
    }

    /** Percentiles in milliseconds. */
    private static void histJson(StringBuilder sb, Histogram h) {
        sb.append("{\"count\":").append(h.getTotalCount())
                .append(",\"p50\":").append(ms(h.getValueAtPercentile(50)))
                .append(",\"p90\":").append(ms(h.getValueAtPercentile(90)))
                .append(",\"p99\":").append(ms(h.getValueAtPercentile(99)))
                .append(",\"p999\":").append(ms(h.getValueAtPercentile(99.9)))
                .append(",\"max\":").append(ms(h.getMaxValue()))
                .append(",\"mean\":").append(fmt(h.getTotalCount() == 0 ? 0 : h.getMean() / 1e6)).append('}');
    }

    private static String ms(long ns) {
        return fmt(ns / 1e6);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
