#!/usr/bin/env python3
"""Turns one bench/run.sh result directory into docs/benchmarks.md (standard library only).

Every figure is the median over the run's repetitions with its spread (min-max) beside it, and sits in the same
table as its baseline from the same run. Targets are checked on the medians and reported as met or missed.
"""
import bisect
import glob
import json
import os
import re
import statistics
import sys
import time


def load(path, default=None):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return default


def jsonl(path):
    out = []
    try:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line:
                    try:
                        out.append(json.loads(line))
                    except ValueError:
                        pass
    except OSError:
        pass
    return out


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def spread(values, fmt):
    values = [v for v in values if v is not None]
    if not values:
        return "n/a"
    m = statistics.median(values)
    if len(values) == 1:
        return fmt(m)
    return f"{fmt(m)} ({fmt(min(values))}–{fmt(max(values))})"


def f0(v):
    return f"{v:,.0f}"


def f2(v):
    return f"{v:.2f}"


def f3(v):
    return f"{v:.3f}"


def mb(kb):
    return f"{kb / 1024:.0f} MiB"


def verdict(ok):
    if ok is None:
        return "not measured"
    return "**met**" if ok else "**missed**"


def statuses_sum(runs):
    total = {}
    errors = 0
    unsent = 0
    for r in runs:
        for k, v in r.get("statuses", {}).items():
            total[k] = total.get(k, 0) + v
        errors += r.get("errors", 0)
        unsent += r.get("unsent", 0)
    parts = [f"{k}: {v:,}" for k, v in sorted(total.items())]
    if errors:
        parts.append(f"I/O errors: {errors:,}")
    if unsent:
        parts.append(f"never sent (server too far behind; counted with their wait so far): {unsent:,}")
    return ", ".join(parts) if parts else "none"


def store_metrics(path):
    """validator_store_batch_* and validator_order_fill_seconds lines of /q/metrics as {name+labels: value}."""
    out = {}
    try:
        with open(path) as f:
            for line in f:
                key, _, value = line.strip().rpartition(" ")
                if key:
                    try:
                        out[key] = float(value)
                    except ValueError:
                        pass
    except OSError:
        pass
    return out


def increase(before, after, prefix):
    """How much the metrics starting with prefix (all label sets together) grew between the two snapshots."""
    return sum(v - before.get(k, 0) for k, v in after.items() if k.startswith(prefix))


def bucket_rows(before, after, name):
    """(upper bound, increase of the cumulative count) of each bucket of the histogram `name`, by bound."""
    rows = []
    for key, v in after.items():
        if key.startswith(name + "_bucket{le=\""):
            le = key.split('le="', 1)[1].split('"', 1)[0]
            bound = float("inf") if le == "+Inf" else float(le)
            rows.append((bound, v - before.get(key, 0)))
    return sorted(rows)


def bucket_quantile(before, after, name, q):
    """The q-quantile's upper bucket bound (seconds or count) from the cumulative buckets' increase."""
    rows = bucket_rows(before, after, name)
    if not rows or rows[-1][1] <= 0:
        return None
    total = rows[-1][1]
    for bound, count in rows:
        if count >= q * total:
            return bound
    return None


def bucket_share_above(before, after, name, bound):
    """The share of observations above the bucket bound `bound` (seconds or count), from the buckets' increase."""
    rows = bucket_rows(before, after, name)
    if not rows or rows[-1][1] <= 0:
        return None
    at_most = next((count for b, count in rows if b == bound), 0)
    return (rows[-1][1] - at_most) / rows[-1][1]


def log_end_ms(line):
    """The epoch ms of a Quarkus console log line's timestamp (local time, as the JVM and this script share it)."""
    m = re.match(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) ", line)
    if not m:
        return None
    return time.mktime(time.strptime(m.group(1), "%Y-%m-%d %H:%M:%S")) * 1000 + int(m.group(2))


STALL_EVENT_MS = 5.0  # run.sh starts the measured validator with validator.store.slow-commit=5ms


def stall_attribution(res_dir):
    """Each 10-ms slot of the cache validator's fixed-rate runs (LoadGen --timeline: the worst wait of the orders
    meant to be sent in it) set beside what the validator logged: a commit over 5 ms (the disk), a JVM pause over 5 ms
    (the safepoint log: GC and other VM operations), a risk round running. A slot is charged to the first of those
    whose interval overlaps [slot start, slot end + its worst wait], the time its worst order was waiting."""
    slots = []
    try:
        with open(os.path.join(res_dir, "timeline-orders-cache.txt")) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 4 and parts[1] == "cache":
                    slots.append((int(parts[0]), float(parts[3])))
    except (OSError, ValueError):
        return None
    commits, rounds, pauses = [], [], []
    try:
        with open(os.path.join(res_dir, "validator-cache.log"), errors="replace") as f:
            for line in f:
                m = re.search(r"store: a commit took ([\d.]+) ms", line)
                r = re.search(r"Risk round in (\d+) ms", line)
                if not (m or r):
                    continue
                end = log_end_ms(line)
                if end is None:
                    continue
                if m and float(m.group(1)) > STALL_EVENT_MS:
                    commits.append((end - float(m.group(1)), end))
                if r:
                    rounds.append((end - int(r.group(1)), end))
        with open(os.path.join(res_dir, "safepoints-cache.log"), errors="replace") as f:
            for line in f:
                m = re.match(r"\[(\d+)ms\] Safepoint .*Total: (\d+) ns", line)
                if m and int(m.group(2)) / 1e6 > STALL_EVENT_MS:
                    end = int(m.group(1))
                    pauses.append((end - int(m.group(2)) / 1e6, end))
    except (OSError, ValueError):
        return None
    if not slots or not (commits or pauses):
        return None

    def overlaps(events, a, b):
        # events sorted by start; none of the short ones lasts longer than 10 s
        i = bisect.bisect_left(events, (a - 10_000,))
        while i < len(events) and events[i][0] < b:
            if events[i][1] > a:
                return True
            i += 1
        return False

    commits.sort()
    pauses.sort()
    rounds.sort()
    rows = {}
    for label, floor in (("all", None), ("over 10 ms", 10.0), ("over 50 ms", 50.0)):
        counts = {"disk": 0, "pause": 0, "round": 0, "none": 0}
        n = 0
        for start, worst in slots:
            if floor is not None and worst <= floor:
                continue
            n += 1
            a, b = start, start + 10 + worst
            if overlaps(commits, a, b):
                counts["disk"] += 1
            elif overlaps(pauses, a, b):
                counts["pause"] += 1
            elif any(r0 < b and r1 > a for r0, r1 in rounds):
                counts["round"] += 1
            else:
                counts["none"] += 1
        rows[label] = {"slots": n, **counts}
    starts = sorted(start for start, _ in slots)

    def within(events):
        # events that touch a measured slot [start, start + 10 ms)
        n = 0
        for e0, e1 in events:
            i = bisect.bisect_left(starts, e0 - 10)
            n += i < len(starts) and starts[i] <= e1
        return n

    return {"rows": rows, "commits": within(commits), "pauses": within(pauses), "rounds": len(rounds),
            "seconds": len(slots) / 100}


def profile_section(w, profiles, meta, names, labels, load="the same `wrk -t2 -c32` load"):
    """A table of CPU per request by owner for the profiled runs `names`, and each run's top self frames."""
    runs = [(n, profiles.get(n)) for n in names if profiles.get(n)]
    if not runs:
        return
    interval = meta.get("intervalUs", 0)
    w(f"CPU per request by owner (async-profiler 4.1, `event={meta.get('event', '?')}`, every {interval} µs of CPU, "
      "all threads of the service; a sample is charged to the innermost frame of a known library, kernel frames "
      f"under a JDK socket call to that call). Extra runs under {load}, not the measured ones.")
    w("")
    owners = []
    for _, r in runs:
        for o in r["owners"]:
            if o["name"] not in owners:
                owners.append(o["name"])
    w("| owner | " + " | ".join(f"{labels.get(n, n)} µs/request" for n, _ in runs) + " |")
    w("|---|" + "---|" * len(runs))
    for name in owners:
        cells = []
        for _, r in runs:
            o = next((x for x in r["owners"] if x["name"] == name), None)
            cells.append("–" if o is None or o["perRequest"] is None
                         else f"{o['perRequest'] * interval:.1f} ({o['share'] * 100:.0f} %)")
        w(f"| {name} | " + " | ".join(cells) + " |")
    totals = [sum((o["perRequest"] or 0) for o in r["owners"]) * interval for _, r in runs]
    w("| **total** | " + " | ".join(f"**{t:.1f}**" for t in totals) + " |")
    w("")
    for n, r in runs:
        top = "; ".join(f"`{t['frame']}` {t['share'] * 100:.1f} %" for t in r["top"][:6])
        w(f"- top self frames, {labels.get(n, n)}: {top}")
    w("")


def per_request_us(profiles, meta, name, owner=None):
    r = profiles.get(name)
    if not r:
        return None
    interval = meta.get("intervalUs", 0)
    if owner is None:
        return sum((o["perRequest"] or 0) for o in r["owners"]) * interval
    o = next((x for x in r["owners"] if x["name"] == owner), None)
    return (o["perRequest"] or 0) * interval if o else 0.0


def fixed_answer_table(w, by, paths, summary):
    """Each read beside the same answer written from a constant: the look-up's share and the answer's share."""
    pairs = [("single", "answer"), ("batch", "answers")]
    triv = by.get("trivial", {})
    if not any(by.get(f) for _, f in pairs):
        return
    size = paths.get("bytes", {})
    w(f"Each read beside the same answer written from a constant (`{paths.get('answer', '?')}`, "
      f"`{paths.get('answers', '?')}`: the reads' fields, size and JSON writer, returned as the reads return "
      "theirs, without the look-up), per rep: how much of the distance to trivial is the answer itself.")
    w("")
    w("| read | body bytes (read / fixed) | fixed answer, % of trivial | read, % of its fixed answer "
      "| read, % of trivial |")
    w("|---|---|---|---|---|")
    for read, fixed in pairs:
        r, f = by.get(read, {}), by.get(fixed, {})
        if not (r and f):
            continue
        f_t = [f[k]["rps"] / triv[k]["rps"] * 100 for k in f if k in triv and triv[k]["rps"]]
        r_f = [r[k]["rps"] / f[k]["rps"] * 100 for k in r if k in f and f[k]["rps"]]
        r_t = [r[k]["rps"] / triv[k]["rps"] * 100 for k in r if k in triv and triv[k]["rps"]]
        w(f"| {read} | {size.get(read, '?')} / {size.get(fixed, '?')} | {spread(f_t, f0)} % | {spread(r_f, f0)} % "
          f"| {spread(r_t, f0)} % |")
        if f_t and r_f:
            summary[read + "Fixed"] = {"fixedOfTrivial": med(f_t), "readOfFixed": med(r_f),
                                       "bytes": size.get(read), "fixedBytes": size.get(fixed)}
    w("")


def summary_table(sm, profiles, pmeta):
    """The performance targets, this run's figure for each and, where missed, what the run measured about why."""
    def pct(v):
        return "n/a" if v is None else f"{v:.0f} %"

    def ms(v):
        return "n/a" if v is None else f"{v:.2f} ms"

    triv = per_request_us(profiles, pmeta, "price-trivial")
    single = per_request_us(profiles, pmeta, "price-single")
    batch = per_request_us(profiles, pmeta, "price-batch")
    sock = lambda n: per_request_us(profiles, pmeta, n, "JDK NIO (socket calls)")
    ours = lambda n: per_request_us(profiles, pmeta, n, "our code")
    json_ = lambda n: per_request_us(profiles, pmeta, n, "Jackson (JSON)")
    rows = []
    wc = sm.get("wrkCpu", {})

    def by_cpu(name):
        t, x = wc.get("trivial"), wc.get(name)
        if not (t and x and x.get("bound")):
            return ""
        return (f"the machine was saturated ({x['cores']:.2f} of 2 cores busy), so the ratio is the CPU per request, "
                f"service + wrk, measured in the same runs: {t['server']:.1f} + {t['client']:.1f} µs trivial vs "
                f"{x['server']:.1f} + {x['client']:.1f} µs, {x['bound']:.0f} %; wrk's larger answer alone "
                f"(the service at trivial's cost) would leave {x['clientOnly']:.0f} %; ")

    def done(text):
        return text[:-2] if text.endswith("; ") else text

    def by_fixed(name, path):
        x = sm.get(name + "Fixed")
        if not x:
            return ""
        return (f"the same answer written from a constant ({path}: same fields, {x['fixedBytes']} vs "
                f"{x['bytes']} bytes, same writer, no look-up) reached {x['fixedOfTrivial']:.0f} % of trivial, and "
                f"the read {x['readOfFixed']:.0f} % of it; ")
    limit = by_fixed("single", "`/api/v1/ping/answer`") + by_cpu("single")
    if triv and single:
        limit += (f"profiled, server CPU per answer {single:.1f} µs vs trivial {triv:.1f} µs ({single / triv:.2f}×, so ≤ "
                 f"{triv / single * 100:.0f} % if the server were the only limit); of the {single - triv:.1f} µs more, "
                 f"socket writes/reads {sock('price-single') - sock('price-trivial'):.1f} µs (a 0.4 KB answer vs "
                 f"4 bytes), Jackson {json_('price-single'):.1f} µs, our code {ours('price-single'):.1f} µs")
    r = sm.get("singleRatio")
    rows.append(("single-pair price read, max rate", "≥ 85 % of the trivial endpoint", pct(r),
                 verdict(None if r is None else r >= 85), done(limit)))
    p = sm.get("singleP99")
    rows.append((f"single-pair p99 at half the trivial max rate ({f0(sm['halfRate']) + '/s' if sm.get('halfRate') else '?'})",
                 "≤ 2 ms", ms(p), verdict(None if p is None else p <= 2),
                 f"the trivial endpoint's own p99 at the same rate: {ms(sm.get('trivialP99'))}, so the framework's "
                 f"ceiling misses it too on these 2 cores with the load generator on them"
                 + ("" if sm.get("singleOwnP99") is None else
                    f"; single at half its own max rate ({f0(sm['singleOwnRate'])}/s, the same share of its ceiling as "
                    f"trivial's): {ms(sm['singleOwnP99'])}")))
    b = sm.get("batchRatio")
    limit = by_fixed("batch", "`/api/v1/ping/batch`") + by_cpu("batch")
    if triv and batch:
        limit += (f"profiled, server CPU per batch answer {batch:.1f} µs = {batch / triv:.1f}× trivial; Jackson "
                 f"{json_('price-batch'):.1f} µs, socket calls {sock('price-batch'):.1f} µs, our code "
                 f"{ours('price-batch'):.1f} µs")
    rows.append(("batch of 20 pairs, max rate", "≥ 50 % of the trivial endpoint", pct(b),
                 verdict(None if b is None else b >= 50), done(limit)))
    o = sm.get("orderP99")
    limit = []
    if sm.get("fsync"):
        f = sm["fsync"]
        limit.append(f"fsync of the disk p50 {f['p50']:.2f} ms, p99 {f['p99']:.2f} ms, max {f['max']:.0f} ms"
                     + (f"; {f['over10Ms']:,} of its fsyncs over 10 ms in {f['seconds']:.0f} s, "
                        f"{f['stallShare'] * 100:.2f} % of the time beyond 10 ms (at least that share of orders "
                        f"wait > 10 ms at any rate)" if "stallShare" in f else ""))
    if sm.get("slowBatches") is not None:
        sb = sm["slowBatches"]
        limit.append(f"batches over 16 ms: {sb['write']:,.0f}, commits alone over 16 ms: {sb['commit']:,.0f}")
    if sm.get("writeMeanMs") is not None:
        limit.append(f"a batch in SQLite: mean {sm['writeMeanMs']:.2f} ms"
                     + (f", p99 ≤ {sm['writeP99Ms']:.1f} ms" if sm.get("writeP99Ms") else "")
                     + (f", {sm['writeOver8Ms'] * 100:.2f} % over 8 ms" if sm.get("writeOver8Ms") is not None else "")
                     + f", {sm.get('perBatch', 0):.1f} orders per batch")
    if sm.get("stalls"):
        st = sm["stalls"]["rows"]
        slow, every = st["over 10 ms"], st["all"]
        if slow["slots"]:
            top = st["over 50 ms"]
            pct = lambda r, k: r[k] / r["slots"] * 100 if r["slots"] else 0
            limit.append(f"of the {slow['slots']:,} 10-ms slots whose worst order waited over 10 ms, "
                         f"{pct(slow, 'disk'):.0f} % overlapped a commit over 5 ms, {pct(slow, 'pause'):.0f} % else a "
                         f"JVM pause over 5 ms, {pct(slow, 'round'):.0f} % else only a risk round running, "
                         f"{pct(slow, 'none'):.0f} % nothing (all slots, by chance: {pct(every, 'disk'):.0f} %, "
                         f"{pct(every, 'pause'):.0f} %)"
                         + (f"; of the {top['slots']:,} over 50 ms, {pct(top, 'disk'):.0f} % a slow commit"
                            if top["slots"] else "; none over 50 ms")
                         + " (section 2, \"What held the slow orders\")")
    if sm.get("gc"):
        limit.append(f"GC pauses in those runs: {sm['gc']['pauses']:,.0f}, mean {sm['gc']['meanMs']:.1f} ms")
    if sm.get("gcVariants"):
        limit.append("p99 under other collectors (section 2b): " + ", ".join(
            f"{g['name']} {g['p99']:.0f} ms" for g in sm["gcVariants"]))
    if sm.get("cpu"):
        c = sm["cpu"]
        limit.append(f"CPU in those runs: {c['machine']:.2f} cores busy, the validator {c['validatorCache']:.2f}, "
                     f"the load generator and the rest {c['machine'] - c['validatorCache'] - c['price'] - c['validatorNocache']:.2f}, "
                     f"the price service {c['price']:.2f}")
    if sm.get("rounds"):
        limit.append(f"{len(sm['rounds'])} risk rounds correcting up to {max(sm['rounds']):,} fills each ran "
                     f"during the order runs (each run's p99 is in section 2: the range)")
    rows.append(("durable orders, p99 at 2,000/s with the cache", "≤ 10 ms", ms(o),
                 verdict(None if o is None else o <= 10), "; ".join(limit)))
    h, py = sm.get("http"), sm.get("rpc")
    rows.append(("one price lookup over HTTP vs the replaced Python RPC proxy, 1 client", "clearly faster",
                 "n/a" if not (h and py) else f"{h / py:.2f}× ({f0(h)} vs {f0(py)} calls/s)",
                 verdict(None if not (h and py) else h / py >= 1.2),
                 "" if not (h and py) else
                 f"both are one loopback round trip per call: p50 {ms(sm.get('httpP50'))} vs {ms(sm.get('rpcP50'))}; "
                 "the validator's own lookup is its in-process SSE cache (section 3, JMH)"))
    out = ["## Targets", "", "This run's figure for each target of the performance issue; where one is missed, "
           "what this run measured about the limit (details in the sections below).", "",
           "| figure | target | this run | result | the limit, as measured |", "|---|---|---|---|---|"]
    for row in rows:
        out.append("| " + " | ".join(row) + " |")
    out.append("")
    return out


def main(res_dir, out_path):
    machine = load(os.path.join(res_dir, "machine.json"), None)
    if machine is None:
        print("warning: machine.json missing or unreadable", file=sys.stderr)
        machine = {}
    paths = load(os.path.join(res_dir, "paths.json"), {})
    rates = load(os.path.join(res_dir, "rates.json"), {})
    elapsed = load(os.path.join(res_dir, "elapsed.json"), {})
    profiles = load(os.path.join(res_dir, "profiles.json"), {}) or {}
    pmeta = load(os.path.join(res_dir, "profile-meta.json"), {}) or {}
    summary = {}
    L = []
    w = L.append
    w("# Benchmarks")
    w("")
    w(f"Generated by `./bench/run.sh` on {machine.get('date', '?')} (commit `{machine.get('git', '?')}`, "
      f"run `{os.path.basename(res_dir.rstrip('/'))}`, {elapsed.get('seconds', '?')} s). "
      "Every figure is the **median over the run's repetitions, with min–max in brackets**, and stands beside "
      "its baseline measured in the same run. The machine is shared and small: absolute numbers are noisy, the "
      "ratios to the baselines are what to read.")
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    w(f"| CPU | {machine.get('cpu', '?')}, `nproc` = {machine.get('nproc', '?')} |")
    w(f"| memory (`free -h`) | {machine.get('mem', '?')} |")
    w(f"| kernel | {machine.get('kernel', '?')} |")
    gc_opts = machine.get('validatorGcOpts')
    w(f"| JDK | {machine.get('jdk', '?')} (default ergonomics: {machine.get('jvm', '?')}; the price service runs with "
      f"no JVM flags, the validator with its image's GC flags: `{gc_opts or 'none'}`) |")
    w(f"| tools | {machine.get('wrk', '?')}; {machine.get('python', '?')} |")
    w(f"| load average (1, 5, 15 min) at start / end | {machine.get('load', '?')} / {elapsed.get('loadEnd', '?')} "
      "(other work on the machine competes with the benchmark) |")
    w(f"| repetitions | {machine.get('reps', '?')} × {machine.get('duration', '?')} s measured "
      f"(+{machine.get('warmup', '?')} s warm-up discarded per run; each service first gets "
      f"{machine.get('serviceWarmup', '?')} s of load, discarded) |")
    sections = jsonl(os.path.join(res_dir, "sections.jsonl"))
    if sections:
        w("| load average (1, 5, 15 min) at each section's start | "
          + "; ".join(f"{x['section']}: {x['load']}" for x in sections) + " |")
    w("")
    summary_at = len(L)
    w("Both services ran as JVM jars (`quarkus-run.jar`) on 127.0.0.1, the simulated feed (no API keys), load "
      "generators on the same 2 cores: client and server compete for CPU, which lowers every figure alike.")
    w("")

    # ---------------------------------------------------------------- 1. price reads
    w("## 1. Price reads over HTTP (live-price-service)")
    w("")
    trivial_path = paths.get("trivial", "?")
    w(f"Baseline: the trivial endpoint `{trivial_path}` of the same service (the framework's ceiling). "
      f"Single: `{paths.get('single', '?')}`. Batch: `GET /api/v1/prices?pairs=` with 20 pairs"
      + ("." if paths.get("batchOpen") is None else
         f", {paths['batchOpen']} of them with an open market when the run began (7 crypto pairs are always open, 13 "
         "forex pairs close from Friday 17:00 to Sunday 17:00 New York; a closed pair is answered from its "
         "closure's last REST look-up, `price.selection.closed-market-reuse`)."))
    w("")
    wrk = jsonl(os.path.join(res_dir, "wrk.jsonl"))
    single_ratio_ok = None
    single_ratio = None
    if wrk:
        w("### Max rate (`wrk -t2 -c32`, closed loop)")
        w("")
        w("CPU per request is measured in the same runs: the service's from `/proc/<pid>/stat`, wrk's from "
          "`getrusage` of its process, the machine's busy time from `/proc/stat`. When the 2 cores are busy, the "
          "max rate is the cores over the CPU one request costs, the client's included: the two endpoints' CPU per "
          "request, service + wrk, give their ratio (the column \"from CPU per request\": trivial's over the endpoint's, "
          "per rep). It says which side of the socket the difference is on.")
        w("")
        w("| endpoint | req/s | % of trivial (per-rep ratio) | service CPU µs/request | wrk CPU µs/request "
          "| machine busy (cores) | ratio from CPU per request | non-2xx |")
        w("|---|---|---|---|---|---|---|---|")
        by = {}
        for r in wrk:
            by.setdefault(r["target"], {})[r["rep"]] = r
        triv = by.get("trivial", {})

        def cpu_us(r):
            if not r.get("requests") or not r.get("hz"):
                return None, None
            return (r["serverTicks"] / r["hz"] * 1e6 / r["requests"], r["wrkCpuS"] * 1e6 / r["requests"])

        wrk_cpu = {}
        labels = {"answer": "fixed answer (no look-up)", "answers": "fixed batch of 20 (no look-up)"}
        for t in ("trivial", "single", "batch", "answer", "answers"):
            reps = by.get(t, {})
            if not reps:
                continue
            rps = [r["rps"] for r in reps.values()]
            ratios = [reps[k]["rps"] / triv[k]["rps"] * 100 for k in reps if k in triv and triv[k]["rps"]]
            non2xx = sum(r.get("non2xx", 0) for r in reps.values())
            ratio_s = "100 (baseline)" if t == "trivial" else spread(ratios, f0) + " %"
            server = [cpu_us(r)[0] for r in reps.values() if cpu_us(r)[0] is not None]
            client = [cpu_us(r)[1] for r in reps.values() if cpu_us(r)[1] is not None]
            cores = [r["machineTicks"] / r["hz"] / (r["wallNs"] / 1e9) for r in reps.values()
                     if r.get("hz") and r.get("wallNs")]
            bound = [sum(cpu_us(triv[k])) / sum(cpu_us(reps[k])) * 100 for k in reps
                     if k in triv and cpu_us(reps[k])[0] and cpu_us(triv[k])[0]]
            # the ratio if the service answered this endpoint at the trivial one's CPU cost: wrk's share alone
            client_only = [sum(cpu_us(triv[k])) / (cpu_us(triv[k])[0] + cpu_us(reps[k])[1]) * 100 for k in reps
                           if k in triv and cpu_us(reps[k])[0] and cpu_us(triv[k])[0]]
            if server:
                wrk_cpu[t] = {"server": med(server), "client": med(client), "cores": med(cores),
                              "bound": med(bound) if bound else None,
                              "clientOnly": med(client_only) if client_only else None}
            cell = lambda v, fmt: spread(v, fmt) if v else "–"
            bound_s = "–" if t == "trivial" or not bound else spread(bound, f0) + " %"
            w(f"| {labels.get(t, t)} | {spread(rps, f0)} | {ratio_s} | {cell(server, lambda x: f'{x:.1f}')} "
              f"| {cell(client, lambda x: f'{x:.1f}')} | {cell(cores, lambda x: f'{x:.2f}')} | {bound_s} | {non2xx:,} |")
            if t == "single" and ratios:
                single_ratio_ok = med(ratios) >= 85
                single_ratio = med(ratios)
            if t == "batch" and ratios:
                summary["batchRatio"] = med(ratios)
        if wrk_cpu:
            summary["wrkCpu"] = wrk_cpu
        w("")
        fixed_answer_table(w, by, paths, summary)
    else:
        w("`wrk` was not available: no max-rate figures.")
        w("")
    rate = load(os.path.join(res_dir, "rate-prices.json"), {})
    low = load(os.path.join(res_dir, "rate-prices-low.json"), {})
    own = load(os.path.join(res_dir, "rate-prices-own.json"), {})
    single_p99_ok = None
    single_p99 = None
    if rate.get("runs") or low.get("runs"):
        w(f"### Fixed rate, coordinated-omission-correct (Java client, 16 connections, HdrHistogram)")
        w("")
        w(f"Trivial and single at half the trivial endpoint's median max rate ({rates.get('trivialHalf', '?')}/s, "
          f"the target's rate); batch at half its own max rate ({rates.get('batchHalf', '?')}/s); single at half its "
          f"own max rate ({rates.get('singleHalf', '?')}/s: the same share of its own ceiling as trivial's, so the "
          f"two tails compare at equal utilisation); then trivial and single again at a moderate fixed rate. Latency in ms from each request's *intended* send time (includes "
          "any queueing behind a slow answer and ≤0.1 ms of client timer slack). The load generator runs on the "
          "same 2 cores: at tens of thousands of requests/s it takes a large share of the CPU, which shows in "
          "every tail, the trivial endpoint's included.")
        w("")
        w("| endpoint | rate target | achieved req/s | p50 ms | p99 ms | p99.9 ms | max ms | statuses |")
        w("|---|---|---|---|---|---|---|---|")
        for res, names in ((rate, ("trivial", "single", "batch")), (own, ("single",)), (low, ("trivial", "single"))):
            by = {}
            for r in res.get("runs", []):
                by.setdefault(r["target"], []).append(r)
            for t in names:
                runs = by.get(t, [])
                if not runs:
                    continue
                lat = [r["latency"] for r in runs]
                label = t + (" (baseline)" if t == "trivial" else " (half its own max)" if res is own else "")
                w(f"| {label} | {f0(runs[0]['rateTarget'])}/s "
                  f"| {spread([r['achieved'] for r in runs], f0)} "
                  f"| {spread([x['p50'] for x in lat], f3)} | {spread([x['p99'] for x in lat], f3)} "
                  f"| {spread([x['p999'] for x in lat], f3)} | {spread([x['max'] for x in lat], f2)} "
                  f"| {statuses_sum(runs)} |")
                if t == "single" and res is rate:
                    single_p99 = med([x["p99"] for x in lat])
                    single_p99_ok = single_p99 <= 2.0
                if res is own:
                    summary["singleOwnP99"] = med([x["p99"] for x in lat])
                    summary["singleOwnRate"] = runs[0]["rateTarget"]
                if t == "trivial" and res is rate:
                    summary["trivialP99"] = med([x["p99"] for x in lat])
                    summary["halfRate"] = runs[0]["rateTarget"]
        w("")
    w("| target | result |")
    w("|---|---|")
    w(f"| single-pair reads ≥ 85 % of the trivial endpoint's max rate | {verdict(single_ratio_ok)}"
      f"{'' if single_ratio is None else f' ({single_ratio:.0f} %, median of per-rep ratios)'} |")
    w(f"| single-pair p99 ≤ 2 ms at half the trivial max rate | {verdict(single_p99_ok)}"
      f"{'' if single_p99 is None else f' ({single_p99:.2f} ms)'} |")
    w("")
    summary["singleRatio"] = single_ratio
    summary["singleP99"] = single_p99
    if profiles:
        w("### Where the CPU goes")
        w("")
        profile_section(w, profiles, pmeta, ("price-trivial", "price-single", "price-batch", "price-answer",
                                             "price-answers"),
                        {"price-trivial": "trivial", "price-single": "single", "price-batch": "batch of 20",
                         "price-answer": "fixed answer", "price-answers": "fixed batch"})

    # ---------------------------------------------------------------- 2. order path
    w("## 2. Order path: durable `POST /api/v1/orders` (validator-service)")
    w("")
    cooldown = machine.get("cooldownMs", 10000)
    w(f"Two validators ran side by side against the same price service, each with its own fresh SQLite data dir "
      f"(WAL, `synchronous=FULL`: an order is on disk before its 201): one with the SSE price cache "
      f"(`validator.prices.stream-enabled=true`), one without (`=false`: every order fetches its price over HTTP, "
      f"the baseline). Runs were interleaved (cache rep 1, no-cache rep 1, …). Orders are valid fills: a fresh uuid "
      f"each, leverage 0.01, {machine.get('miners', 0):,} miners (tokens file, bearer tokens) × the 6 tradable "
      f"crypto pairs round-robin, each (miner, pair) alternating LONG/SHORT so positions open and close and no "
      f"position or portfolio nears its leverage cap. The per-(miner, pair) cooldown was "
      f"`validator.orders.cooldown={cooldown}ms` for these runs"
      + (" (production: 10 s; with it, 2,000 valid orders/s on 6 pairs need ~3,400 miners, and the validator's "
         "token check scans every miner — see `MinerTokensBench` in section 6)" if cooldown < 10000 else "")
      + ". Every answer's status is counted; figures count 201s only where marked.")
    w("")
    w("| mode | max orders/s (16 conn., closed loop) | p50 ms | p99 ms | statuses |")
    w("|---|---|---|---|---|")
    orders_max = {}
    for label, name in (("cache", "SSE cache"), ("nocache", "no cache, HTTP per order (baseline)")):
        runs = []
        for fpath in sorted(glob.glob(os.path.join(res_dir, f"orders-closed-{label}-*.json"))):
            runs += (load(fpath, {}) or {}).get("runs", [])
        if not runs:
            w(f"| {name} | not measured | | | |")
            continue
        ok_rates = [r["achieved"] * (r.get("statuses", {}).get("201", 0) / r["count"] if r["count"] else 0)
                    for r in runs]
        orders_max[label] = med(ok_rates)
        w(f"| {name} | {spread(ok_rates, f0)} (201s only) | {spread([r['service']['p50'] for r in runs], f2)} "
          f"| {spread([r['service']['p99'] for r in runs], f2)} | {statuses_sum(runs)} |")
    w("")
    order_rate = machine.get("orderRate", 2000)
    w(f"At a fixed {order_rate:,} orders/s (latency from the intended send time):")
    w("")
    w("| mode | achieved orders/s | p50 ms | p99 ms | p99.9 ms | max ms | statuses |")
    w("|---|---|---|---|---|---|---|")
    order_p99 = {}
    for label, name in (("cache", "SSE cache"), ("nocache", "no cache (baseline)")):
        runs = []
        for fpath in sorted(glob.glob(os.path.join(res_dir, f"orders-rate-{label}-*.json"))):
            runs += (load(fpath, {}) or {}).get("runs", [])
        if not runs:
            w(f"| {name} | not measured | | | | | |")
            continue
        lat = [r["latency"] for r in runs]
        order_p99[label] = med([x["p99"] for x in lat])
        w(f"| {name} | {spread([r['achieved'] for r in runs], f0)} | {spread([x['p50'] for x in lat], f2)} "
          f"| {spread([x['p99'] for x in lat], f2)} | {spread([x['p999'] for x in lat], f2)} "
          f"| {spread([x['max'] for x in lat], f2)} | {statuses_sum(runs)} |")
    w("")
    fs = load(os.path.join(res_dir, "fsync.json"), {}) or {}
    before = store_metrics(os.path.join(res_dir, "store-metrics-before.txt"))
    after = store_metrics(os.path.join(res_dir, "store-metrics-after.txt"))
    batches = after.get("validator_store_batch_commands_count", 0) - before.get("validator_store_batch_commands_count", 0)
    commands = after.get("validator_store_batch_commands_sum", 0) - before.get("validator_store_batch_commands_sum", 0)
    writes = (after.get("validator_store_batch_write_seconds_count", 0)
              - before.get("validator_store_batch_write_seconds_count", 0))
    write_s = (after.get("validator_store_batch_write_seconds_sum", 0)
               - before.get("validator_store_batch_write_seconds_sum", 0))
    gc_pauses = increase(before, after, "jvm_gc_pause_seconds_count")
    gc_s = increase(before, after, "jvm_gc_pause_seconds_sum")
    if gc_pauses:
        summary["gc"] = {"pauses": gc_pauses, "meanMs": gc_s / gc_pauses * 1000, "totalMs": gc_s * 1000}
    cpu = jsonl(os.path.join(res_dir, "cpu-orders-rate-cache.jsonl"))
    if cpu:
        summary["cpu"] = {k: med([c[k] for c in cpu]) for k in ("machine", "validatorCache", "price",
                                                                "validatorNocache")}
    rounds = []
    round_ms = []
    try:
        with open(os.path.join(res_dir, "validator-cache.log"), errors="replace") as f:
            for line in f:
                # "Risk round in 36635 ms: 91650 fills corrected" (faef099 added the duration)
                m = re.search(r"Risk round(?: in (\d+) ms)?: (\d+) fills corrected", line)
                if m:
                    rounds.append(int(m.group(2)))
                    if m.group(1):
                        round_ms.append(int(m.group(1)))
    except (OSError, ValueError):
        pass
    if rounds:
        summary["rounds"] = rounds
    if fs or batches or cpu:
        w("What one durable order waits for, measured in the same run: the disk under the data dirs (a 4 KiB "
          "`pwrite` + `fsync` loop, back to back for as long as the fixed-rate runs measure, before the order runs) and the cache validator's group commit over "
          "its fixed-rate runs (its `/q/metrics` before and after: `validator_store_batch_commands`, "
          "`validator_store_batch_write_seconds`; quantiles are bucket upper bounds).")
        w("")
        w("| figure | value |")
        w("|---|---|")
        if cpu:
            c = summary["cpu"]
            w(f"| CPU during the cache's fixed-rate runs (whole run with the load generator's start, median of "
              f"{len(cpu)}), in cores of {machine.get('nproc', '?')} | machine {c['machine']:.2f}; cache validator "
              f"{c['validatorCache']:.2f}; price service {c['price']:.2f}; idle no-cache validator "
              f"{c['validatorNocache']:.2f}; the rest (load generator, other processes) "
              f"{c['machine'] - c['validatorCache'] - c['price'] - c['validatorNocache']:.2f} |")
        if rounds:
            w(f"| risk rounds in the cache validator's life (every 60 s; each re-checks the fills of the last 5 min, "
              f"PTN's rule) | {len(rounds)} rounds correcting {', '.join(f'{r:,}' for r in rounds)} fills"
              + (f" (each taking {', '.join(f'{t / 1000:.1f}' for t in round_ms)} s)" if round_ms else "")
              + ": the runs they overlap are the slow ends of the ranges above |")
        if gc_pauses:
            g = summary["gc"]
            w(f"| the cache validator's GC pauses over those runs (`jvm_gc_pause_seconds`; {machine.get('jvm', '?')}, "
              f"`{gc_opts or 'no flags'}`) "
              f"| {g['pauses']:,.0f} pauses, mean {g['meanMs']:.1f} ms, {g['totalMs']:,.0f} ms in all: every order "
              f"arriving during one waits it out |")
        if fs:
            if "stallShare" in fs:
                w(f"| fsync of the data dir's disk ({fs['samples']:,} in {fs['seconds']:.0f} s) | p50 {fs['p50']:.2f} "
                  f"ms, p99 {fs['p99']:.2f} ms, p99.9 {fs['p999']:.2f} ms, max {fs['max']:.1f} ms; {fs['over10Ms']:,} "
                  f"over 10 ms, {fs['stallShare'] * 100:.2f} % of the time beyond 10 ms: an order arriving during "
                  f"such a stall waits for it whatever the code does, so this share is a floor under the share of "
                  f"orders over 10 ms |")
            else:
                w(f"| fsync of the data dir's disk | p50 {fs['p50']:.2f} ms, p99 {fs['p99']:.2f} ms, "
                  f"max {fs['max']:.2f} ms |")
            summary["fsync"] = fs
        if batches:
            p99w = bucket_quantile(before, after, "validator_store_batch_write_seconds", 0.99)
            slow = bucket_share_above(before, after, "validator_store_batch_write_seconds", 0.008)
            w(f"| group-commit batches / commands | {batches:,.0f} batches, {commands:,.0f} commands, "
              f"{commands / batches:.1f} commands per batch |")
            if writes:
                over = ("" if slow is None else f"; {slow * 100:.2f} % of batches over 8 ms (a commit that crosses "
                        f"`validator.store.wal-checkpoint-pages` also checkpoints the WAL: docs/operations.md)")
                w(f"| time a batch spends in SQLite (rows + commit) | mean {write_s / writes * 1000:.2f} ms, "
                  f"p99 ≤ {p99w * 1000:.1f} ms{over} |" if p99w is not None else
                  f"| time a batch spends in SQLite (rows + commit) | mean {write_s / writes * 1000:.2f} ms{over} |")
                summary["writeOver8Ms"] = slow
                commit_n = increase(before, after, "validator_store_batch_commit_seconds_count")
                if commit_n:
                    cs = bucket_share_above(before, after, "validator_store_batch_commit_seconds", 0.016)
                    ws = bucket_share_above(before, after, "validator_store_batch_write_seconds", 0.016)
                    p99c = bucket_quantile(before, after, "validator_store_batch_commit_seconds", 0.99)
                    commit_s = increase(before, after, "validator_store_batch_commit_seconds_sum")
                    summary["slowBatches"] = {"write": (ws or 0) * writes, "commit": (cs or 0) * commit_n}
                    w(f"| the commit alone (`validator_store_batch_commit_seconds`: WAL write, fsync, checkpoint) "
                      f"| mean {commit_s / commit_n * 1000:.2f} ms"
                      + (f", p99 ≤ {p99c * 1000:.1f} ms" if p99c is not None else "")
                      + f"; batches over 16 ms: {summary['slowBatches']['write']:,.0f}, of which commits over 16 ms: "
                      f"{summary['slowBatches']['commit']:,.0f} (a slow batch with a slow commit is the disk) |")
                summary["writeMeanMs"] = write_s / writes * 1000
                summary["writeP99Ms"] = None if p99w is None else p99w * 1000
            summary["perBatch"] = commands / batches
        w("")
    stalls = stall_attribution(res_dir)
    if stalls:
        summary["stalls"] = stalls
        w("#### What held the slow orders")
        w("")
        w(f"The cache validator's fixed-rate runs ({stalls['seconds']:.0f} s in 10-ms slots: `LoadGen --timeline`, "
          f"the worst wait of the orders meant to be sent in each slot) set beside what it logged meanwhile: "
          f"{stalls['commits']:,} commits over 5 ms (`validator.store.slow-commit=5ms`: the WAL write and its fsync, "
          f"the disk) and {stalls['pauses']:,} JVM pauses over 5 ms (`-Xlog:safepoint`: GC and other VM operations) "
          f"within those runs, and {stalls['rounds']:,} risk rounds in its life (a round takes most of its 60 s "
          f"here, so most slots fall in one). A slot counts under the first column whose event overlaps "
          f"the time its worst order waited; the row of all slots says how often that happens by chance.")
        w("")
        w("| slots | count | overlap a commit over 5 ms | else a JVM pause over 5 ms | else a risk round running "
          "| none of these |")
        w("|---|---|---|---|---|---|")
        for label, r in stalls["rows"].items():
            n = r["slots"] or 1
            w(f"| {'all' if label == 'all' else 'worst wait ' + label} | {r['slots']:,} "
              + " ".join(f"| {r[k]:,} ({r[k] / n * 100:.0f} %)" for k in ("disk", "pause", "round", "none")) + " |")
        w("")
    variants = jsonl(os.path.join(res_dir, "gc-variants.jsonl"))
    if variants:
        w(f"### The order tail under other collectors (section 2b)")
        w("")
        w(f"The cache validator restarted on its own data (the same state, so the same heap to collect) under each "
          f"variant's JVM flags, given {machine.get('serviceWarmup', '?')} s of closed-loop load, then fixed-rate runs "
          f"at {order_rate:,}/s as above; GC pauses from its `jvm_gc_pause_seconds` before and after those runs. "
          f"`image` is the validator image's flags (those of the runs above), `g1` the JVM's own defaults, "
          f"`parallel` the throughput collector with the image's young generation, `shenandoah` a concurrent "
          f"collector (its pauses are short; its concurrent work takes CPU from the order path instead), all "
          f"measured in the same condition.")
        w("")
        w("| variant (flags) | achieved/s | p50 ms | p99 ms | max ms | GC pauses | mean pause ms | paused ms in all | RSS after |")
        w("|---|---|---|---|---|---|---|---|---|")
        gc_rows = []
        for v in variants:
            runs = []
            for fpath in sorted(glob.glob(os.path.join(res_dir, f"orders-gc-{v['name']}-[0-9]*.json"))):
                runs += (load(fpath, {}) or {}).get("runs", [])
            b = store_metrics(os.path.join(res_dir, f"store-metrics-gc-{v['name']}-before.txt"))
            a = store_metrics(os.path.join(res_dir, f"store-metrics-gc-{v['name']}-after.txt"))
            n = increase(b, a, "jvm_gc_pause_seconds_count")
            t = increase(b, a, "jvm_gc_pause_seconds_sum")
            if not runs:
                w(f"| {v['name']} (`{v['flags'] or 'none'}`) | no result | | | | | | | |")
                continue
            lat = [r["latency"] for r in runs]
            gc_rows.append({"name": v["name"], "p99": med([x["p99"] for x in lat]), "pauses": n,
                            "meanMs": t / n * 1000 if n else None})
            w(f"| {v['name']} (`{v['flags'] or 'none'}`) | {spread([r['achieved'] for r in runs], f0)} "
              f"| {spread([x['p50'] for x in lat], f2)} | {spread([x['p99'] for x in lat], f2)} "
              f"| {spread([x['max'] for x in lat], f2)} | {n:,.0f} | {f2(t / n * 1000) if n else '–'} "
              f"| {t * 1000:,.0f} | {mb(v.get('rssKb') or 0)} |")
        summary["gcVariants"] = gc_rows
        w("")
    if profiles.get("orders"):
        w("### Where the CPU goes (order path, cache on)")
        w("")
        profile_section(w, profiles, pmeta, ("orders",), {"orders": "order"},
                        "the closed-loop order load (16 connections), after the measured runs")
    w("| target (with the cache) | result |")
    w("|---|---|")
    thr = orders_max.get("cache")
    w(f"| ≥ 2,000 accepted orders/s | {verdict(None if thr is None else thr >= 2000)}"
      f"{'' if thr is None else f' ({thr:,.0f}/s)'} |")
    p = order_p99.get("cache")
    summary["orderP99"] = p
    w(f"| p99 ≤ 10 ms at {order_rate:,}/s | {verdict(None if p is None else p <= 10)}"
      f"{'' if p is None else f' ({p:.2f} ms)'} |")
    w("")

    # ---------------------------------------------------------------- 3. replaced design
    w("## 3. One price lookup: this design vs the replaced Python RPC proxy")
    w("")
    w("One client calling back to back, one call per lookup, same run. The Python baseline is "
      "`bench/rpc_baseline.py`: a `multiprocessing.managers.BaseManager` server process holding the latest price "
      "per pair, called through its proxy (`proxy.get_price('BTCUSD')`), as the replaced validator did. The HTTP "
      "lookup is the same question to live-price-service over one keep-alive connection. The cached lookup is the "
      "validator's in-process SSE price cache (JMH, section 6).")
    w("")
    w("| lookup | calls/s (1 client) | p50 ms | p99 ms | p99.9 ms |")
    w("|---|---|---|---|---|")
    py = []
    for fpath in sorted(glob.glob(os.path.join(res_dir, "python-rpc-*.json"))):
        py += (load(fpath, {}) or {}).get("runs", [])
    http = []
    for fpath in sorted(glob.glob(os.path.join(res_dir, "seq-http-*.json"))):
        http += (load(fpath, {}) or {}).get("runs", [])
    if py and http:
        summary["rpc"] = med([r["achieved"] for r in py])
        summary["http"] = med([r["achieved"] for r in http])
        summary["rpcP50"] = med([r["latency"]["p50"] for r in py])
        summary["httpP50"] = med([r["latency"]["p50"] for r in http])
    for name, runs in (("Python `multiprocessing` RPC proxy (replaced design, baseline)", py),
                       ("HTTP `GET /api/v1/prices/BTCUSD` (this design, over the network)", http)):
        if not runs:
            w(f"| {name} | not measured | | | |")
            continue
        lat = [r["latency"] for r in runs]
        w(f"| {name} | {spread([r['achieved'] for r in runs], f0)} | {spread([x['p50'] for x in lat], f3)} "
          f"| {spread([x['p99'] for x in lat], f3)} | {spread([x['p999'] for x in lat], f3)} |")
    jmh = load(os.path.join(res_dir, "jmh.json"), []) or []
    cache_rows = [b for b in jmh if b.get("benchmark", "").endswith("PriceCacheBench.freshLookup")]
    for b in cache_rows:
        raw = [x for fork in b["primaryMetric"].get("rawData", []) for x in fork]
        unit = b["primaryMetric"]["scoreUnit"]
        if unit == "ns/op":
            calls = [1e9 / x for x in raw if x > 0]
            w(f"| validator's in-process SSE cache, `PriceCache.fresh` (JMH, 1 thread; the lookup an order makes with "
              f"the cache on) | {spread(calls, f0)} | {spread([x / 1e6 for x in raw], lambda v: f'{v:.6f}')} "
              f"(mean) | – | – |")
    if not cache_rows:
        w("| validator's in-process cache | see section 6 | | | |")
    w("")

    # ---------------------------------------------------------------- 4. tick to visibility
    w("## 4. Tick to visibility")
    w("")
    sse = load(os.path.join(res_dir, "sse.json"))
    w("For these runs the price service was restarted with a 1 ms tick grid (`price.simulated.ticks-per-second="
      "1000`, `price.pairs.enabled=BTCUSD,ETHUSD`): the default simulated feed stamps ticks with 250 ms grid times and "
      "emits them at a fixed phase after the grid point, which would swamp the pipeline's latency. Latency = receive "
      "time minus the tick's `timestampMs` (same host, same clock, millisecond resolution: 0 means within 1 ms; the "
      "feed's own timer jitter is included).")
    w("")
    w("| path | events | p50 ms | p99 ms | max ms |")
    w("|---|---|---|---|---|")
    if sse:
        lat = sse["latency"]
        w(f"| SSE `/api/v1/prices/stream` (raw client, {sse.get('pairs', '?')} pairs) | {sse['events']:,} "
          f"| {lat['p50']:.0f} | {lat['p99']:.0f} | {lat['max']:.0f} |")
    else:
        w("| SSE stream | not measured | | | |")
    w("| validator's cache | not measured: the validator's stream client is a Quarkus REST client, generated at "
      "build time, which cannot run in the benchmark JVM, and the validator exposes no hook that shows when a tick "
      "lands in its cache | | | |")
    w("")

    # ---------------------------------------------------------------- 5. startup and memory
    w("## 5. Startup and memory (JVM mode)")
    w("")
    w("Ready = wall time from `java -jar` to the first `200` from `/q/health/ready` (polled every 50 ms, so ±50 ms); "
      "Quarkus = the framework's own \"started in\". RSS = `VmRSS` from `/proc/<pid>/status`.")
    w("")
    st = jsonl(os.path.join(res_dir, "startup.jsonl"))
    rss_price = load(os.path.join(res_dir, "rss-price.json"), {})
    rss_val = load(os.path.join(res_dir, "rss-validator.json"), {})
    peak = {"live-price-service": [], "validator-service": []}
    for r in (rate or {}).get("runs", []):
        peak["live-price-service"] += [v for v in r.get("rssPeakKb", {}).values() if v]
    for fpath in glob.glob(os.path.join(res_dir, "orders-*-cache-*.json")):
        for r in (load(fpath, {}) or {}).get("runs", []):
            peak["validator-service"] += [v for v in r.get("rssPeakKb", {}).values() if v]
    w("| service | ready ms | Quarkus started in (s) | RSS at ready | RSS after warm-up (idle) | peak RSS under load |")
    w("|---|---|---|---|---|---|")
    for svc, rss_w in (("live-price-service", rss_price), ("validator-service", rss_val)):
        rows = [r for r in st if r["service"] == svc]
        if not rows:
            w(f"| {svc} | not measured | | | | |")
            continue
        aw = rss_w.get("afterWarmupKb") if rss_w else None
        w(f"| {svc} | {spread([r['readyMs'] for r in rows], f0)} "
          f"| {spread([r.get('quarkusS') for r in rows], f3)} "
          f"| {spread([r['rssReadyKb'] for r in rows], mb)} | {mb(aw) if aw else 'n/a'} "
          f"| {mb(max(peak[svc])) if peak[svc] else 'n/a'} |")
    w("")
    w("Native mode: **no native binary can be built on this machine** (no GraalVM/Mandrel and no container "
      "runtime image: a Docker engine answers, but it holds no Mandrel/GraalVM builder image and image registries are out of reach), so there are no native figures.")
    w("")

    # ---------------------------------------------------------------- 6. JMH
    w("## 6. Microbenchmarks (JMH)")
    w("")
    if jmh:
        w("`-f 1 -wi 2 -w 500ms -i REPS+2 -r 500ms`, one thread; score = median of the measurement iterations (min–max).")
        w("")
        w("| benchmark | params | score | unit |")
        w("|---|---|---|---|")
        for b in jmh:
            raw = [x for fork in b["primaryMetric"].get("rawData", []) for x in fork]
            params = ", ".join(f"{k}={v}" for k, v in (b.get("params") or {}).items()) or "–"
            name = b["benchmark"].replace("io.ptn.bench.jmh.", "")
            w(f"| `{name}` | {params} | {spread(raw, lambda v: f'{v:,.1f}')} | {b['primaryMetric']['scoreUnit']} |")
    else:
        w("JMH was skipped or failed in this run.")
    w("")
    w("## Reproduce")
    w("")
    w("```")
    w("./bench/run.sh            # REPS=5 DURATION=5 WARMUP=2 SERVICE_WARMUP=30 PROFILE=1 by default; SKIP_BUILD=1, SKIP_JMH=1 to shorten")
    w("```")
    w("")
    w("Raw results (JSON, wrk output, service logs) are written to `bench/results/<run id>/` (not committed).")
    w("")
    L[summary_at:summary_at] = summary_table(summary, profiles, pmeta)
    with open(out_path, "w") as f:
        f.write("\n".join(L))
    print(f"wrote {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
