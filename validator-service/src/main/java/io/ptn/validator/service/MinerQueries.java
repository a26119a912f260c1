package io.ptn.validator.service;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.ptn.validator.Elimination;
import io.ptn.validator.MinerState;
import io.ptn.validator.Position;
import io.ptn.validator.Returns;
import io.ptn.validator.store.OrderStore;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Read side, straight from the committed in-memory state. */
@ApplicationScoped
public class MinerQueries {

    @RegisterForReflection
    public record MinerView(String hotkey, double portfolioReturn, double highWaterMark, double drawdown,
            boolean eliminated, int openPositions) {
    }

    @RegisterForReflection
    public record PositionView(String positionUuid, String tradePair, String firstOrderType, long openMs, Long closeMs,
            boolean isClosed, double netLeverage, double averageEntryPrice, double markPrice, long markMs,
            double currentReturn, String closeReason, List<io.ptn.validator.PositionOrder> orders) {
    }

    @RegisterForReflection
    public record PositionsView(String hotkey, List<PositionView> positions) {
    }

    private final OrderStore store;

    public MinerQueries(OrderStore store) {
        this.store = store;
    }

    public MinerView miner(String hotkey) {
        List<Position> positions = store.ledger().positions(hotkey);
        MinerState state = store.ledger().miner(hotkey).orElse(null);
        if (state == null && positions.isEmpty()) {
            throw new ProblemException(404, "no miner " + hotkey + " has traded here", "hotkey");
        }
        double ret = Returns.portfolioReturn(positions);
        double hwm = Math.max(state == null ? 1.0 : state.highWaterMark(), ret);
        boolean eliminated = state != null && state.eliminated() || store.ledger().elimination(hotkey).isPresent();
        int open = (int) positions.stream().filter(Position::isOpen).count();
        return new MinerView(hotkey, ret, hwm, Returns.drawdown(ret, hwm), eliminated, open);
    }

    public PositionsView positions(String hotkey) {
        miner(hotkey); // 404 for a miner never seen
        List<PositionView> views = store.ledger().positions(hotkey).stream()
                .map(p -> new PositionView(p.positionUuid(), p.tradePair().id(), p.firstOrderType().name(), p.openMs(),
                        p.closeMs(), !p.isOpen(), p.netLeverage(), p.averageEntryPrice(), p.markPrice(), p.markMs(),
                        p.currentReturn(), p.closeReason(), p.orders()))
                .toList();
        return new PositionsView(hotkey, views);
    }

    public List<Elimination> eliminations() {
        return store.eliminations().stream().sorted(Comparator.comparingLong(Elimination::eliminatedAtMs)).toList();
    }
}
