package io.ptn.validator.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.ptn.validator.Elimination;
import io.ptn.validator.MinerState;
import io.ptn.validator.Position;

/**
 * The changes of one group commit, layered over the committed state. Commands read through it (so a second order
 * in the same batch sees the first) and write into it; the writer persists it in one transaction and publishes it
 * only after the commit. Used by the writer thread only.
 */
public final class Batch implements Ledger {

    private final State base;
    final Map<String, StoredOrder> orders = new LinkedHashMap<>();
    final Map<String, Position> positions = new LinkedHashMap<>();
    final Map<String, MinerState> miners = new LinkedHashMap<>();
    final Map<String, Elimination> eliminations = new LinkedHashMap<>();
    private final Map<String, String> openIndex = new HashMap<>();
    private final Map<String, List<String>> newByMiner = new HashMap<>();
    private final Map<String, Long> lastOrder = new HashMap<>();
    /** Hotkey -> the lowest history index of a committed position this batch rewrote. */
    private final Map<String, Integer> firstRewritten = new HashMap<>();
    /** Orders already committed before this batch (corrections): only their stored sources need replacing. */
    final Set<String> rewrittenOrders = new HashSet<>();
    private int writes;

    Batch(State base) {
        this.base = base;
    }

    /** Number of writes so far: the writer compares it around a command to see whether a failed one wrote. */
    int writes() {
        return writes;
    }

    boolean isEmpty() {
        return orders.isEmpty() && positions.isEmpty() && miners.isEmpty() && eliminations.isEmpty();
    }

    public void putOrder(StoredOrder o) {
        writes++;
        orders.put(o.orderUuid(), o);
        if (base.orders.containsKey(o.orderUuid())) {
            rewrittenOrders.add(o.orderUuid());
        }
        lastOrder.merge(Ledger.key(o.minerHotkey(), o.tradePair()), o.processedMs(), Math::max);
    }

    public void putPosition(Position p) {
        writes++;
        boolean known = positions.containsKey(p.positionUuid()) || base.positions.containsKey(p.positionUuid());
        if (!known) {
            newByMiner.computeIfAbsent(p.minerHotkey(), k -> new ArrayList<>()).add(p.positionUuid());
        }
        int committedAt = base.minerIndex(p.positionUuid());
        if (committedAt >= 0) {
            firstRewritten.merge(p.minerHotkey(), committedAt, Math::min);
        }
        positions.put(p.positionUuid(), p);
        String key = Ledger.key(p.minerHotkey(), p.tradePair().id());
        if (p.isOpen()) {
            openIndex.put(key, p.positionUuid());
        } else if (p.positionUuid().equals(openIndex.containsKey(key) ? openIndex.get(key) : base.openIndex.get(key))) {
            // only the open position's own close frees the slot: a closed one written again (a fill correction of a
            // position closed minutes ago) must not hide the newer open one, or the next order would open a second
            openIndex.put(key, "");
        }
    }

    public void putMiner(MinerState m) {
        writes++;
        miners.put(m.hotkey(), m);
    }

    public void putElimination(Elimination e) {
        writes++;
        eliminations.put(e.hotkey(), e);
    }

    private Position positionOrNull(String uuid) {
        Position p = positions.get(uuid);
        return p != null ? p : base.positions.get(uuid);
    }

    @Override
    public Optional<Position> position(String positionUuid) {
        return Optional.ofNullable(positionOrNull(positionUuid));
    }

    @Override
    public Optional<StoredOrder> order(String orderUuid) {
        StoredOrder o = orders.get(orderUuid);
        return o != null ? Optional.of(o) : base.order(orderUuid);
    }

    @Override
    public Optional<MinerState> miner(String hotkey) {
        MinerState m = miners.get(hotkey);
        return m != null ? Optional.of(m) : base.miner(hotkey);
    }

    @Override
    public Optional<Position> openPosition(String hotkey, String tradePair) {
        String key = Ledger.key(hotkey, tradePair);
        String uuid = openIndex.containsKey(key) ? openIndex.get(key) : base.openIndex.get(key);
        if (uuid == null || uuid.isEmpty()) {
            return Optional.empty();
        }
        Position p = positionOrNull(uuid);
        return p != null && p.isOpen() ? Optional.of(p) : Optional.empty();
    }

    @Override
    public List<Position> positions(String hotkey) {
        List<Position> out = new ArrayList<>();
        for (String u : base.history(hotkey)) {
            out.add(positionOrNull(u));
        }
        for (String u : newByMiner.getOrDefault(hotkey, List.of())) {
            out.add(positionOrNull(u));
        }
        return out;
    }

    /**
     * {@link io.ptn.validator.Drawdown#portfolioReturn} of {@link #positions(String)}, equal to the bit, without
     * walking the whole history on every order: the committed positions before the first one changed since are
     * covered by the state's running products, which this extends as it goes (with committed values only, so a batch
     * that fails to commit leaves them right).
     */
    public double portfolioReturn(String hotkey) {
        List<String> committed = base.history(hotkey);
        State.ReturnPrefix prefix = base.returnPrefix(hotkey);
        int rewritten = firstRewritten.getOrDefault(hotkey, committed.size());
        int from = Math.min(prefix.valid, rewritten);
        double r = prefix.products[from];
        for (int i = from; i < committed.size(); i++) {
            r *= positionOrNull(committed.get(i)).returnWithFees();
            if (i == prefix.valid && i < rewritten) {
                prefix.extend(r);
            }
        }
        for (String u : newByMiner.getOrDefault(hotkey, List.of())) {
            r *= positionOrNull(u).returnWithFees();
        }
        return r;
    }

    @Override
    public List<Position> openPositions(String hotkey) {
        List<Position> out = new ArrayList<>();
        for (List<String> uuids : List.of(base.openByMiner.getOrDefault(hotkey, List.of()),
                newByMiner.getOrDefault(hotkey, List.of()))) {
            for (String u : uuids) {
                Position p = positionOrNull(u);
                if (p != null && p.isOpen()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    @Override
    public List<Position> openPositions() {
        Map<String, Position> open = new LinkedHashMap<>();
        for (Position p : base.openPositions()) {
            Position current = positionOrNull(p.positionUuid());
            if (current.isOpen()) {
                open.put(current.positionUuid(), current);
            }
        }
        for (Position p : positions.values()) {
            if (p.isOpen()) {
                open.put(p.positionUuid(), p);
            }
        }
        return new ArrayList<>(open.values());
    }

    @Override
    public Long lastOrderMs(String hotkey, String tradePair) {
        String key = Ledger.key(hotkey, tradePair);
        Long mine = lastOrder.get(key);
        return mine != null ? mine : base.lastOrderMs(hotkey, tradePair);
    }

    @Override
    public Optional<Elimination> elimination(String hotkey) {
        Elimination e = eliminations.get(hotkey);
        return e != null ? Optional.of(e) : base.elimination(hotkey);
    }

    /** Makes the batch visible to readers; called after the commit. */
    void publish() {
        for (Position p : positions.values()) {
            base.putPosition(p);
        }
        for (StoredOrder o : orders.values()) {
            base.putOrder(o);
        }
        base.miners.putAll(miners);
        base.eliminations.putAll(eliminations);
    }
}
