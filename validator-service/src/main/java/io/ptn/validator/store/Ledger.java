package io.ptn.validator.store;

import java.util.List;
import java.util.Optional;

import io.ptn.validator.Elimination;
import io.ptn.validator.MinerState;
import io.ptn.validator.Position;

/** Read view of the validator's state: the committed state, or a batch's view of it with its own changes. */
public interface Ledger {

    Optional<StoredOrder> order(String orderUuid);

    Optional<MinerState> miner(String hotkey);

    Optional<Position> position(String positionUuid);

    Optional<Position> openPosition(String hotkey, String tradePair);

    List<Position> positions(String hotkey);

    List<Position> openPositions();

    /**
     * The miner's open positions in opening order: {@link #positions(String)} without the closed ones, which a miner
     * accumulates without bound, so an order's leverage checks do not walk its whole history.
     */
    List<Position> openPositions(String hotkey);

    /** Time of the miner's last filled order in the pair, or null. */
    Long lastOrderMs(String hotkey, String tradePair);

    Optional<Elimination> elimination(String hotkey);

    static String key(String hotkey, String tradePair) {
        return hotkey + '\u0000' + tradePair;
    }
}
