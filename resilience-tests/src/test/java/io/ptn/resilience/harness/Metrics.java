package io.ptn.resilience.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads figures from a Prometheus text exposition (/q/metrics). */
public final class Metrics {

    public record Sample(String name, String labels, double value) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final String raw;

    private Metrics(String text) {
        this.raw = text == null ? "" : text;
        for (String line : raw.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name;
            String labels = "";
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                labels = line.substring(brace + 1, line.lastIndexOf('}'));
            } else {
                name = line.substring(0, line.indexOf(' '));
            }
            String v = line.substring(space + 1).trim();
            try {
                samples.add(new Sample(name, labels, Double.parseDouble(v)));
            } catch (NumberFormatException ignored) {
                // e.g. a timestamp column; not used by the suite
            }
        }
    }

    /** Scrapes /q/metrics; tolerates two slow answers (the machine is shared), fails on the third. */
    public static Metrics scrape(String base) {
        Http.Resp r = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            r = Http.get(base + "/q/metrics", Duration.ofSeconds(10));
            if (r.status() == 200) {
                return new Metrics(r.body());
            }
        }
        throw new IllegalStateException("GET " + base + "/q/metrics -> " + r);
    }

    /** Sum of all samples of that name whose labels satisfy the filter; NaN when there is none. */
    public double sum(String name, Predicate<String> labels) {
        double total = 0;
        boolean any = false;
        for (Sample s : samples) {
            if (s.name().equals(name) && labels.test(s.labels())) {
                total += s.value();
                any = true;
            }
        }
        return any ? total : Double.NaN;
    }

    public double sum(String name) {
        return sum(name, l -> true);
    }

    public List<Sample> matching(Predicate<String> name) {
        return samples.stream().filter(s -> name.test(s.name())).toList();
    }

    public int liveThreads() {
        double v = sum("jvm_threads_live_threads");
        if (Double.isNaN(v)) {
            throw new IllegalStateException("jvm_threads_live_threads not exposed at /q/metrics");
        }
        return (int) v;
    }

    public String raw() { return raw; }
}
