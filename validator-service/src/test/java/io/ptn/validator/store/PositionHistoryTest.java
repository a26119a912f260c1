package io.ptn.validator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * A miner's position history as readers see it while the writer appends: a view taken earlier keeps its length and
 * elements, nobody but the writer changes it, and a reader racing the writer sees only whole prefixes of what was
 * appended (never an index whose uuid is not written yet).
 */
class PositionHistoryTest {

    @Test
    void aViewKeepsWhatItHadAndCannotBeChanged() {
        PositionHistory h = new PositionHistory();
        h.append("a");
        h.append("b");
        List<String> view = h.snapshot();
        for (int i = 0; i < 20; i++) { // past the first growth of the array
            h.append("c" + i);
        }
        assertEquals(List.of("a", "b"), view);
        assertEquals(22, h.size());
        assertEquals("c19", h.snapshot().get(21));
        assertThrows(IndexOutOfBoundsException.class, () -> view.get(2));
        assertThrows(UnsupportedOperationException.class, () -> view.add("x"));
        assertThrows(UnsupportedOperationException.class, () -> view.set(0, "x"));
    }

    @Test
    void appendsKeepOpeningOrderAcrossGrowth() {
        PositionHistory h = new PositionHistory();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            h.append("p" + i);
            expected.add("p" + i);
        }
        assertEquals(expected, h.snapshot());
        assertEquals(List.of(), new PositionHistory().snapshot());
    }

    @Test
    void aReaderRacingTheWriterSeesWholePrefixesOnly() throws InterruptedException {
        PositionHistory h = new PositionHistory();
        int n = 300_000;
        AtomicReference<String> problem = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            int last = 0;
            while (last < n && problem.get() == null) {
                List<String> view = h.snapshot();
                int size = view.size();
                if (size < last) {
                    problem.set("a later view is shorter: " + size + " after " + last);
                }
                // the newest element is the one a broken publication would leave unwritten
                if (size > 0 && view.get(size - 1) == null) {
                    problem.set("view of " + size + " has no uuid at " + (size - 1));
                }
                if (size > 0 && !("p" + (size - 1)).equals(view.get(size - 1))) {
                    problem.set("view of " + size + " has " + view.get(size - 1) + " at " + (size - 1));
                }
                last = size;
            }
        });
        reader.start();
        for (int i = 0; i < n; i++) {
            h.append("p" + i);
        }
        reader.join(30_000);
        assertTrue(!reader.isAlive(), "reader did not finish");
        assertNull(problem.get());
        assertEquals(n, h.size());
    }
}
