package io.ptn.validator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.ptn.domain.TradePair;

/** A commit over validator.store.slow-commit is logged with its duration, so a stalled disk shows in the logs. */
class SlowCommitTest {

    @Test
    void aCommitOverTheThresholdIsLoggedWithItsDuration() throws Exception {
        // no real commit takes less than nothing: with a zero threshold every commit is a slow one
        List<LogRecord> records = commitOneOrder(Duration.ZERO);
        assertEquals(1, records.size(), "one commit, one warning");
        LogRecord r = records.get(0);
        assertEquals(Level.WARNING, r.getLevel());
        String message = String.format(r.getMessage(), r.getParameters());
        assertTrue(message.matches("store: a commit took \\d+\\.\\d ms \\(batch of 1; over validator\\.store\\.slow-commit\\).*"),
                message);
    }

    @Test
    void commitsUnderTheThresholdAreNotLogged() throws Exception {
        assertEquals(List.of(), commitOneOrder(Duration.ofHours(1)));
    }

    private static List<LogRecord> commitOneOrder(Duration slowCommit) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "store-slow-commit-");
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().contains("a commit took")) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(OrderStore.class.getName());
        logger.addHandler(capture);
        OrderStore store = StoreTestSupport.open(dir, 100, slowCommit);
        try {
            store.submit(StoreTestSupport.longOrder("miner-1", TradePair.BTCUSD, 0.01, 100)).get();
        } finally {
            store.close();
            logger.removeHandler(capture);
        }
        return records;
    }
}
