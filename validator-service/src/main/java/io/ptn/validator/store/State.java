package io.ptn.validator.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.ptn.validator.Elimination;
import io.ptn.validator.MinerState;
import io.ptn.validator.Position;

/**
 * Committed state in memory. Written only by the store's writer thread, after the database commit; read by any
 * thread without locks (maps of immutable records).
 */
final class State implements Ledger {

    final ConcurrentHashMap<String, StoredOrder> orders = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, Position> positions = new ConcurrentHashMap<>();
    /** hotkey -> its position uuids in opening order. */
    private final ConcurrentHashMap<String, PositionHistory> byMiner = new ConcurrentHashMap<>();
    /** (hotkey, pair) -> uuid of the open position. */
    final ConcurrentHashMap<String, String> openIndex = new ConcurrentHashMap<>();
    /** hotkey -> uuids of its open positions in opening order (immutable lists, at most one per pair). */
    final ConcurrentHashMap<String, List<String>> openByMiner = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, Long> lastOrder = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, MinerState> miners = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, Elimination> eliminations = new ConcurrentHashMap<>();
    /** Position uuid -> its index in its miner's {@link #history} (a position never moves). Writer only. */
    private final HashMap<String, Integer> minerIndex = new HashMap<>();
    /** Hotkey -> running products of its committed positions' returns. Writer only. */
    private final HashMap<String, ReturnPrefix> returnPrefixes = new HashMap<>();

    /**
     * {@code products[i]} is the product of the returns with fees of the miner's first {@code i} committed positions,
     * multiplied in opening order as {@link io.ptn.validator.Drawdown#portfolioReturn} does, for every i up to
     * {@code valid}. Writing a committed position at index j cuts {@code valid} to j; {@link Batch} extends it.
     */
    static final class ReturnPrefix {
        double[] products = {1.0, 0, 0, 0, 0, 0, 0, 0};
        int valid;

        void extend(double product) {
            if (valid + 1 == products.length) {
                products = Arrays.copyOf(products, products.length * 2);
            }
            products[++valid] = product;
        }
    }

    ReturnPrefix returnPrefix(String hotkey) {
        return returnPrefixes.computeIfAbsent(hotkey, k -> new ReturnPrefix());
    }

    /** The miner's committed position uuids in opening order (a view that later commits do not change). */
    List<String> history(String hotkey) {
        PositionHistory h = byMiner.get(hotkey);
        return h == null ? List.of() : h.snapshot();
    }

    /** The committed position's index in its miner's history; -1 for one not committed. */
    int minerIndex(String positionUuid) {
        Integer i = minerIndex.get(positionUuid);
        return i == null ? -1 : i;
    }

    void clear() {
        orders.clear();
        positions.clear();
        byMiner.clear();
        openIndex.clear();
        openByMiner.clear();
        lastOrder.clear();
        miners.clear();
        eliminations.clear();
        minerIndex.clear();
        returnPrefixes.clear();
    }

    void putPosition(Position p) {
        Position old = positions.put(p.positionUuid(), p);
        if (old == null) {
            PositionHistory history = byMiner.computeIfAbsent(p.minerHotkey(), k -> new PositionHistory());
            history.append(p.positionUuid());
            minerIndex.put(p.positionUuid(), history.size() - 1);
        } else {
            ReturnPrefix prefix = returnPrefixes.get(p.minerHotkey());
            int i = minerIndex(p.positionUuid());
            if (prefix != null && i < prefix.valid) {
                prefix.valid = i;
            }
        }
        String key = Ledger.key(p.minerHotkey(), p.tradePair().id());
        if (p.isOpen()) {
            openIndex.put(key, p.positionUuid());
            // a position opens once (it never reopens), so appending keeps the opening order of positions()
            openByMiner.compute(p.minerHotkey(), (k, v) -> v != null && v.contains(p.positionUuid()) ? v
                    : append(v, p.positionUuid()));
        } else {
            openIndex.remove(key, p.positionUuid());
            openByMiner.computeIfPresent(p.minerHotkey(), (k, v) -> {
                List<String> l = new ArrayList<>(v);
                l.remove(p.positionUuid());
                return l.isEmpty() ? null : List.copyOf(l);
            });
        }
    }

    private static List<String> append(List<String> v, String uuid) {
        List<String> l = v == null ? new ArrayList<>() : new ArrayList<>(v);
        l.add(uuid);
        return List.copyOf(l);
    }

    void putOrder(StoredOrder o) {
        orders.put(o.orderUuid(), o.withoutAnswer());
        lastOrder.merge(Ledger.key(o.minerHotkey(), o.tradePair()), o.processedMs(), Math::max);
    }

    @Override
    public Optional<StoredOrder> order(String orderUuid) {
        return Optional.ofNullable(orders.get(orderUuid));
    }

    @Override
    public Optional<MinerState> miner(String hotkey) {
        return Optional.ofNullable(miners.get(hotkey));
    }

    @Override
    public Optional<Position> openPosition(String hotkey, String tradePair) {
        String uuid = openIndex.get(Ledger.key(hotkey, tradePair));
        return uuid == null ? Optional.empty() : Optional.ofNullable(positions.get(uuid));
    }

    @Override
    public List<Position> positions(String hotkey) {
        return resolve(history(hotkey), false);
    }

    @Override
    public List<Position> openPositions(String hotkey) {
        return resolve(openByMiner.getOrDefault(hotkey, List.of()), true);
    }

    private List<Position> resolve(List<String> uuids, boolean openOnly) {
        List<Position> out = new ArrayList<>(uuids.size());
        for (String u : uuids) {
            Position p = positions.get(u);
            if (p != null && (!openOnly || p.isOpen())) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public List<Position> openPositions() {
        List<Position> out = new ArrayList<>();
        for (String u : openIndex.values()) {
            Position p = positions.get(u);
            if (p != null && p.isOpen()) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public Long lastOrderMs(String hotkey, String tradePair) {
        return lastOrder.get(Ledger.key(hotkey, tradePair));
    }

    @Override
    public Optional<Elimination> elimination(String hotkey) {
        return Optional.ofNullable(eliminations.get(hotkey));
    }

    Collection<Elimination> allEliminations() {
        return eliminations.values();
    }

    Set<String> hotkeys() {
        Set<String> all = new TreeSet<>(byMiner.keySet());
        all.addAll(miners.keySet());
        return all;
    }

    List<StoredOrder> ordersSince(long sinceMs) {
        List<StoredOrder> out = new ArrayList<>();
        for (StoredOrder o : orders.values()) {
            if (o.processedMs() >= sinceMs) {
                out.add(o);
            }
        }
        out.sort(Comparator.comparingLong(StoredOrder::processedMs).thenComparing(StoredOrder::orderUuid));
        return out;
    }

    @Override
    public Optional<Position> position(String positionUuid) {
        return Optional.ofNullable(positions.get(positionUuid));
    }

    /** One pass with a bounded heap: no sort of every order for a page that shows a few. */
    List<StoredOrder> latestOrders(int limit) {
        Comparator<StoredOrder> byTime = Comparator.comparingLong(StoredOrder::processedMs)
                .thenComparing(StoredOrder::orderUuid);
        PriorityQueue<StoredOrder> newest = new PriorityQueue<>(byTime);
        for (StoredOrder o : orders.values()) {
            newest.offer(o);
            if (newest.size() > limit) {
                newest.poll();
            }
        }
        List<StoredOrder> out = new ArrayList<>(newest);
        out.sort(byTime.reversed());
        return out;
    }
}
