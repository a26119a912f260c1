#!/usr/bin/env python3
"""Summarises async-profiler collapsed stacks (one file per profiled run) for docs/benchmarks.md.

  python3 bench/profile.py OUT.json NAME=FILE:REQUESTS [NAME=FILE:REQUESTS ...]

For each run: samples per request by thread group and by the innermost frame of a known package (where the CPU
goes, per request, so two runs of different rates compare), and the top self frames. Standard library only.
"""
import collections
import json
import re
import sys

# innermost frame of one of these (first match walking from the leaf) names a sample's owner
PACKAGES = [
    ("our code", ("io/ptn/",)),
    ("Jackson (JSON)", ("com/fasterxml/jackson/",)),
    ("SQLite (JDBC + native)", ("org/sqlite/", "libsqlitejdbc")),
    ("Quarkus REST (RESTEasy Reactive)", ("org/jboss/resteasy/reactive/", "io/quarkus/resteasy/reactive/")),
    ("Quarkus security", ("io/quarkus/security/", "io/quarkus/vertx/http/runtime/security/")),
    ("Hibernate Validator", ("org/hibernate/validator/",)),
    ("SmallRye Fault Tolerance", ("io/smallrye/faulttolerance/",)),
    ("Micrometer", ("io/micrometer/",)),
    ("Mutiny", ("io/smallrye/mutiny/",)),
    ("ArC (CDI)", ("io/quarkus/arc/",)),
    ("Vert.x", ("io/vertx/", "io/quarkus/vertx/")),
    ("Netty", ("io/netty/",)),
    ("JDK NIO (socket calls)", ("sun/nio/",)),
    ("JDK (java.*, jdk.*)", ("java/", "jdk/", "sun/")),
]


def thread_group(name):
    name = name.strip("[]")
    name = re.sub(r" tid=\d+$", "", name)
    if "Compiler" in name:
        return "JIT compiler"
    if name.startswith(("GC ", "G1 ", "VM ")) or "GC" in name.split(" ")[0]:
        return "GC and VM"
    return re.sub(r"[-#]?\d+$", "", name)


def owner(frames):
    for f in reversed(frames):
        for label, prefixes in PACKAGES:
            if any(f.startswith(p) or p in f for p in prefixes):
                return label
    leaf = frames[-1] if frames else "?"
    return "kernel" if leaf.endswith("_[k]") else "native / JVM"


def summarise(path, requests):
    threads = collections.Counter()
    owners = collections.Counter()
    leaves = collections.Counter()
    total = 0
    with open(path) as f:
        for line in f:
            stack, _, n = line.rstrip("\n").rpartition(" ")
            if not stack:
                continue
            n = int(n)
            frames = stack.split(";")
            total += n
            group = thread_group(frames[0]) if frames[0].startswith("[") else "?"
            threads[group] += n
            body = frames[1:] if frames[0].startswith("[") else frames
            if group in ("JIT compiler", "GC and VM"):
                owners[group] += n
            else:
                owners[owner(body)] += n
            leaves[body[-1] if body else "?"] += n
    per = (lambda v: v / requests) if requests else (lambda v: None)
    return {
        "samples": total,
        "requests": requests,
        "threads": [{"name": k, "share": v / total, "perRequest": per(v)} for k, v in threads.most_common(8)],
        "owners": [{"name": k, "share": v / total, "perRequest": per(v)} for k, v in owners.most_common()],
        "top": [{"frame": k[:140], "share": v / total} for k, v in leaves.most_common(10)],
    }


def main(out, specs):
    result = {}
    for spec in specs:
        name, _, rest = spec.partition("=")
        path, _, reqs = rest.rpartition(":")
        try:
            result[name] = summarise(path, float(reqs or 0))
        except (OSError, ValueError) as e:
            print(f"profile {name}: {e}", file=sys.stderr)
    with open(out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
