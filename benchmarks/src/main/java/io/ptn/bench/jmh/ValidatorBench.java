package io.ptn.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ptn.domain.TradePair;
import io.ptn.validator.Drawdown;
import io.ptn.validator.LeverageBounds;
import io.ptn.validator.OrderSource;
import io.ptn.validator.OrderType;
import io.ptn.validator.Position;
import io.ptn.validator.Positions;
import io.ptn.validator.Slippage;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * validator-service's per-order and per-mark arithmetic on its own pure classes: applying an order to a position
 * (average entry, net leverage, spread and carry fees, return), marking a position to market, and the slippage
 * model. Positions carry 10 orders, spread over two days so carry periods are charged.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ValidatorBench {

    private Position position;
    private Positions.NewOrder next;
    private long markAt;
    private List<Position> portfolio;

    @Setup
    public void setUp() {
        long t0 = 1_764_000_000_000L;
        Position p = Positions.empty("pos-1", "miner", TradePair.BTCUSD, t0);
        p = add(p, new Positions.NewOrder("o0", OrderType.LONG, 0.1, 65_000, 0.0004, t0, OrderSource.ORGANIC));
        for (int i = 1; i < 10; i++) {
            OrderType type = i % 3 == 0 ? OrderType.SHORT : OrderType.LONG;
            p = add(p, new Positions.NewOrder("o" + i, type, 0.05, 65_000 + 100 * i, 0.0004, t0 + i * 4 * 3600_000L,
                    OrderSource.ORGANIC));
        }
        position = p;
        next = new Positions.NewOrder("o10", OrderType.LONG, 0.05, 66_500, 0.0004, t0 + 48 * 3600_000L,
                OrderSource.ORGANIC);
        markAt = t0 + 50 * 3600_000L;
        portfolio = new ArrayList<>();
        for (TradePair pair : List.of(TradePair.BTCUSD, TradePair.ETHUSD, TradePair.EURUSD, TradePair.GBPUSD)) {
            portfolio.add(add(Positions.empty("pos-" + pair, "miner", pair, t0),
                    new Positions.NewOrder("x" + pair, OrderType.LONG, 0.2, pair.ordinal() + 1.0, 0, t0,
                            OrderSource.ORGANIC)));
        }
    }

    private static Position add(Position p, Positions.NewOrder o) {
        return Positions.addOrder(p, o, 0, LeverageBounds.PORTFOLIO_LEVERAGE_CAP).position();
    }

    /** One order applied to a 10-order position: fees, average entry, return. */
    @Benchmark
    public Position applyOrder() {
        return Positions.addOrder(position, next, 0, LeverageBounds.PORTFOLIO_LEVERAGE_CAP).position();
    }

    /** Mark one position to market (what the risk monitor does per open position). */
    @Benchmark
    public double returnAt() {
        return Positions.mark(position, 66_800, markAt).returnWithFees();
    }

    /** Portfolio return and drawdown over 4 positions. */
    @Benchmark
    public double portfolioDrawdown() {
        return Drawdown.drawdown(Drawdown.portfolioReturn(portfolio), 1.05);
    }

    /** Slippage of a crypto LONG (PTN's bucketed estimates). */
    @Benchmark
    public double cryptoSlippage() {
        return Slippage.of(TradePair.BTCUSD, 0, 0, 0.3, Slippage.MIN_ACCOUNT_SIZE, 1_764_600_000_000L);
    }
}
