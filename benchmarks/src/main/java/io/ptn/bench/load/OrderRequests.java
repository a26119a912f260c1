package io.ptn.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Valid fills: a fresh order uuid per request at the smallest crypto leverage, (miner, pair) chosen round-robin over
 * {@code miners x pairs} slots, and each slot's visits alternating LONG, SHORT, LONG, ... so a position opens and
 * closes again: net leverage stays within [0, 0.01], far from the per-position maximum and the 10x portfolio cap,
 * however long the run. The same (miner, pair) comes back only every {@code miners x pairs} orders (the cooldown is
 * the caller's concern: enough miners, or a shorter cooldown configured). The slot counter is carried between runs
 * in a file so repetitions against the same validator continue the alternation.
 */
final class OrderRequests implements RequestSource {

    private final String hostHeader;
    private final String path;
    private final List<String[]> miners; // {hotkey, token}
    private final String[] pairs;
    private final String leverage;
    private final AtomicLong slot;
    private final Path slotFile;

    OrderRequests(String hostHeader, String path, Path secrets, String[] pairs, String leverage, Path slotFile)
            throws IOException {
        this.hostHeader = hostHeader;
        this.path = path;
        this.pairs = pairs;
        this.leverage = leverage;
        this.slotFile = slotFile;
        List<String[]> list = new ArrayList<>();
        for (String line : Files.readAllLines(secrets, StandardCharsets.UTF_8)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) {
                list.add(parts);
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no miners in " + secrets);
        }
        this.miners = list;
        long start = 0;
        if (slotFile != null && Files.exists(slotFile)) {
            start = Long.parseLong(Files.readString(slotFile).trim());
        }
        this.slot = new AtomicLong(start);
    }

    @Override
    public byte[] next() {
        long s = slot.getAndIncrement();
        String pair = pairs[(int) (s % pairs.length)];
        String[] miner = miners.get((int) ((s / pairs.length) % miners.size()));
        String type = (s / ((long) pairs.length * miners.size())) % 2 == 0 ? "LONG" : "SHORT";
        ThreadLocalRandom r = ThreadLocalRandom.current();
        // version-4 uuid without SecureRandom's cost
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        String body = "{\"orderUuid\":\"" + new UUID(msb, lsb) + "\",\"minerHotkey\":\"" + miner[0]
                + "\",\"tradePair\":\"" + pair + "\",\"orderType\":\"" + type + "\",\"leverage\":" + leverage + "}";
        return HttpConnection.post(hostHeader, path, miner[1], body);
    }

    void saveSlot() throws IOException {
        if (slotFile != null) {
            Files.writeString(slotFile, Long.toString(slot.get()));
        }
    }

    int slots() {
        return miners.size() * pairs.length;
    }
}
