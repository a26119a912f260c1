package io.ptn.validator.service;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.ptn.validator.Drawdown;
import io.ptn.validator.Elimination;
import io.ptn.validator.MinerState;
import io.ptn.validator.Position;
import io.ptn.validator.OrderSource;
import io.ptn.validator.PositionOrder;
import io.ptn.validator.store.Ledger;
import io.ptn.validator.store.StoredOrder;
import io.ptn.validator.store.OrderStore;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Read side, straight from the committed in-memory state. */
@ApplicationScoped
public class MinerQueries {

    @RegisterForReflection
    public record MinerView(String hotkey, double portfolioReturn, double highWaterMark, double drawdown,
            boolean eliminated, int openPositions) {
    }

    /** {@code currentReturn} is the return with fees (PTN return_at_close), {@code returnWithoutFees} PTN current_return. */
    @RegisterForReflection
    public record PositionView(String positionUuid, String tradePair, String firstOrderType, long openMs, Long closeMs,
            boolean isClosed, double netLeverage, double averageEntryPrice, double markPrice, long markMs,
            double currentReturn, String closeReason, List<OrderLine> orders, String positionType,
            double returnWithoutFees, double realizedPnl) {
    }

    /**
     * An order of a position as filled: signed leverage, price before slippage, and the price with it, all as in force.
     * When a fill correction changed it: the fill price it first had and when it last changed (absent otherwise).
     */
    @RegisterForReflection
    public record OrderLine(String orderUuid, String orderType, double leverage, double basePrice, double slippage,
            double fillPrice, long processedMs, String source,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double originalFillPrice,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long correctedAtMs) {

        static OrderLine of(PositionOrder o, Ledger ledger) {
            StoredOrder stored = o.source() == OrderSource.ORGANIC ? ledger.order(o.orderUuid()).orElse(null) : null;
            return new OrderLine(o.orderUuid(), o.orderType().name(), o.leverage(), o.basePrice(), o.slippage(),
                    o.fillPrice(), o.processedMs(), o.source().name(),
                    stored == null ? null : stored.originalFillPrice(), stored == null ? null : stored.correctedAtMs());
        }
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
            throw new UnknownMinerException(hotkey);
        }
        double ret = Drawdown.portfolioReturn(positions);
        double hwm = Math.max(state == null ? 1.0 : state.highWaterMark(), ret);
        boolean eliminated = state != null && state.eliminated() || store.ledger().elimination(hotkey).isPresent();
        int open = (int) positions.stream().filter(Position::isOpen).count();
        return new MinerView(hotkey, ret, hwm, Drawdown.drawdown(ret, hwm), eliminated, open);
    }

    public PositionsView positions(String hotkey) {
        miner(hotkey); // refuses a miner never seen
        Ledger ledger = store.ledger();
        List<PositionView> views = ledger.positions(hotkey).stream()
                .map(p -> new PositionView(p.positionUuid(), p.tradePair().id(), p.firstOrderType().name(), p.openMs(),
                        p.closeMs(), !p.isOpen(), p.netLeverage(), p.averageEntryPrice(), p.markPrice(), p.markMs(),
                        p.returnWithFees(), p.closeReason(), p.orders().stream().map(o -> OrderLine.of(o, ledger)).toList(),
                        p.positionType() == null ? null : p.positionType().name(), p.returnWithoutFees(),
                        p.realizedPnl()))
                .toList();
        return new PositionsView(hotkey, views);
    }

    public List<Elimination> eliminations() {
        return store.eliminations().stream().sorted(Comparator.comparingLong(Elimination::eliminatedAtMs)).toList();
    }
}
