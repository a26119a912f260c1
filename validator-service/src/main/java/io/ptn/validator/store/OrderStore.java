package io.ptn.validator.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.ptn.validator.Elimination;

/**
 * SQLite-backed state with group commit. One writer thread takes queued commands, applies them to a batch in memory,
 * writes the batch in one transaction, commits (WAL, synchronous=FULL) and only then publishes the batch to readers
 * and completes the callers' futures: nothing is acknowledged before it is durable, and an order and the position
 * it changed are in the same transaction. The SQL, both ways, is {@link StateRows}.
 */
public final class OrderStore implements AutoCloseable {

    /* a plain JBoss logger: this class is also used outside Quarkus (store restart test, benchmark) */
    private static final Logger Log = Logger.getLogger(OrderStore.class);

    private record Pending<R>(StoreCommand<R> command, CompletableFuture<R> future) {
    }

    /**
     * The writer's limits (validator.store.*): {@code walCheckpointPages} is its {@code wal_autocheckpoint}, the commit
     * that crosses it also checkpoints; a commit longer than {@code slowCommit} is logged with its duration, since
     * every order of its batch, and every order queued behind it, waited for it.
     */
    public record Settings(int maxBatch, int queueCapacity, int walCheckpointPages, Duration slowCommit) {

        public Settings {
            if (walCheckpointPages < 1) {
                // 0 would turn checkpoints off: the WAL would grow for as long as the process runs
                throw new IllegalArgumentException("validator.store.wal-checkpoint-pages must be at least 1, got "
                        + walCheckpointPages);
            }
        }
    }

    private final DataSource dataSource;
    private final Runnable migrate;
    private final Path dataDir;
    private final int maxBatch;
    private final int walCheckpointPages;
    private final long slowCommitNs;
    private final BlockingQueue<Pending<?>> queue;
    private final State state = new State();

    private volatile Thread writer;
    private volatile boolean running;
    private volatile boolean ready;
    private final InstantSource clock;
    private volatile long lastProgressMs;
    private volatile long batches;
    private volatile long lastBatchSize;
    private Connection connection;
    private StateRows.Statements statements;
    private final DistributionSummary batchCommands;
    private final Timer writeTime;
    private final Timer commitTime;

    /**
     * {@code registry} gets the group commit's two figures: commands per batch and the time a batch spends in SQLite
     * (rows and commit, which waits for the fsync), the two an order's latency is made of besides its queueing.
     */
    public OrderStore(DataSource dataSource, Runnable migrate, Path dataDir, Settings settings, InstantSource clock,
            MeterRegistry registry) {
        this.clock = clock;
        this.batchCommands = DistributionSummary.builder("validator.store.batch.commands")
                .description("Commands (orders, rounds, corrections) written per group-commit batch")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512).register(registry);
        this.writeTime = Timer.builder("validator.store.batch.write")
                .description("Time a batch spends in SQLite: its rows and the commit, which waits for the fsync")
                .serviceLevelObjectives(Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
                        Duration.ofMillis(2), Duration.ofMillis(4), Duration.ofMillis(8), Duration.ofMillis(16),
                        Duration.ofMillis(32), Duration.ofMillis(64), Duration.ofMillis(128), Duration.ofMillis(256))
                .register(registry);
        this.commitTime = Timer.builder("validator.store.batch.commit")
                .description("The commit alone (WAL write, fsync, and the checkpoint when the WAL crossed its mark): "
                        + "a slow batch with a slow commit is the disk, not the rows")
                .serviceLevelObjectives(Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
                        Duration.ofMillis(2), Duration.ofMillis(4), Duration.ofMillis(8), Duration.ofMillis(16),
                        Duration.ofMillis(32), Duration.ofMillis(64), Duration.ofMillis(128), Duration.ofMillis(256))
                .register(registry);
        this.lastProgressMs = clock.millis();
        this.dataSource = dataSource;
        this.migrate = migrate;
        this.dataDir = dataDir;
        this.maxBatch = settings.maxBatch();
        this.walCheckpointPages = settings.walCheckpointPages();
        this.slowCommitNs = settings.slowCommit().toNanos();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    }

    /** Creates the data directory, migrates the schema, loads the state and starts the writer. */
    public synchronized void start() {
        if (running) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            migrate.run();
            connection = dataSource.getConnection();
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint=" + walCheckpointPages);
            }
            connection.setAutoCommit(false);
            statements = new StateRows.Statements(connection);
            int rebuilt = StateRows.load(connection, statements, state);
            connection.commit();
            if (rebuilt > 0) {
                Log.infof("Store: %d positions stored under the earlier rules rebuilt from their orders", rebuilt);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the store in " + dataDir.toAbsolutePath(), e);
        }
        running = true;
        Thread t = new Thread(this::writeLoop, "store-writer");
        t.setDaemon(true);
        writer = t;
        t.start();
        ready = true;
        Log.infof("Store open in %s: %d orders, %d positions (%d open), %d miners, %d eliminations",
                dataDir.toAbsolutePath(), state.orders.size(), state.positions.size(), state.openIndex.size(),
                state.miners.size(), state.eliminations.size());
    }

    /** Stops taking work, lets the writer finish the queue, closes the connection. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        ready = false;
        running = false;
        Thread t = writer;
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending<?> p;
        while ((p = queue.poll()) != null) {
            p.future().completeExceptionally(new StoreUnavailableException("store closed", null));
        }
        try {
            if (statements != null) {
                statements.close();
            }
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            Log.warn("closing the store connection", e);
        }
        state.clear();
    }

    public <R> CompletableFuture<R> submit(StoreCommand<R> command) {
        CompletableFuture<R> f = new CompletableFuture<>();
        if (!running) {
            f.completeExceptionally(new StoreUnavailableException("store not open", null));
        } else if (!queue.offer(new Pending<>(command, f))) {
            f.completeExceptionally(new StoreUnavailableException("store queue full", null));
        }
        return f;
    }

    /** Committed state for readers. */
    public Ledger ledger() {
        return state;
    }

    public Collection<Elimination> eliminations() {
        return state.allEliminations();
    }

    /** Every miner with a position or a state here (status page). */
    public Set<String> hotkeys() {
        return state.hotkeys();
    }

    /** Committed orders processed at or after {@code sinceMs}, oldest first (fill corrections). */
    public List<StoredOrder> ordersSince(long sinceMs) {
        return state.ordersSince(sinceMs);
    }

    /** The {@code limit} most recently processed orders, newest first (status page). */
    public List<StoredOrder> latestOrders(int limit) {
        return state.latestOrders(limit);
    }

    public boolean isReady() {
        return ready;
    }

    public boolean writerAlive() {
        Thread t = writer;
        return t != null && t.isAlive();
    }

    public long lastProgressMs() {
        return lastProgressMs;
    }

    public int queued() {
        return queue.size();
    }

    public long batches() {
        return batches;
    }

    public long lastBatchSize() {
        return lastBatchSize;
    }

    /**
     * The answer first sent for a committed order, read from the database (the state does not keep it in memory);
     * empty for an order not committed.
     */
    public Optional<String> answer(String orderUuid) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(StateRows.SELECT_ANSWER)) {
            ps.setString(1, orderUuid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the answer of order " + orderUuid, e);
        }
    }

    /** Runs a query on a pooled connection (readiness, PRAGMA checks). */
    public <T> T query(String sql, SqlReader<T> reader) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return reader.read(rs);
        }
    }

    @FunctionalInterface
    public interface SqlReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private void writeLoop() {
        List<Pending<?>> work = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                lastProgressMs = clock.millis();
                Pending<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                work.add(first);
                queue.drainTo(work, maxBatch - 1);
                runBatch(work);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (Throwable t) {
                Log.error("store writer: unexpected failure", t);
                for (Pending<?> p : work) {
                    p.future().completeExceptionally(t);
                }
            } finally {
                work.clear();
            }
        }
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private void runBatch(List<Pending<?>> work) {
        Object[] results = new Object[work.size()];
        Throwable[] failures = new Throwable[work.size()];
        Batch batch = new Batch(state);
        for (int i = 0; i < work.size(); i++) {
            if (failures[i] != null) {
                continue;
            }
            int writes = batch.writes();
            try {
                results[i] = work.get(i).command().apply(batch);
            } catch (RuntimeException e) {
                failures[i] = e;
                if (batch.writes() != writes) {
                    // it left part of its changes (say a position without its order): redo the batch without it
                    batch = new Batch(state);
                    i = -1;
                }
            }
        }
        if (!batch.isEmpty()) {
            long started = System.nanoTime();
            try {
                StateRows.write(statements, batch);
                long committing = System.nanoTime();
                connection.commit();
                long committed = System.nanoTime() - committing;
                commitTime.record(committed, TimeUnit.NANOSECONDS);
                if (committed > slowCommitNs) {
                    Log.warnf("store: a commit took %.1f ms (batch of %d; over validator.store.slow-commit): its "
                            + "orders and those queued behind it waited for the disk", committed / 1e6, work.size());
                }
            } catch (SQLException | RuntimeException e) {
                // a row that cannot be bound fails like one the database refuses: nothing of the batch stays
                Log.error("store: batch of " + work.size() + " not committed", e);
                statements.clearBatches();
                try {
                    connection.rollback();
                } catch (SQLException r) {
                    Log.warn("store: rollback failed", r);
                }
                StoreUnavailableException failure = new StoreUnavailableException("store write failed", e);
                for (Pending<?> p : work) {
                    p.future().completeExceptionally(failure);
                }
                return;
            }
            writeTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            batch.publish();
        }
        batchCommands.record(work.size());
        batches++;
        lastBatchSize = work.size();
        for (int i = 0; i < work.size(); i++) {
            CompletableFuture f = work.get(i).future();
            if (failures[i] != null) {
                f.completeExceptionally(failures[i]);
            } else {
                f.complete(results[i]);
            }
        }
    }

}
