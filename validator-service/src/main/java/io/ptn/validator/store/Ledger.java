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

    /** Time of the miner's last filled order in the pair, or null. */
    Long lastOrderMs(String hotkey, String tradePair);

    Optional<Elimination> elimination(String hotkey);

    static String key(String hotkey, String tradePair) {
        return hotkey + '\u0000' + tradePair;
    }
}
