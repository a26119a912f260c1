package io.ptn.validator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.ptn.validator.FastFaultToleranceProfile;
import io.ptn.validator.PriceServiceResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The running application's SQLite connections are in WAL mode with synchronous=FULL. */
@QuarkusTest
@TestProfile(FastFaultToleranceProfile.class)
@WithTestResource(PriceServiceResource.class)
class StoreTest {

    @Inject
    OrderStore store;

    @Test
    void walAndSynchronousFull() throws Exception {
        assertEquals("wal", store.query("PRAGMA journal_mode", rs -> rs.next() ? rs.getString(1) : null));
        assertEquals(Integer.valueOf(2), store.<Integer>query("PRAGMA synchronous", rs -> rs.next() ? rs.getInt(1) : -1)); // 2 = FULL
        assertEquals("5", store.query("SELECT max(version) FROM flyway_schema_history", rs -> rs.next() ? rs.getString(1) : null));
    }

    /** Only the indexes that guard the data are written with every order: no statement reads any other (V4). */
    @Test
    void theOnlySecondaryIndexIsTheOneOpenPositionPerPairGuard() throws Exception {
        List<String> declared = store.query("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                + "AND tbl_name <> 'flyway_schema_history' ORDER BY name", rs -> {
                    List<String> names = new ArrayList<>();
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                    return names;
                });
        assertEquals(List.of("positions_open"), declared);
    }
}
