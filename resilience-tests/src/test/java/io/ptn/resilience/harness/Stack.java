package io.ptn.resilience.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The two packaged services as OS processes, started once for the whole suite (each scenario restores what it
 * breaks). Settings are the production defaults except where a scenario needs them short (price max age 2 s).
 */
public final class Stack {

    public static final List<String> PAIRS = List.of("BTCUSD", "ETHUSD", "SOLUSD", "XRPUSD", "DOGEUSD", "ADAUSD");
    public static final int MINERS = 30;
    /** validator.prices.max-age (in ms) for the suite: short, so an outage turns into 503s quickly. */
    public static final long MAX_AGE_MS = 2000;
    public static final Duration START = Duration.ofSeconds(90);

    private static Stack instance;

    public final Path root;
    public final Path target;
    public final Path dataDir;
    public final ServiceProcess price;
    public final ServiceProcess validator;
    public final List<Miner> miners = new ArrayList<>();
    public final OrderLedger ledger = new OrderLedger();
    public final OrderLoad.Planner planner;

    private Stack() throws IOException {
        root = Path.of(System.getProperty("resilience.root", "..")).toAbsolutePath().normalize();
        target = Path.of(System.getProperty("resilience.target", "target")).toAbsolutePath();
        Path run = Files.createDirectories(target.resolve("resilience-run"));
        dataDir = Files.createTempDirectory(run, "validator-data-");
        Path logs = target.resolve("resilience-logs");
        Random rnd = new Random(8);
        for (int i = 0; i < MINERS; i++) {
            miners.add(new Miner(String.format("5ResilienceMiner%02d", i),
                    "tok-" + i + "-" + Long.toHexString(rnd.nextLong())));
        }
        planner = new OrderLoad.Planner(miners, PAIRS);
        price = new ServiceProcess("live-price-service",
                root.resolve("live-price-service/target/quarkus-app/quarkus-run.jar"),
                run.resolve("price-work"), logs, freePort())
                .prop("price.providers", "simulated");
        validator = new ServiceProcess("validator-service",
                root.resolve("validator-service/target/quarkus-app/quarkus-run.jar"),
                run.resolve("validator-work"), logs, freePort())
                .prop("validator.data-dir", dataDir.toString())
                .prop("validator.miners.tokens", miners.stream().map(m -> m.hotkey() + "=" + m.sha256())
                        .collect(Collectors.joining(",")))
                .prop("quarkus.rest-client.live-price.url", price.base())
                .prop("validator.prices.max-age", MAX_AGE_MS + "ms")
                // eliminations would close positions behind the suite's back; not what these scenarios test
                .prop("validator.risk.max-drawdown", "0.99");
        // extra -D settings for either service, e.g. -Dresilience.validator.props=a=b,c=d (to try a fix without a rebuild)
        extra(validator, System.getProperty("resilience.validator.props", ""));
        extra(price, System.getProperty("resilience.price.props", ""));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            validator.destroyQuietly();
            price.destroyQuietly();
        }, "resilience-teardown"));
    }

    public static synchronized Stack get() throws IOException {
        if (instance == null) {
            instance = new Stack();
        }
        instance.ensureUp();
        return instance;
    }

    public void ensureUp() throws IOException {
        price.ensureUp(START);
        validator.ensureUp(START);
    }

    public String v() { return validator.base(); }
    public String p() { return price.base(); }

    public OrderLoad load(String scenario, double perSecond, int maxOrders, Duration max) {
        return load(scenario, 4, perSecond, maxOrders, max);
    }

    public OrderLoad load(String scenario, int workers, double perSecond, int maxOrders, Duration max) {
        return new OrderLoad(scenario, this::v, planner, ledger, workers, perSecond, maxOrders, max,
                Duration.ofSeconds(10));
    }

    /** The validator's view of the price service: the check named live-price-service, or null if absent. */
    public JsonNode priceServiceCheck() {
        for (String path : List.of("/q/health/well", "/q/health")) {
            Http.Resp r = Http.get(v() + path);
            JsonNode j = r.json();
            if (j != null && j.has("checks")) {
                for (JsonNode c : j.get("checks")) {
                    if ("live-price-service".equals(c.path("name").asText())) {
                        return c;
                    }
                }
            }
        }
        return null;
    }

    public String priceServiceStatus() {
        JsonNode c = priceServiceCheck();
        return c == null ? "ABSENT" : c.path("status").asText();
    }

    private static void extra(ServiceProcess p, String spec) {
        for (String kv : spec.split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                p.prop(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
