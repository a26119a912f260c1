package io.ptn.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ptn.resilience.harness.Checks;
import io.ptn.resilience.harness.Http;
import io.ptn.resilience.harness.Miner;
import io.ptn.resilience.harness.RawHttp;
import io.ptn.resilience.harness.Summary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Scenario 6: 5,000 seeded hostile requests (raw sockets, so they arrive exactly as written) spread over every
 * endpoint of both services: malformed paths and query strings, wrong methods and content types, bodies with wrong
 * types, huge numbers, NaN, deep nesting, oversize. Zero 5xx (a 503 with Retry-After and a problem body is the contract's "no price" answer and is counted apart); every 4xx the application answers carries an
 * application/problem+json body; both services ready afterwards.
 */
class S6HostileInputTest extends ScenarioBase {

    static final int REQUESTS = 5000;
    static final long SEED = 6;

    record Req(String family, boolean price, String method, String target, Map<String, String> headers, byte[] body) {
    }

    @Test
    void hostileInput() throws Exception {
        Summary.Row row = Summary.row("S6 hostile input fuzz (5000 req)");
        List<String> v = violations();
        Random rnd = new Random(SEED);
        List<Req> reqs = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            reqs.add(rnd.nextBoolean() ? priceReq(rnd) : validatorReq(rnd, i));
        }
        // a few certain oversize order bodies (12 MB, over Quarkus's 10 MB default limit) among the random ones
        for (int i = 0; i < 3; i++) {
            Miner m = stack.miners.get(i);
            reqs.set(i * 1000 + 7, new Req("validator orders oversize", false, "POST", "/api/v1/orders",
                    new LinkedHashMap<>(Map.of("Content-Type", "application/json", "Authorization", m.bearer())),
                    ("{\"orderUuid\":\"" + "x".repeat(12 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> codecRejects = new ConcurrentHashMap<>();
        AtomicInteger fiveXx = new AtomicInteger();
        AtomicInteger noAnswer = new AtomicInteger();
        AtomicInteger contract503 = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> fs = new ArrayList<>();
        for (Req q : reqs) {
            fs.add(pool.submit(() -> {
                int port = q.price() ? stack.price.port() : stack.validator.port();
                Http.Resp r = RawHttp.exchange(port, q.method(), q.target(), q.headers(), q.body(), 15_000);
                byStatus.computeIfAbsent((q.price() ? "price " : "validator ") + r.status(), k -> new AtomicInteger())
                        .incrementAndGet();
                String what = q.family() + " " + q.method() + " " + abbreviate(q.target()) + " body "
                        + (q.body() == null ? "-" : abbreviate(new String(q.body(), StandardCharsets.UTF_8)));
                if (!r.answered()) {
                    noAnswer.incrementAndGet();
                    v.add("no answer: " + what + ": " + r.error());
                } else if (r.status() == 503 && r.header("Retry-After") != null && Checks.problemBody(r) == null) {
                    contract503.incrementAndGet(); // the contract's "no price available" / "no fresh price" answer
                } else if (r.status() >= 500) {
                    fiveXx.incrementAndGet();
                    v.add(r.status() + " for " + what + ": " + abbreviate(r.body()));
                } else if (r.status() >= 400 && !"HEAD".equals(q.method())) {
                    String problem = Checks.problemBody(r);
                    if (problem != null) {
                        if (codecLevel(r)) {
                            codecRejects.computeIfAbsent(r.status() + " " + q.family(), k -> new AtomicInteger())
                                    .incrementAndGet();
                        } else {
                            v.add("non-problem " + problem + " for " + what);
                        }
                    }
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        row.rounds = 1;
        row.fiveXx = fiveXx.get();
        row.note("answers by service and status " + new TreeMap<>(byStatus));
        if (!codecRejects.isEmpty()) {
            row.note("rejected by the HTTP layer before the application (empty body, no problem JSON possible there): "
                    + new TreeMap<>(codecRejects));
        }
        int priceReady = stack.price.status("/q/health/ready");
        int validatorReady = stack.validator.status("/q/health/ready");
        row.note("after the fuzz: price ready " + priceReady + ", validator ready " + validatorReady
                + ", no answer " + noAnswer.get() + ", 503 with Retry-After and problem body (contract) "
                + contract503.get());
        row.result = v.isEmpty() && priceReady == 200 && validatorReady == 200 ? "PASS" : "FAIL";
        assertEquals(200, priceReady, "price service not ready after the fuzz");
        assertEquals(200, validatorReady, "validator not ready after the fuzz");
        assertNone("S6", v);
    }

    /** Refusals by the HTTP codec (oversize line/headers/body) come with an empty body before any application code. */
    static boolean codecLevel(Http.Resp r) {
        return (r.status() == 413 || r.status() == 414 || r.status() == 431 || r.status() == 400)
                && (r.body() == null || r.body().isBlank());
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 160 ? s.substring(0, 160) + "...(" + s.length() + " chars)" : s;
    }

    static <T> T pick(Random r, List<T> l) {
        return l.get(r.nextInt(l.size()));
    }

    static final List<String> IDS = List.of("BTCUSD", "ETHUSD", "EURUSD", "SPX", "TAOUSD", "NVDA", "btcusd", "FOO",
            "", "%00", "%ZZ", "..%2F..%2Fetc%2Fpasswd", "A".repeat(3000), "%E2%82%AC", "1", "-1", "BTCUSD%20",
            "%27%20OR%201%3D1--", "%F0%9F%92%A9", "null", "%5B%5D", "BTC%2FUSD", ";", "BTCUSD;x=1", "%FF%FE");
    static final List<String> TIMES = List.of("", "NOW", "-1", "0", "abc", "1e10", "NaN", "Infinity",
            "99999999999999999999999", Long.toString(Long.MAX_VALUE), Long.toString(Long.MIN_VALUE), "FUTURE",
            "946684799999", "946684800000", "%20", "1.5", "0x10", "+1", "PAST8D", "%00", "1,2", "%FF");
    static final List<String> SPANS = List.of("SECOND", "MINUTE", "HOUR", "DAY", "second", "YEAR", "", "%00", "1");

    static String time(Random r) {
        String t = pick(r, TIMES);
        long now = System.currentTimeMillis();
        return switch (t) {
            case "NOW" -> Long.toString(now - r.nextInt(60_000));
            case "FUTURE" -> Long.toString(now + 2L * 86_400_000);
            case "PAST8D" -> Long.toString(now - 8L * 86_400_000);
            default -> t;
        };
    }

    static String pairs(Random r) {
        return switch (r.nextInt(11)) {
            case 0 -> "BTCUSD,ETHUSD";
            case 1 -> "";
            case 2 -> ",";
            case 3 -> ",,,";
            case 4 -> "FOO";
            case 5 -> "BTCUSD,FOO";
            case 6 -> String.join(",", Collections.nCopies(65, "BTCUSD"));
            case 7 -> "BTCUSD,BTCUSD";
            case 8 -> "btcusd";
            case 9 -> "%ZZ";
            default -> "X".repeat(2000);
        };
    }

    static final List<String> ODD_METHODS = List.of("PUT", "DELETE", "PATCH", "POST", "OPTIONS", "HEAD", "TRACE", "FOO");

    static Req priceReq(Random r) {
        String id = pick(r, IDS);
        int t = r.nextInt(12);
        String family;
        String target = switch (t) {
            case 0 -> { family = "trade-pairs"; yield "/api/v1/trade-pairs"; }
            case 1 -> { family = "trade-pair"; yield "/api/v1/trade-pairs/" + id; }
            case 2 -> { family = "market"; yield "/api/v1/trade-pairs/" + id + "/market?at=" + time(r); }
            case 3 -> { family = "price"; yield "/api/v1/prices/" + id + "?at=" + time(r); }
            case 4 -> { family = "batch"; yield "/api/v1/prices?pairs=" + pairs(r); }
            case 5 -> { family = "close"; yield "/api/v1/prices/" + id + "/close?at=" + time(r); }
            case 6 -> { family = "quote"; yield "/api/v1/prices/" + id + "/quote?at=" + time(r); }
            case 7 -> { family = "candles"; yield "/api/v1/candles/" + id + "?from=" + time(r) + "&to=" + time(r)
                    + "&span=" + pick(r, SPANS); }
            case 8 -> { family = "stream"; yield "/api/v1/prices/stream?pairs=" + pairs(r); }
            case 9 -> { family = "odd-query"; yield "/api/v1/prices/" + id + "?at=" + time(r) + "&at=" + time(r)
                    + "&" + garbage(r) + "=" + garbage(r); }
            case 10 -> { family = "unknown-path"; yield "/api/v1/" + garbage(r) + "/" + garbage(r); }
            default -> { family = "odd-path"; yield pick(r, List.of("/api/v1/prices/BTCUSD/extra/seg", "//api//v1//prices",
                    "/api/v1/prices/", "/api/v1/candles", "/api/v1/trade-pairs/BTCUSD/market/x", "/api/v2/prices")); }
        };
        String method = r.nextInt(100) < 85 ? "GET" : pick(r, ODD_METHODS);
        Map<String, String> h = new LinkedHashMap<>();
        if (r.nextInt(10) == 0) {
            h.put("Accept", pick(r, List.of("application/xml", "text/html", "*/*", "application/json;q=0", "garbage")));
        }
        byte[] body = "GET".equals(method) || "HEAD".equals(method) ? null : validatorBody(r, 0);
        if (body != null) {
            h.put("Content-Type", "application/json");
        }
        return new Req("price " + family, true, method, target, h, body);
    }

    static Req validatorReq(Random r, int i) {
        int t = r.nextInt(10);
        Miner m = pick(r, stack.miners);
        String hk = pick(r, List.of(m.hotkey(), "unknown-miner", "", "%00", "A".repeat(3000), "%ZZ", "..%2F.."));
        Map<String, String> h = new LinkedHashMap<>();
        if (t <= 5) {
            // POST /api/v1/orders: the most hostile-input-exposed endpoint
            h.put("Content-Type", r.nextInt(100) < 80 ? "application/json" : pick(r, List.of("text/plain",
                    "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                    "application/json; charset=latin1", "*/*", "")));
            if (h.get("Content-Type").isEmpty()) {
                h.remove("Content-Type");
            }
            int a = r.nextInt(100);
            if (a < 85) {
                h.put("Authorization", m.bearer());
            } else if (a < 92) {
                h.put("Authorization", pick(r, List.of("Bearer", "Bearer ", "Basic Zm9vOmJhcg==", "Bearer x".repeat(500),
                        m.token(), "Bearer " + m.token() + "x")));
            }
            String method = r.nextInt(100) < 92 ? "POST" : pick(r, ODD_METHODS);
            return new Req("validator orders", false, method, "/api/v1/orders" + (r.nextInt(10) == 0 ? "?" + garbage(r) : ""),
                    h, "GET".equals(method) || "HEAD".equals(method) ? null : validatorBody(r, i, m));
        }
        String family;
        String target = switch (t) {
            case 6 -> { family = "miner"; yield "/api/v1/miners/" + hk; }
            case 7 -> { family = "positions"; yield "/api/v1/miners/" + hk + "/positions" + (r.nextBoolean() ? "?" + garbage(r) : ""); }
            case 8 -> { family = "eliminations"; yield "/api/v1/eliminations" + (r.nextBoolean() ? "?limit=" + time(r) : ""); }
            default -> { family = "unknown-path"; yield "/api/v1/" + garbage(r) + "/" + garbage(r); }
        };
        String method = r.nextInt(100) < 85 ? "GET" : pick(r, ODD_METHODS);
        byte[] body = "GET".equals(method) || "HEAD".equals(method) ? null : validatorBody(r, i, m);
        if (body != null) {
            h.put("Content-Type", "application/json");
        }
        return new Req("validator " + family, false, method, target, h, body);
    }

    static String garbage(Random r) {
        return pick(r, List.of("x", "%ZZ", "%00", "..", "%2e%2e", "a%20b", "%F0%9F%92%A9", "q".repeat(r.nextInt(300) + 1),
                "%3Cscript%3E", "1", "-", "~", "%25", "a=b=c", "%FF"));
    }

    static byte[] validatorBody(Random r, int i) {
        return validatorBody(r, i, stack.miners.get(r.nextInt(stack.miners.size())));
    }

    /** A valid order with one or two hostile mutations (or a wholly hostile body). */
    static byte[] validatorBody(Random r, int i, Miner m) {
        int whole = r.nextInt(100);
        if (whole < 25) {
            return switch (r.nextInt(14)) {
                case 0 -> new byte[0];
                case 1 -> "null".getBytes();
                case 2 -> "[]".getBytes();
                case 3 -> "{".getBytes();
                case 4 -> "}".getBytes();
                case 5 -> "{\"orderUuid\":".getBytes();
                case 6 -> randomBytes(r, 200);
                case 7 -> ("[".repeat(5000) + "]".repeat(5000)).getBytes();
                case 8 -> ("{\"a\":".repeat(3000) + "1" + "}".repeat(3000)).getBytes();
                case 9 -> ("{\"orderUuid\":\"" + "x".repeat(2_000_000) + "\"}").getBytes();
                case 10 -> i % 1000 == 0 ? new byte[12 * 1024 * 1024] : "{\"leverage\":1e99999}".getBytes();
                case 11 -> ("[" + "1,".repeat(100_000) + "1]").getBytes();
                case 12 -> "orderUuid=1&leverage=2".getBytes();
                default -> "<order><leverage>1</leverage></order>".getBytes();
            };
        }
        Map<String, String> f = new LinkedHashMap<>(); // raw JSON values, so invalid literals (NaN, 1e400) are possible
        f.put("orderUuid", q(UUID.nameUUIDFromBytes(("fuzz" + i).getBytes()).toString()));
        f.put("minerHotkey", q(m.hotkey()));
        f.put("tradePair", q(pick(r, List.of("BTCUSD", "ETHUSD", "SOLUSD"))));
        f.put("orderType", q(pick(r, List.of("LONG", "SHORT", "FLAT"))));
        f.put("leverage", "0.1");
        int mutations = 1 + r.nextInt(2);
        for (int k = 0; k < mutations; k++) {
            String field = pick(r, List.copyOf(f.keySet()));
            switch (r.nextInt(5)) {
                case 0 -> f.remove(field);
                case 1 -> f.put(field, pick(r, List.of("null", "true", "[]", "{}", "\"\"", "1", "-0", "\"abc\"",
                        "1e308", "1e400", "-1e400", "NaN", "Infinity", "-Infinity", "12345678901234567890123",
                        "0.0000000001", "\"" + "z".repeat(10_000) + "\"", "\"\\u0000\"", "[1,2]", "\"\\ud800\"")));
                case 2 -> f.put("leverage", pick(r, List.of("0", "-0.1", "-1", "0.001", "0.5", "0.51", "1000",
                        "500.1", "\"0.1\"", "NaN", "1e-400", "4.9e-324")));
                case 3 -> f.put(field.equals("tradePair") ? "tradePair" : "orderType", pick(r, List.of("\"long\"",
                        "\"BUY\"", "\"FOO\"", "\"SPX\"", "\"EURUSD\"", "\"TAOUSD\"", "\"NVDA\"", "\"btcusd\"")));
                default -> f.put(pick(r, List.of("extra", "orderuuid", "__proto__", "")), "1");
            }
        }
        if (r.nextInt(20) == 0) {
            f.put("minerHotkey", q(pick(r, stack.miners).hotkey())); // likely another miner than the token's
        }
        StringBuilder sb = new StringBuilder("{");
        f.forEach((k, val) -> sb.append(sb.length() > 1 ? "," : "").append(q(k)).append(':').append(val));
        if (r.nextInt(30) == 0) {
            sb.append(",\"orderUuid\":\"dup\""); // duplicate key
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    static String q(String s) {
        return "\"" + s + "\"";
    }

    static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
