package io.ptn.bench.load;

import java.time.Duration;
import java.time.InstantSource;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ptn.bench.support.ConfigProxy;
import io.ptn.domain.TradePair;
import io.ptn.validator.PriceQuote;
import io.ptn.validator.client.PriceCache;
import io.ptn.validator.config.ValidatorConfig;
import io.vertx.core.Vertx;

import org.HdrHistogram.Histogram;

/**
 * Tick to visibility in the validator's price cache. The validator process has no hook that tells when a tick lands
 * in its cache, so this hosts the validator's own SSE client ({@code TickSubscription}, built by reflection because its
 * constructor is package-private) and {@code PriceCache} in this JVM, connected to the running price service, and
 * polls the cache every 100 us: each new {@code timestampMs} seen is recorded as (time seen - timestampMs).
 * <p>
 * Usage: {@code CacheVisibility --port 18081 --pairs BTCUSD,ETHUSD --warmup 1 --duration 10 --out f.json}
 */
public final class CacheVisibility {

    private CacheVisibility() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].substring(2), args[i + 1]);
        }
        String host = opts.getOrDefault("host", "127.0.0.1");
        if (!host.startsWith("127.") && !host.equals("localhost")) {
            throw new IllegalArgumentException("loopback only: " + host);
        }
        int port = Integer.parseInt(opts.getOrDefault("port", "8081"));
        TradePair[] pairs = Arrays.stream(opts.getOrDefault("pairs", "BTCUSD,ETHUSD").split(","))
                .map(TradePair::valueOf).toArray(TradePair[]::new);
        double warmup = Double.parseDouble(opts.getOrDefault("warmup", "1"));
        double duration = Double.parseDouble(opts.getOrDefault("duration", "10"));

        Vertx vertx = Vertx.vertx();
        PriceCache cache = new PriceCache(InstantSource.system());
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        ValidatorConfig config = ConfigProxy.of(ValidatorConfig.class, Map.of(
                "prices.streamEnabled", true, "prices.streamBackoffInitial", Duration.ofMillis(500),
                "prices.streamBackoffMax", Duration.ofSeconds(10), "prices.streamIdleTimeout", Duration.ofSeconds(15),
                "prices.maxAge", Duration.ofSeconds(30), "miners.tokens", Optional.empty()));
        String url = "http://" + host + ":" + port;
        Class<?> type = Class.forName("io.ptn.validator.client.TickSubscription");
        Constructor<?> ctor = type.getDeclaredConstructors()[0];
        Object[] ctorArgs = new Object[ctor.getParameterCount()];
        Class<?>[] types = ctor.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (types[i] == Vertx.class) {
                ctorArgs[i] = vertx;
            } else if (types[i] == PriceCache.class) {
                ctorArgs[i] = cache;
            } else if (types[i] == ObjectMapper.class) {
                ctorArgs[i] = mapper;
            } else if (types[i] == ValidatorConfig.class) {
                ctorArgs[i] = config;
            } else if (types[i] == String.class) {
                ctorArgs[i] = url;
            } else if (types[i] == MeterRegistry.class) {
                ctorArgs[i] = new SimpleMeterRegistry();
            } else {
                throw new IllegalStateException("TickSubscription needs a " + types[i] + ": update CacheVisibility");
            }
        }
        ctor.setAccessible(true);
        Object stream = ctor.newInstance(ctorArgs);
        Method start = null;
        Method stop = null;
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals("start") && m.getParameterCount() == 1) {
                start = m;
            } else if (m.getName().equals("stop") && m.getParameterCount() == 1) {
                stop = m;
            }
        }
        if (start == null) {
            throw new IllegalStateException("TickSubscription has no start(StartupEvent)");
        }
        start.setAccessible(true);
        start.invoke(stream, new Object[] {null});

        Histogram h = new Histogram(60_000_000_000L, 3);
        long[] lastSeen = new long[TradePair.values().length];
        long now0 = System.currentTimeMillis();
        long measureFrom = now0 + (long) (warmup * 1000);
        long end = measureFrom + (long) (duration * 1000);
        long negative = 0;
        long seen = 0;
        while (true) {
            long now = System.currentTimeMillis();
            if (now >= end) {
                break;
            }
            for (TradePair p : pairs) {
                PriceQuote q = cache.get(p);
                if (q != null && q.timestampMs() != lastSeen[p.ordinal()]) {
                    lastSeen[p.ordinal()] = q.timestampMs();
                    if (now >= measureFrom) {
                        long d = now - q.timestampMs();
                        if (d < 0) {
                            negative++;
                            d = 0;
                        }
                        seen++;
                        h.recordValue(d * 1_000_000L);
                    }
                }
            }
            LockSupport.parkNanos(100_000L);
        }
        if (stop != null) {
            stop.setAccessible(true);
            stop.invoke(stream, new Object[] {null});
        }
        vertx.close();
        String json = String.format(Locale.ROOT,
                "{\"mode\":\"cache-visibility\",\"events\":%d,\"negative\":%d,\"pairs\":%d,\"latency\":{\"count\":%d,"
                        + "\"p50\":%.4f,\"p90\":%.4f,\"p99\":%.4f,\"p999\":%.4f,\"max\":%.4f,\"mean\":%.4f}}%n",
                seen, negative, pairs.length, h.getTotalCount(), h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6, seen == 0 ? 0 : h.getMean() / 1e6);
        Files.writeString(Path.of(opts.get("out")), json);
        System.err.printf(Locale.ROOT, "validator cache: %d new ticks seen, p50 %.1f ms p99 %.1f ms max %.1f ms%n", seen,
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
        System.exit(0);
    }
}
