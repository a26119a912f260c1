package io.ptn.validator.store;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * One miner's position uuids in opening order: appended by the store's writer alone, read by any thread without a
 * lock. Appending costs the same at any length. The copy-on-write list it replaces copied the miner's whole history
 * twice for every new position, which made each new position cost O(history) in time and garbage, on the writer,
 * inside the order's latency.
 * <p>
 * An element at an index below a published size is never written again; growing copies into a new array, so a
 * reader holding an older view still reads the same elements. The volatile write of the view publishes the element
 * written before it.
 */
final class PositionHistory {

    private volatile View view = new View(new String[8], 0);

    /** Writer only. */
    void append(String positionUuid) {
        View v = view;
        String[] items = v.items;
        if (v.size == items.length) {
            items = Arrays.copyOf(items, items.length * 2);
        }
        items[v.size] = positionUuid;
        view = new View(items, v.size + 1);
    }

    int size() {
        return view.size;
    }

    /** The uuids appended so far, unmodifiable; later appends do not show in it. */
    List<String> snapshot() {
        return view;
    }

    private static final class View extends AbstractList<String> implements RandomAccess {
        private final String[] items;
        private final int size;

        View(String[] items, int size) {
            this.items = items;
            this.size = size;
        }

        @Override
        public String get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("index " + index + ", size " + size);
            }
            return items[index];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
