package io.ptn.resilience.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sends orders continuously from a few worker threads at a bounded rate, for a bounded count and time.
 * Spreads them over many (miner, pair) combinations so the 10 s cooldown never throttles the flow, and cycles each
 * combination through LONG 0.1, LONG 0.2, SHORT 0.1, FLAT so positions see increases, reductions and closes.
 */
public final class OrderLoad implements AutoCloseable {

    /** Per-(miner, pair) state shared by every load of the suite, because positions persist across scenarios. */
    public static final class Planner {
        static final String[] TYPES = {"LONG", "LONG", "SHORT", "FLAT"};
        static final double[] LEVERAGE = {0.1, 0.2, 0.1, 0.1};
        static final long COOLDOWN_MS = 10_000 + 600; // the validator's 10 s plus margin for clock/processing

        private final List<Combo> combos = new ArrayList<>();
        private int cursor;

        static final class Combo {
            final Miner miner;
            final String pair;
            int step;
            boolean inFlight;
            long notBeforeMs;

            Combo(Miner miner, String pair) {
                this.miner = miner;
                this.pair = pair;
            }
        }

        public Planner(List<Miner> miners, List<String> pairs) {
            for (Miner m : miners) {
                for (String p : pairs) {
                    combos.add(new Combo(m, p));
                }
            }
        }

        synchronized Combo take(long now) {
            for (int i = 0; i < combos.size(); i++) {
                Combo c = combos.get((cursor + i) % combos.size());
                if (!c.inFlight && now >= c.notBeforeMs) {
                    cursor = (cursor + i + 1) % combos.size();
                    c.inFlight = true;
                    return c;
                }
            }
            return null;
        }

        /** An order sent outside the load (a retry) was answered: keep the cooldown and close next if it filled. */
        public synchronized void sentOutside(Miner m, String pair, Http.Resp r) {
            for (Combo c : combos) {
                if (c.miner.equals(m) && c.pair.equals(pair) && r.status() == 201) {
                    c.step = 3;
                    c.notBeforeMs = Math.max(c.notBeforeMs, r.ackMs() + COOLDOWN_MS);
                }
            }
        }

        synchronized void done(Combo c, Http.Resp r) {
            c.inFlight = false;
            String type = TYPES[c.step];
            if (r.status() == 201) {
                c.step = (c.step + 1) % TYPES.length;
                c.notBeforeMs = r.ackMs() + COOLDOWN_MS;
            } else if (!r.answered()) {
                // outcome unknown (validator killed or hung): it may be filled, so respect the cooldown and
                // close the position next to get back to a known state
                c.step = 3;
                c.notBeforeMs = System.currentTimeMillis() + COOLDOWN_MS;
            } else if (r.status() == 422) {
                // refused by a business rule (e.g. FLAT with nothing open after an unknown outcome): resync
                c.step = "FLAT".equals(type) ? 0 : 3;
                c.notBeforeMs = System.currentTimeMillis() + 250;
            } else {
                c.notBeforeMs = System.currentTimeMillis() + 100;
            }
        }
    }

    private final String scenario;
    private final Supplier<String> base;
    private final Planner planner;
    private final OrderLedger ledger;
    private final int workers;
    private final long intervalNanos;
    private final int maxOrders;
    private final long deadlineNanos;
    private final Duration requestTimeout;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Consumer<OrderLedger.Attempt>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final List<OrderLedger.Attempt> attempts = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private long nextSlot;

    public OrderLoad(String scenario, Supplier<String> validatorBase, Planner planner, OrderLedger ledger, int workers,
                     double ordersPerSecond, int maxOrders, Duration maxDuration, Duration requestTimeout) {
        this.scenario = scenario;
        this.base = validatorBase;
        this.planner = planner;
        this.ledger = ledger;
        this.workers = workers;
        this.intervalNanos = (long) (1e9 / ordersPerSecond);
        this.maxOrders = maxOrders;
        this.deadlineNanos = System.nanoTime() + maxDuration.toNanos();
        this.requestTimeout = requestTimeout;
    }

    public OrderLoad onResult(Consumer<OrderLedger.Attempt> l) {
        listeners.add(l);
        return this;
    }

    public OrderLoad start() {
        running = true;
        nextSlot = System.nanoTime();
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, "order-load-" + scenario + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    private synchronized long slot() {
        long s = Math.max(nextSlot, System.nanoTime());
        nextSlot = s + intervalNanos;
        return s;
    }

    private void work() {
        while (running && System.nanoTime() < deadlineNanos) {
            long wait = slot() - System.nanoTime();
            if (wait > 0) {
                ServiceProcess.sleep(wait / 1_000_000);
            }
            if (!running || issued.get() >= maxOrders) {
                return;
            }
            Planner.Combo c = planner.take(System.currentTimeMillis());
            if (c == null) {
                ServiceProcess.sleep(20);
                continue;
            }
            issued.incrementAndGet();
            String uuid = UUID.randomUUID().toString();
            String type = Planner.TYPES[c.step];
            double lev = Planner.LEVERAGE[c.step];
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("orderUuid", uuid);
            order.put("minerHotkey", c.miner.hotkey());
            order.put("tradePair", c.pair);
            order.put("orderType", type);
            order.put("leverage", lev);
            String body = Http.json(order);
            Http.Resp r = Http.postJson(base.get() + "/api/v1/orders", body, c.miner.bearer(), requestTimeout);
            planner.done(c, r);
            OrderLedger.Attempt a = new OrderLedger.Attempt(scenario, uuid, c.miner, c.pair, type, lev, body, r);
            ledger.record(a);
            attempts.add(a);
            byStatus.computeIfAbsent(r.status(), k -> new AtomicInteger()).incrementAndGet();
            if (r.status() == 422 || r.status() == 409) {
                var j = r.json();
                String d = j == null ? r.body() : j.path("detail").asText();
                d = d.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<uuid>").replaceAll("\\d+", "N");
                refusals.computeIfAbsent(r.status() + " " + d, k -> new AtomicInteger()).incrementAndGet();
            }
            for (Consumer<OrderLedger.Attempt> l : listeners) {
                l.accept(a);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(requestTimeout.toMillis() + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public List<OrderLedger.Attempt> attempts() { return attempts; }

    public long count(int status) {
        AtomicInteger n = byStatus.get(status);
        return n == null ? 0 : n.get();
    }

    /** 5xx other than 503 (a 503 with Retry-After is the contract's answer when no fresh price can be had). */
    public long count5xx() {
        return byStatus.entrySet().stream().filter(e -> e.getKey() >= 500 && e.getKey() != 503)
                .mapToLong(e -> e.getValue().get()).sum();
    }

    public String histogram() {
        return new TreeMap<>(byStatus) + (refusals.isEmpty() ? "" : " refusals " + new TreeMap<>(refusals));
    }
}
