package io.ptn.validator.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.ptn.domain.TradePair;

/**
 * Not a test: durable orders/s and per-order latency (submit to commit acknowledged) of the group-commit store,
 * with {@code args[0]} concurrent submitters (default 32) for {@code args[1]} seconds (default 15).
 */
public final class StoreBench {

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path dir = Files.createTempDirectory("store-bench-");
        OrderStore store = StoreTestSupport.open(dir);
        TradePair[] pairs = { TradePair.BTCUSD, TradePair.ETHUSD, TradePair.SOLUSD, TradePair.XRPUSD };
        long[][] lat = new long[clients][4_000_000 / clients];
        AtomicInteger[] counts = new AtomicInteger[clients];
        long warmupEnd = System.nanoTime() + 3_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int id = c;
            counts[c] = new AtomicInteger();
            Thread t = new Thread(() -> {
                int i = 0;
                try {
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 > end) {
                            break;
                        }
                        store.submit(StoreTestSupport.longOrder("m" + (i % 500) + "-" + id, pairs[i & 3], 0.01, 100)).get(); // the crypto minimum
                        long t1 = System.nanoTime();
                        if (t0 > warmupEnd && counts[id].get() < lat[id].length) {
                            lat[id][counts[id].getAndIncrement()] = t1 - t0;
                        }
                        i++;
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        done.await();
        int n = Arrays.stream(counts).mapToInt(AtomicInteger::get).sum();
        long[] all = new long[n];
        int k = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(lat[c], 0, all, k, counts[c].get());
            k += counts[c].get();
        }
        Arrays.sort(all);
        System.out.printf("clients=%d: %d durable orders in %d s = %.0f orders/s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; batches %d%n",
                clients, n, seconds, n / (double) seconds, all[n / 2] / 1e6, all[(int) (n * 0.99)] / 1e6, all[n - 1] / 1e6,
                store.batches());
        store.close();
    }
}
