package io.ptn.validator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals("3", store.query("SELECT max(version) FROM flyway_schema_history", rs -> rs.next() ? rs.getString(1) : null));
    }
}
