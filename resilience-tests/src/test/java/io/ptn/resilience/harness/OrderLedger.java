package io.ptn.resilience.harness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Every order the suite sent and what came back, across all scenarios (positions persist across them). */
public final class OrderLedger {

    public record Attempt(String scenario, String uuid, Miner miner, String pair, String type, double leverage,
                          String body, Http.Resp resp) {
        public int status() { return resp.status(); }
    }

    private final ConcurrentLinkedQueue<Attempt> all = new ConcurrentLinkedQueue<>();
    private final Map<String, Attempt> acked = new ConcurrentHashMap<>();
    private final Map<String, Attempt> unanswered = new ConcurrentHashMap<>();
    private final Map<String, Attempt> sent = new ConcurrentHashMap<>();

    public void record(Attempt a) {
        all.add(a);
        sent.put(a.uuid(), a);
        if (a.status() == 201) {
            acked.put(a.uuid(), a);
            unanswered.remove(a.uuid());
        } else if (!a.resp().answered()) {
            unanswered.put(a.uuid(), a);
        }
    }

    public Collection<Attempt> acked() { return acked.values(); }
    public Collection<Attempt> unanswered() { return unanswered.values(); }
    public boolean wasSent(String uuid) { return sent.containsKey(uuid); }
    public Attempt sent(String uuid) { return sent.get(uuid); }

    public List<Attempt> of(String scenario) {
        List<Attempt> out = new ArrayList<>();
        for (Attempt a : all) {
            if (a.scenario().equals(scenario)) {
                out.add(a);
            }
        }
        return out;
    }
}
