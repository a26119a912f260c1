#!/usr/bin/env python3
"""The replaced design, measured: a price lookup served by multiprocessing.managers.BaseManager and called through
its proxy, one call per lookup, as the Python validator called its live price fetcher.

Standard library only. Two processes, each started by bench/run.sh (this script forks nothing itself):
  rpc_baseline.py serve  --port P            serves a PriceLookup object on 127.0.0.1:P
  rpc_baseline.py client --port P --out F    calls proxy.get_price("BTCUSD") in a loop; per-call latency, calls/s
Every loop is bounded by --duration; only loopback.
"""
import argparse
import json
import random
import sys
import time
from multiprocessing.managers import BaseManager

AUTHKEY = b"ptn-bench"
PAIRS = ["BTCUSD", "ETHUSD", "SOLUSD", "XRPUSD", "DOGEUSD", "ADAUSD", "EURUSD", "GBPUSD", "AUDUSD", "USDCAD"]


class PriceLookup:
    """Holds the latest tick per pair and answers a lookup with the same fields the HTTP answer carries."""

    def __init__(self):
        now = int(time.time() * 1000)
        rnd = random.Random(42)
        self._latest = {
            p: {"source": "simulated_ws", "timespanMs": 0, "open": 100 * rnd.random() + 1, "startMs": now,
                "websocket": True, "bid": 0.0, "ask": 0.0}
            for p in PAIRS
        }

    def get_price(self, pair):
        src = self._latest[pair]
        now = int(time.time() * 1000)
        age = max(0, now - src["startMs"])
        return {"tradePair": pair, "price": src["open"], "timestampMs": src["startMs"], "ageMs": age,
                "stale": age > 30000, "sources": [dict(src, lagMs=age)]}


class Manager(BaseManager):
    pass


def serve(port):
    lookup = PriceLookup()
    Manager.register("PriceLookup", callable=lambda: lookup)
    server = Manager(address=("127.0.0.1", port), authkey=AUTHKEY).get_server()
    print(f"rpc baseline serving on 127.0.0.1:{port}", flush=True)
    server.serve_forever()


def percentile(sorted_ns, q):
    if not sorted_ns:
        return 0.0
    i = min(len(sorted_ns) - 1, max(0, int(round(q / 100.0 * len(sorted_ns) + 0.5)) - 1))
    return sorted_ns[i] / 1e6


def client(port, duration, warmup, reps, out):
    Manager.register("PriceLookup")
    m = Manager(address=("127.0.0.1", port), authkey=AUTHKEY)
    deadline = time.monotonic() + 30
    while True:  # the server process may still be starting; bounded wait
        try:
            m.connect()
            break
        except ConnectionRefusedError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    proxy = m.PriceLookup()
    assert proxy.get_price("BTCUSD")["tradePair"] == "BTCUSD"
    runs = []
    for rep in range(1, reps + 1):
        end_warm = time.perf_counter() + warmup
        while time.perf_counter() < end_warm:
            proxy.get_price("BTCUSD")
        lat = []
        t0 = time.perf_counter_ns()
        end = t0 + int(duration * 1e9)
        now = t0
        while now < end:
            before = now
            proxy.get_price("BTCUSD")
            now = time.perf_counter_ns()
            lat.append(now - before)
        lat.sort()
        run = {"target": "python-rpc-proxy", "rep": rep, "connections": 1, "achieved": len(lat) / duration,
               "count": len(lat), "errors": 0,
               "latency": {"count": len(lat), "p50": percentile(lat, 50), "p90": percentile(lat, 90),
                           "p99": percentile(lat, 99), "p999": percentile(lat, 99.9), "max": lat[-1] / 1e6,
                           "mean": sum(lat) / len(lat) / 1e6}}
        runs.append(run)
        print(f"python rpc rep {rep}: {run['achieved']:.0f} calls/s p50 {run['latency']['p50']:.3f} ms "
              f"p99 {run['latency']['p99']:.3f} ms", file=sys.stderr)
    result = {"mode": "python-rpc", "python": sys.version.split()[0], "runs": runs}
    with open(out, "w") as f:
        json.dump(result, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("role", choices=["serve", "client"])
    ap.add_argument("--port", type=int, default=18090)
    ap.add_argument("--duration", type=float, default=5)
    ap.add_argument("--warmup", type=float, default=1)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--out", default="python-rpc.json")
    a = ap.parse_args()
    if a.role == "serve":
        serve(a.port)
    else:
        client(a.port, a.duration, a.warmup, a.reps, a.out)


if __name__ == "__main__":
    main()
