package io.ptn.validator;

import java.util.ArrayList;
import java.util.List;

import io.ptn.domain.TradePair;

/**
 * Position arithmetic exactly as PTN computes it ({@code vali_objects/position.py}: {@code add_order},
 * {@code _clamp_and_validate_leverage}, {@code _update_position}, {@code update_position_state_for_new_order},
 * {@code calculate_pnl}, {@code set_returns}, {@code _handle_liquidation},
 * {@code rebuild_position_with_updated_orders}). Pure: time and prices are parameters.
 * <p>
 * Return without fees = {@code 1 + (realized PnL + unrealized PnL) / initial entry price}; the average entry moves only
 * on orders in the position's direction; an order against it realizes PnL at its own price with its slippage. A
 * gain of -1 or worse is a return of 0: the position is liquidated.
 */
public final class Positions {

    /** From here on slippage enters the entry and exit prices and PnL is split into realized / unrealized. */
    public static final long SLIPPAGE_V1_TIME_MS = 1739937600000L;

    /** An order as received, before clamping: {@code leverage} as the miner sent it (unsigned; 0 for a FLAT). */
    public record NewOrder(String orderUuid, OrderType orderType, double leverage, double basePrice, double slippage,
            long processedMs, OrderSource source) {
    }

    /**
     * The outcome of an accepted order: the new position, the order as filled, whether it closed the position (a
     * FLAT, a flip, an exact close or a liquidation) and whether the position was liquidated.
     */
    public record Filled(Position position, PositionOrder order, boolean closedPosition, boolean liquidated) {
    }

    private Positions() {
    }

    /** A position with no order yet (PTN creates it with the first order's time as {@code open_ms}). */
    public static Position empty(String positionUuid, String minerHotkey, TradePair pair, long openMs) {
        return new Position(positionUuid, minerHotkey, pair, null, openMs, null, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, openMs,
                null, List.of());
    }

    /**
     * PTN {@code add_order}: validates and clamps the order against the pair's and the portfolio's bounds, appends it
     * and recomputes the position from its orders.
     *
     * @param netPortfolioLeverage the miner's portfolio leverage before the order, this position included
     *                             ({@link LeverageBounds#portfolioLeverage})
     * @param portfolioCap         the portfolio cap in force from PORTFOLIO_LEVERAGE_BOUNDS_START_TIME_MS
     * @throws OrderRefusedException where PTN raises
     */
    public static Filled addOrder(Position p, NewOrder order, double netPortfolioLeverage, double portfolioCap) {
        PositionOrder filled = clamped(p, order, netPortfolioLeverage, portfolioCap);
        if (!(order.basePrice() > 0) || !Double.isFinite(order.basePrice())) {
            throw new IllegalArgumentException("price must be > 0, was " + order.basePrice());
        }
        List<PositionOrder> orders = new ArrayList<>(p.orders().size() + 2);
        orders.addAll(p.orders());
        orders.add(filled);
        Position next = replay(p, p.positionType(), orders, closeReasonFor(order.source()));
        boolean liquidated = next.returnWithoutFees() == 0;
        return new Filled(next, filled, !next.isOpen(), liquidated);
    }

    /**
     * The order as {@link #addOrder} would fill it (type and signed leverage after clamping), without pricing it:
     * the checks and clamping of PTN's add_order depend on leverage only.
     *
     * @throws OrderRefusedException where PTN raises
     */
    public static PositionOrder clamped(Position p, NewOrder order, double netPortfolioLeverage, double portfolioCap) {
        if (!p.isOpen()) {
            throw new OrderRefusedException("the " + p.tradePair().id() + " position is closed", "orderType");
        }
        if (order.orderType() == OrderType.FLAT && p.orders().isEmpty()) {
            throw new OrderRefusedException("no open " + p.tradePair().id() + " position to close", "orderType");
        }
        double sent = order.leverage();
        if (order.orderType() == OrderType.LONG && sent < 0) {
            throw new OrderRefusedException("leverage must be positive for LONG orders", "leverage");
        }
        if (order.orderType() != OrderType.FLAT && !(LeverageBounds.ORDER_MIN_LEVERAGE <= Math.abs(sent)
                && Math.abs(sent) <= LeverageBounds.ORDER_MAX_LEVERAGE)) {
            throw new OrderRefusedException("order leverage must be between " + LeverageBounds.ORDER_MIN_LEVERAGE + " and "
                    + LeverageBounds.ORDER_MAX_LEVERAGE + ", was " + sent, "leverage");
        }
        // PTN's Signal: SHORT leverage is negative
        double leverage = order.orderType() == OrderType.SHORT ? -1.0 * Math.abs(sent) : sent;
        return clamp(p, order, leverage, Math.abs(netPortfolioLeverage), portfolioCap);
    }

    /** Closes an open position with a FLAT at {@code price} (no slippage), e.g. on elimination; PTN adds it via add_order. */
    public static Position closeWithFlat(Position p, String orderUuid, double price, long t, OrderSource source) {
        return addOrder(p, new NewOrder(orderUuid, OrderType.FLAT, 0.0, price, 0.0, t, source), 0.0,
                Double.POSITIVE_INFINITY).position();
    }

    /**
     * PTN {@code set_returns} without an order: the open position marked at {@code price} at {@code t} (unrealized PnL on
     * the net leverage, fees up to t). A return of 0 liquidates it: it closes at t with a FLAT at {@code price} added
     * (PTN {@code _handle_liquidation}; PTN prices that FLAT from its price fetcher at t, here it is the mark price the
     * liquidation was computed with). A closed position is returned unchanged.
     */
    public static Position mark(Position p, double price, long t) {
        if (!p.isOpen() || p.orders().isEmpty()) {
            return p;
        }
        Replay r = new Replay(p, p.positionType(), new ArrayList<>(p.orders()));
        r.net = p.netLeverage();
        r.avg = p.averageEntryPrice();
        r.realized = p.realizedPnl();
        r.setReturns(price, t, null);
        if (r.ret == 0) {
            r.liquidate(price, t, r.orders.size() - 1);
        }
        return r.result(price, t, null);
    }

    /**
     * PTN {@code rebuild_position_with_updated_orders}: the position recomputed from scratch from its orders (after a
     * price correction, or for positions stored under older rules). Deviation: a liquidation FLAT already in the
     * orders is not added a second time (PTN would append another on each rebuild).
     */
    public static Position rebuild(Position p) {
        if (p.orders().isEmpty()) {
            return p;
        }
        String reason = p.isOpen() ? null : p.closeReason();
        return replay(p, null, new ArrayList<>(p.orders()), reason);
    }

    /** Price of the first order with its slippage (before SLIPPAGE_V1_TIME_MS: without); 0 before any order. */
    static double initialEntryPrice(List<PositionOrder> orders) {
        if (orders.isEmpty()) {
            return 0.0;
        }
        PositionOrder first = orders.get(0);
        if (first.processedMs() >= SLIPPAGE_V1_TIME_MS) {
            return PositionOrder.slipped(first.basePrice(), first.slippage(), first.leverage());
        }
        return first.basePrice();
    }

    /** PTN {@code _clamp_and_validate_leverage} plus add_order's refusal of an order clamped to nothing. */
    private static PositionOrder clamp(Position p, NewOrder order, double leverage, double portfolio, double cap) {
        TradePair pair = p.tradePair();
        double net = p.netLeverage();
        OrderType type = order.orderType();
        if (type == OrderType.FLAT) {
            return filled(order, OrderType.FLAT, -net);
        }
        boolean first = p.orders().isEmpty();
        double proposed = net + leverage;
        LeverageBounds.Bounds bounds = LeverageBounds.position(pair, order.processedMs());
        int multiplier = pair.leverageMultiplier();
        double currentAdjusted = Math.abs(net) * multiplier;
        double proposedPortfolio = (portfolio - currentAdjusted + (Math.abs(proposed) * multiplier));
        double maxPortfolio = LeverageBounds.portfolioCap(order.processedMs(), cap);
        boolean ignore = false;
        if (first || net * proposed > 0) {
            if (Math.abs(proposed) > bounds.max() || proposedPortfolio > maxPortfolio) {
                if (first || Math.abs(proposed) >= Math.abs(net) || proposedPortfolio >= portfolio) {
                    double clampedPosition = bounds.max() - Math.abs(net);
                    double clampedPortfolio = (maxPortfolio - portfolio) / multiplier;
                    leverage = Math.max(0.0, Math.min(clampedPosition, clampedPortfolio));
                    if (type == OrderType.SHORT) {
                        leverage *= -1;
                    }
                    ignore = leverage == 0;
                } else if (Math.abs(proposed) < bounds.min()) {
                    throw new OrderRefusedException("the order would take the " + pair.id() + " position below its minimum "
                            + "leverage " + bounds.min() + " while the portfolio is over its cap " + maxPortfolio, "leverage");
                }
                // else: a reduction towards the new bound, allowed
            } else if (Math.abs(proposed) < bounds.min()) {
                if (first || Math.abs(proposed) < Math.abs(net)) {
                    throw new OrderRefusedException("the order would leave the " + pair.id() + " position at "
                            + Math.abs(proposed) + ", below its minimum leverage " + bounds.min(), "leverage");
                }
                // an increase that stays below the minimum is allowed
            }
        } else {
            // crosses or reaches zero: the order becomes a FLAT and closes the position
            leverage = -net;
            type = OrderType.FLAT;
        }
        if (Math.abs(leverage) < LeverageBounds.ORDER_MIN_LEVERAGE && !ignore) {
            throw new OrderRefusedException("the order's leverage clamped to " + leverage + " is below the order minimum "
                    + LeverageBounds.ORDER_MIN_LEVERAGE, "leverage");
        }
        if (ignore) {
            if (portfolio >= maxPortfolio) {
                throw new OrderRefusedException("the portfolio leverage " + portfolio + " is at its cap " + maxPortfolio
                        + " (|net leverage| x multiplier summed over open positions; crypto counts x"
                        + TradePair.BTCUSD.leverageMultiplier() + ")", "leverage");
            }
            throw new OrderRefusedException("the " + pair.id() + " position is at its maximum leverage " + bounds.max(),
                    "leverage");
        }
        return filled(order, type, leverage);
    }

    private static PositionOrder filled(NewOrder o, OrderType type, double leverage) {
        return new PositionOrder(o.orderUuid(), type, leverage, o.basePrice(), o.slippage(), o.processedMs(), o.source());
    }

    private static String closeReasonFor(OrderSource source) {
        return switch (source) {
            case ORGANIC -> Position.CLOSED_BY_FLAT;
            case MAX_ORDERS_PER_POSITION_CLOSE -> Position.MAX_ORDERS;
            case PRICE_FILLED_ELIMINATION_FLAT, ELIMINATION_FLAT, DEPRECATION_FLAT -> Position.ELIMINATED;
        };
    }

    /** PTN {@code _update_position}: recomputes state from the orders, starting from zero. */
    private static Position replay(Position identity, OrderType type, List<PositionOrder> orders, String closeReason) {
        Replay r = new Replay(identity, type, orders);
        int last = -1;
        for (int i = 0; i < orders.size(); i++) {
            PositionOrder o = orders.get(i);
            last = i;
            if (r.type == null) {
                r.initialize(o);
            }
            if ((r.type == OrderType.LONG && r.net + o.leverage() <= 0)
                    || (r.type == OrderType.SHORT && r.net + o.leverage() >= 0)
                    || o.orderType() == OrderType.FLAT) {
                r.closeOut(o.processedMs());
            }
            double adjusted = r.type == OrderType.FLAT ? 0.0 : o.leverage();
            r.updateForOrder(o, adjusted, i);
            if (r.type == OrderType.FLAT) {
                break;
            }
        }
        PositionOrder at = orders.get(last);
        return r.result(at.basePrice(), at.processedMs(), closeReason);
    }

    /** Mutable working state of one recomputation. */
    private static final class Replay {
        final Position identity;
        final List<PositionOrder> orders;
        OrderType type;
        long openMs;
        Long closeMs;
        double net;
        double avg;
        double realized;
        double ret = 1.0;
        double retFees = 1.0;
        boolean liquidated;

        /** {@code type} null starts from scratch (PTN's rebuild resets the type, the close and the average entry). */
        Replay(Position identity, OrderType type, List<PositionOrder> orders) {
            this.identity = identity;
            this.orders = orders;
            this.type = type;
            this.openMs = identity.openMs();
            this.closeMs = null;
            this.avg = type == null ? 0.0 : identity.averageEntryPrice();
        }

        void initialize(PositionOrder first) {
            openMs = first.processedMs();
            if (initialEntryPrice(orders) <= 0) {
                throw new IllegalArgumentException("initial entry price must be > 0");
            }
            if (first.leverage() > 0) {
                type = OrderType.LONG;
            } else if (first.leverage() < 0) {
                type = OrderType.SHORT;
            } else {
                throw new OrderRefusedException("leverage of 0 provided as the first order", "leverage");
            }
        }

        void closeOut(long t) {
            type = OrderType.FLAT;
            closeMs = t;
        }

        /** PTN {@code update_position_state_for_new_order}. */
        void updateForOrder(PositionOrder o, double delta, int index) {
            double price = o.basePrice();
            double newNet = net + delta;
            if (o.source().zeroPriced()) {
                net = 0.0;
                return; // priced at 0: returns stay as they were
            }
            setReturns(price, o.processedMs(), o);
            if (ret == 0) {
                liquidate(price, o.processedMs(), index);
                return;
            }
            if (type == OrderType.FLAT) {
                net = 0.0;
                return;
            }
            if (o.processedMs() < SLIPPAGE_V1_TIME_MS) {
                avg = (avg * net + price * delta) / newNet;
            } else if (type == o.orderType()) {
                double entry = PositionOrder.slipped(o.basePrice(), o.slippage(), o.leverage());
                avg = (avg * net + entry * delta) / newNet;
            }
            net = newNet;
        }

        /** PTN {@code set_returns}: return without fees, then with the fees as of t. */
        void setReturns(double price, long t, PositionOrder order) {
            ret = pnl(price, t, order);
            retFees = ret * Fees.feeFactor(identity.tradePair(), openMs, closeMs, orders, t);
        }

        /** PTN {@code calculate_pnl}; a reducing order adds to the realized PnL. */
        double pnl(double price, long t, PositionOrder order) {
            double iep = initialEntryPrice(orders);
            if (iep == 0) {
                return 1;
            }
            double gain;
            if (t >= SLIPPAGE_V1_TIME_MS) {
                double unrealized;
                if (order != null) {
                    if (order.orderType() != type || type == OrderType.FLAT) {
                        double exit = PositionOrder.slipped(price, order.slippage(), order.leverage());
                        realized += -1 * (exit - avg) * order.leverage();
                    }
                    double after = net + order.leverage();
                    double held = Math.abs(after) < Math.abs(net) ? after : net;
                    unrealized = (price - avg) * held;
                } else {
                    unrealized = (price - avg) * net;
                }
                gain = (realized + unrealized) / iep;
            } else {
                gain = (price - avg) * net / iep;
            }
            if (gain <= -1.0) {
                return 0;
            }
            return 1 + gain;
        }

        /** PTN {@code _handle_liquidation}: an open position closes at t with a FLAT added at {@code price}. */
        void liquidate(double price, long t, int index) {
            liquidated = true;
            if (type == OrderType.FLAT) {
                return; // the order itself closed it
            }
            boolean recorded = index + 1 < orders.size() && orders.get(index + 1).orderType() == OrderType.FLAT
                    && orders.get(index + 1).source() != OrderSource.ORGANIC;
            if (!recorded) {
                // PTN's uuid for it: the position uuid reversed (deterministic across validators)
                String uuid = new StringBuilder(identity.positionUuid()).reverse().toString();
                orders.add(index + 1, new PositionOrder(uuid, OrderType.FLAT, 0.0, price, 0.0, t,
                        OrderSource.PRICE_FILLED_ELIMINATION_FLAT));
            }
            closeOut(t);
        }

        Position result(double markPrice, long markMs, String closeReason) {
            String reason = type != OrderType.FLAT ? null : liquidated ? Position.LIQUIDATED
                    : closeReason != null ? closeReason : Position.CLOSED_BY_FLAT;
            return new Position(identity.positionUuid(), identity.minerHotkey(), identity.tradePair(), type, openMs,
                    type == OrderType.FLAT ? closeMs : null, net, avg, realized, ret, retFees, markPrice, markMs, reason,
                    orders);
        }
    }
}
