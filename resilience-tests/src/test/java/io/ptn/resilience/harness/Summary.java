package io.ptn.resilience.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The suite's figures, one row per scenario, rewritten to target/resilience-summary.md after each scenario. */
public final class Summary {

    public static final class Row {
        public final String scenario;
        public int rounds;
        public long worstDetectionMs = -1;
        public long worstRecoveryMs = -1;
        public long acked;
        public long foundAfterRestart = -1;
        public long fiveXx;
        public String result = "RUNNING";
        public final List<String> notes = new ArrayList<>();

        Row(String scenario) {
            this.scenario = scenario;
        }

        public Row note(String n) {
            notes.add(n);
            System.out.println("[" + scenario + "] " + n);
            return this;
        }

        public void detection(long ms) { worstDetectionMs = Math.max(worstDetectionMs, ms); }
        public void recovery(long ms) { worstRecoveryMs = Math.max(worstRecoveryMs, ms); }
    }

    private static final List<Row> ROWS = new ArrayList<>();

    private Summary() {
    }

    public static synchronized Row row(String scenario) {
        Row r = new Row(scenario);
        ROWS.add(r);
        return r;
    }

    public static synchronized String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario | result | rounds | worst detection ms | worst recovery ms | orders acknowledged "
                + "| orders found after restart | 5xx (other than 503) |\n|---|---|---|---|---|---|---|---|\n");
        for (Row r : ROWS) {
            sb.append("| ").append(r.scenario).append(" | ").append(r.result).append(" | ").append(r.rounds)
                    .append(" | ").append(dash(r.worstDetectionMs)).append(" | ").append(dash(r.worstRecoveryMs))
                    .append(" | ").append(r.acked).append(" | ").append(dash(r.foundAfterRestart))
                    .append(" | ").append(r.fiveXx).append(" |\n");
        }
        sb.append("\nNotes:\n");
        for (Row r : ROWS) {
            for (String n : r.notes) {
                sb.append("- ").append(r.scenario, 0, Math.min(2, r.scenario.length())).append(": ").append(n)
                        .append('\n');
            }
        }
        return sb.toString();
    }

    private static String dash(long v) {
        return v < 0 ? "-" : Long.toString(v);
    }

    public static synchronized void write() {
        String t = "# Resilience suite summary\n\nGenerated " + Instant.now() + "\n\n" + table();
        System.out.println("\n" + t);
        try {
            Path dir = Path.of(System.getProperty("resilience.target", "target"));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("resilience-summary.md"), t);
        } catch (IOException e) {
            System.err.println("cannot write summary: " + e);
        }
    }
}
