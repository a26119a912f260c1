#!/usr/bin/env bash
# The one benchmark command: ./bench/run.sh
#
# Builds the services and the benchmarks module (-Pbench), starts both services as jars on loopback ports, measures
# (each figure beside its baseline, same run, several repetitions), writes docs/benchmarks.md and stops every
# process it started. Takes a few minutes on the 2-core machine. Not part of the test suite or .ci/run.
#
# Environment knobs (all optional):
#   REPS=5             repetitions of every measured run (median and min-max reported)
#   DURATION=5         seconds measured per load run (plus WARMUP seconds discarded before each)
#   WARMUP=2
#   SERVICE_WARMUP=30  seconds of load each freshly started service gets (discarded) before its first measured run:
#                      a JVM measured in its first seconds measures the JIT compiler (a validator at 5 s ran ~half
#                      its rate at 40 s)
#   PROFILE=1          async-profiler (Maven Central) on extra, unmeasured runs: price reads and orders; 0 skips it
#   SKIP_BUILD=1       reuse the jars already built
#   SKIP_JMH=1         skip the JMH microbenchmarks
#   SKIP_READS=1       skip sections 1 and 3 (price reads, lookup comparison)
#   PRICE_PORT=28181 VALIDATOR_PORT=28182 VALIDATOR_NOCACHE_PORT=28183 RPC_PORT=28190 (each must be free)
#   TRIVIAL_PATH       the price service's trivial endpoint (default /api/v1/ping if it answers 200, else /q/health/live)
#   MINERS=256         miners in the generated tokens file (a subnet's size)
#   COOLDOWN_MS=0      the validator's per-(miner, pair) cooldown during the order runs in ms (production: 10000; with it,
#                      ~4000 miners are needed for 2,000 valid orders/s on 6 pairs: MINERS=4000 COOLDOWN_MS=10000)
#   ORDER_RATE=2000    fixed order rate (the target) for the order-path latency figures
#   LOW_RATE=5000      an extra, moderate fixed rate for the price-read latency figures
#   PRICE_JAVA_OPTS, VALIDATOR_JAVA_OPTS   extra JVM/-D options for the services (default none)
#   VALIDATOR_GC_OPTS  the validator's GC flags (default: JAVA_GC_OPTS of validator-service/src/main/docker/Dockerfile.jvm,
#                      what the image runs with)
#   GC_VARIANTS="image=<VALIDATOR_GC_OPTS> g1= tenure0=-XX:MaxTenuringThreshold=0 parallel=-XX:+UseParallelGC,-Xmn64m shenandoah=-XX:+UseShenandoahGC"   name=flags (commas between flags)
#                      for section 2b, the order tail with the cache validator restarted under each instead of
#                      VALIDATOR_GC_OPTS (g1= is the JVM's own defaults); empty skips it
#   GC_REPS=3          fixed-rate runs per GC variant
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
REPS=${REPS:-5}
SERVICE_WARMUP=${SERVICE_WARMUP:-30}
PROFILE=${PROFILE:-1}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-2}
PRICE_PORT=${PRICE_PORT:-28181}
VALIDATOR_PORT=${VALIDATOR_PORT:-28182}
VALIDATOR_NOCACHE_PORT=${VALIDATOR_NOCACHE_PORT:-28183}
RPC_PORT=${RPC_PORT:-28190}
MINERS=${MINERS:-256}
COOLDOWN_MS=${COOLDOWN_MS:-0}
ORDER_RATE=${ORDER_RATE:-2000}
LOW_RATE=${LOW_RATE:-5000}
VALIDATOR_GC_OPTS=${VALIDATOR_GC_OPTS-$(sed -n 's/^ENV JAVA_GC_OPTS="\(.*\)"$/\1/p' validator-service/src/main/docker/Dockerfile.jvm)}
GC_VARIANTS=${GC_VARIANTS-image=${VALIDATOR_GC_OPTS// /,} g1= tenure0=-XX:MaxTenuringThreshold=0 parallel=-XX:+UseParallelGC,-Xmn64m shenandoah=-XX:+UseShenandoahGC}
GC_REPS=${GC_REPS:-3}
HOST=127.0.0.1
RUN_ID=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/bench/results/$RUN_ID"
mkdir -p "$OUT"
T0=$(date +%s)
BATCH_PAIRS=BTCUSD,ETHUSD,SOLUSD,XRPUSD,DOGEUSD,ADAUSD,TAOUSD,AUDCAD,AUDCHF,AUDUSD,AUDNZD,CADCHF,EURAUD,EURCAD,EURUSD,EURCHF,EURGBP,EURNZD,GBPUSD,USDCAD

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# ------------------------------------------------------------------ processes we own (stopped by pid on exit)
PIDS=()
stop_pid() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && stop_pid "$pid"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ tools
if ! command -v wrk >/dev/null 2>&1; then
  log "wrk missing: installing the Debian package"
  if [ "$(id -u)" = 0 ]; then (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null 2>&1 || true
  else (sudo -n apt-get update -qq && sudo -n apt-get install -y -qq wrk) >/dev/null 2>&1 || true; fi
fi
command -v python3 >/dev/null || { log "python3 is required"; exit 1; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building services and benchmarks (-Pbench, tests skipped)"
  ./mvnw -B -q -Pbench -DskipTests clean package
fi
PRICE_JAR=live-price-service/target/quarkus-app/quarkus-run.jar
VALIDATOR_JAR=validator-service/target/quarkus-app/quarkus-run.jar
BENCH_CP="benchmarks/target/benchmarks.jar:benchmarks/target/lib/*"
for f in "$PRICE_JAR" "$VALIDATOR_JAR" benchmarks/target/benchmarks.jar; do
  [ -f "$f" ] || { log "missing $f (build failed?)"; exit 1; }
done
loadgen() { timeout 300 java -Xms256m -cp "$BENCH_CP" io.ptn.bench.load.LoadGen "$@"; }

# ------------------------------------------------------------------ machine
if command -v wrk >/dev/null; then WRK_VERSION=$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2 || true); else WRK_VERSION=missing; fi
JDK_VERSION=$(java -version 2>&1 | head -2 | tr '\n' ' ')
CPU_MODEL=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
MEM_DESC=$(free -h | awk '/^Mem:/{print $2" total, "$7" available"}')
GIT_REV=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
NPROC=$(nproc)
JVM_ERGONOMICS=$(java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2=="MaxHeapSize"{h=$4} $2~/^Use(G1|Parallel|Serial|Z|Shenandoah)GC$/ && $4=="true"{g=$2} END{printf "%s, max heap %d MiB", g, h/1048576}')
export JVM_ERGONOMICS SERVICE_WARMUP VALIDATOR_GC_OPTS
export NPROC WRK_VERSION JDK_VERSION CPU_MODEL MEM_DESC GIT_REV REPS DURATION WARMUP MINERS COOLDOWN_MS ORDER_RATE
python3 - "$OUT/machine.json" <<'PY'
import json, os, platform, sys, time
e = os.environ
info = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "nproc": e["NPROC"],
        "cpu": e["CPU_MODEL"], "mem": e["MEM_DESC"], "kernel": platform.system() + " " + platform.release(),
        "jdk": e["JDK_VERSION"].strip(), "wrk": e["WRK_VERSION"], "python": "Python " + platform.python_version(),
        "git": e["GIT_REV"], "load": " ".join(open("/proc/loadavg").read().split()[:3]),
        "reps": int(e["REPS"]), "duration": e["DURATION"], "warmup": e["WARMUP"],
        "jvm": e["JVM_ERGONOMICS"], "validatorGcOpts": e.get("VALIDATOR_GC_OPTS", ""), "serviceWarmup": int(e["SERVICE_WARMUP"]),
        "miners": int(e["MINERS"]), "cooldownMs": int(e["COOLDOWN_MS"]), "orderRate": int(e["ORDER_RATE"])}
json.dump(info, open(sys.argv[1], "w"), indent=1)
PY

# ------------------------------------------------------------------ section marks (load average at each start)
: > "$OUT/sections.jsonl"
section() { echo "{\"section\":\"$1\",\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >> "$OUT/sections.jsonl"; log "$1 (load $(cut -d' ' -f1-3 /proc/loadavg))"; }

# ------------------------------------------------------------------ profiler (async-profiler, attached by jcmd)
AP_LIB=""
PROFILE_SPECS=()
if [ "$PROFILE" = 1 ]; then
  if ./mvnw -B -q -N dependency:copy -Dartifact=tools.profiler:async-profiler:4.1:jar:linux-x64 \
       -DoutputDirectory="$OUT/ap" >/dev/null 2>&1 && (cd "$OUT/ap" && unzip -q -o async-profiler-4.1-linux-x64.jar 'linux-x64/*'); then
    AP_LIB="$OUT/ap/linux-x64/libasyncProfiler.so"
  else
    log "async-profiler unavailable: no profiles in this run"
  fi
fi
AP_EVENT=cpu
AP_INTERVAL_US=500
prof_start() { # pid
  [ -n "$AP_LIB" ] || return 1
  if ! jcmd "$1" JVMTI.agent_load "$AP_LIB" "\"start,event=$AP_EVENT,interval=${AP_INTERVAL_US}us,threads\"" 2>&1 | grep -q 'return code: 0'; then
    AP_EVENT=itimer  # no perf events here (perf_event_paranoid, containers): the timer signal instead
    jcmd "$1" JVMTI.agent_load "$AP_LIB" "\"start,event=$AP_EVENT,interval=${AP_INTERVAL_US}us,threads\"" >/dev/null 2>&1 || return 1
  fi
}
prof_stop() { # pid file
  jcmd "$1" JVMTI.agent_load "$AP_LIB" "\"stop,file=$2,collapsed\"" >/dev/null 2>&1 || true
}

# ------------------------------------------------------------------ service control
now_ms() { date +%s%3N; }
rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

port_busy() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
wait_port_free() { for _ in $(seq 1 100); do port_busy "$1" || return 0; sleep 0.1; done; return 1; }

# start_service NAME PORT JAR LOGFILE [-Dkey=value ...]; sets STARTED_PID, STARTED_READY_MS
start_service() {
  local name=$1 port=$2 jar=$3 logf=$4; shift 4
  local t0 t1 pid
  if port_busy "$port"; then log "port $port is already in use: stop that process or set another port"; return 1; fi
  t0=$(now_ms)
  java -Dquarkus.http.host=$HOST -Dquarkus.http.port="$port" -Dquarkus.shutdown.delay-enabled=false \
       "$@" -jar "$jar" > "$logf" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 1200); do  # 60 s bound
    if curl -fs -o /dev/null "http://$HOST:$port/q/health/ready" 2>/dev/null; then
      t1=$(now_ms)
      STARTED_PID=$pid
      STARTED_READY_MS=$((t1 - t0))
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { log "$name died on start; log tail:"; tail -20 "$logf" >&2; return 1; }
    sleep 0.05
  done
  log "$name not ready within 60 s; log tail:"; tail -20 "$logf" >&2
  return 1
}
quarkus_started_s() { grep -o 'started in [0-9.]*s' "$1" | head -1 | grep -o '[0-9.]*[0-9]' || echo null; }

read -r -a PRICE_OPTS <<< "${PRICE_JAVA_OPTS:-}"
validator_opts() { # data-dir stream-enabled
  echo "${VALIDATOR_GC_OPTS:-} ${VALIDATOR_JAVA_OPTS:-} -Dquarkus.rest-client.live-price.url=http://$HOST:$PRICE_PORT -Dvalidator.data-dir=$1 \
-Dvalidator.miners.tokens-file=$OUT/tokens.txt -Dvalidator.prices.stream-enabled=$2 \
-Dvalidator.orders.cooldown=${COOLDOWN_MS}ms"
}

STARTUP="$OUT/startup.jsonl"
: > "$STARTUP"

# ------------------------------------------------------------------ 5. startup (price service), REPS cold starts
log "startup: live-price-service x$REPS"
for rep in $(seq 1 "$REPS"); do
  start_service price "$PRICE_PORT" "$PRICE_JAR" "$OUT/price-start-$rep.log" "${PRICE_OPTS[@]}"
  sleep 1
  echo "{\"service\":\"live-price-service\",\"rep\":$rep,\"readyMs\":$STARTED_READY_MS,\"quarkusS\":$(quarkus_started_s "$OUT/price-start-$rep.log"),\"rssReadyKb\":$(rss_kb "$STARTED_PID")}" >> "$STARTUP"
  stop_pid "$STARTED_PID"
  wait_port_free "$PRICE_PORT" || true
done

log "starting live-price-service for the load runs"
start_service price "$PRICE_PORT" "$PRICE_JAR" "$OUT/price.log" "${PRICE_OPTS[@]}"
PRICE_PID=$STARTED_PID
echo "{\"service\":\"live-price-service\",\"rep\":$((REPS + 1)),\"readyMs\":$STARTED_READY_MS,\"quarkusS\":$(quarkus_started_s "$OUT/price.log"),\"rssReadyKb\":$(rss_kb "$PRICE_PID")}" >> "$STARTUP"

PRICE_URL="http://$HOST:$PRICE_PORT"
if [ -z "${TRIVIAL_PATH:-}" ]; then
  if curl -fs -o /dev/null "$PRICE_URL/api/v1/ping"; then TRIVIAL_PATH=/api/v1/ping; else TRIVIAL_PATH=/q/health/live; fi
fi
SINGLE_PATH=/api/v1/prices/BTCUSD
BATCH_PATH="/api/v1/prices?pairs=$BATCH_PAIRS"
# the same answers written from constants, without a look-up: what the answer's size and writer cost the framework
ANSWER_PATH=/api/v1/ping/answer
ANSWERS_PATH=/api/v1/ping/batch
SIZES="{"
for t in trivial single batch answer answers; do
  case $t in trivial) p=$TRIVIAL_PATH;; single) p=$SINGLE_PATH;; batch) p=$BATCH_PATH;;
    answer) p=$ANSWER_PATH;; answers) p=$ANSWERS_PATH;; esac
  read -r code bytes < <(curl -s -o "$OUT/sample-$t.json" -w '%{http_code} %{size_download}' "$PRICE_URL$p")
  log "GET $p -> $code, $bytes bytes: $(head -c 160 "$OUT/sample-$t.json")"
  SIZES+="\"$t\":${bytes:-0},"
done
# a closed market's pair is answered from its closure's REST look-up, not the stream: say how many were open
BATCH_OPEN=$(python3 -c 'import json, sys
print(sum(1 for e in json.load(open(sys.argv[1]))["results"] if (e.get("price") or {}).get("marketOpen")))' \
  "$OUT/sample-batch.json" 2>/dev/null || echo null)
log "batch pairs with an open market now: $BATCH_OPEN of 20"
echo "{\"trivial\":\"$TRIVIAL_PATH\",\"single\":\"$SINGLE_PATH\",\"batch\":\"$BATCH_PATH\",\"answer\":\"$ANSWER_PATH\",\"answers\":\"$ANSWERS_PATH\",\"bytes\":${SIZES%,}},\"batchOpen\":$BATCH_OPEN}" > "$OUT/paths.json"

# CPU used, in clock ticks: one process (user + system) and the whole machine (busy time of every core)
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
machine_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

if [ "${SKIP_READS:-0}" != 1 ]; then
# ------------------------------------------------------------------ 1a. max rate with wrk (interleaved reps)
section "price reads: max rate"
WRK="$OUT/wrk.jsonl"
: > "$WRK"
# Each run also records the CPU it used: the price service's (/proc), wrk's own (getrusage of the child) and the
# machine's. On a saturated machine the max rate is the cores over the CPU per request, client included, so the
# two endpoints' CPU per request bound their ratio (report.py).
run_wrk() { # name path rep
  local res rps non2xx requests wrk_cpu t0 m0 p0 t1 m1 p1
  t0=$(date +%s%N); m0=$(machine_ticks); p0=$(proc_ticks "$PRICE_PID")
  res=$(timeout $((DURATION + 20)) python3 -c 'import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], capture_output=True, text=True)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stdout.write(r.stdout + r.stderr)
print("wrk-cpu-seconds %.4f" % (u.ru_utime + u.ru_stime))' wrk -t2 -c32 -d"${DURATION}s" "$PRICE_URL$2" 2>&1 || true)
  t1=$(date +%s%N); m1=$(machine_ticks); p1=$(proc_ticks "$PRICE_PID")
  echo "$res" > "$OUT/wrk-$1-$3.txt"
  rps=$(echo "$res" | awk '/^Requests\/sec:/{print $2}')
  non2xx=$(echo "$res" | awk '/Non-2xx or 3xx responses:/{print $5}')
  requests=$(echo "$res" | awk '/requests in/{print $1}')
  wrk_cpu=$(echo "$res" | awk '/^wrk-cpu-seconds/{print $2}')
  echo "{\"target\":\"$1\",\"rep\":$3,\"rps\":${rps:-0},\"non2xx\":${non2xx:-0},\"requests\":${requests:-0},\"wrkCpuS\":${wrk_cpu:-0},\"serverTicks\":$((p1 - p0)),\"machineTicks\":$((m1 - m0)),\"wallNs\":$((t1 - t0)),\"hz\":$(getconf CLK_TCK)}" >> "$WRK"
  log "wrk $1 rep $3: ${rps:-?} req/s, non-2xx ${non2xx:-0}"
}
if command -v wrk >/dev/null; then
  log "wrk warm-up ($(( (SERVICE_WARMUP + 2) / 3 )) s on each of the five endpoints)"
  for t in trivial single batch answer answers; do
    case $t in trivial) p=$TRIVIAL_PATH;; single) p=$SINGLE_PATH;; batch) p=$BATCH_PATH;;
      answer) p=$ANSWER_PATH;; answers) p=$ANSWERS_PATH;; esac
    timeout $((SERVICE_WARMUP + 30)) wrk -t2 -c32 -d"$(( (SERVICE_WARMUP + 2) / 3 ))s" "$PRICE_URL$p" > /dev/null 2>&1 || true
  done
  sleep 1
  echo "{\"service\":\"live-price-service\",\"afterWarmupKb\":$(rss_kb "$PRICE_PID")}" > "$OUT/rss-price.json"
  for rep in $(seq 1 "$REPS"); do
    run_wrk trivial "$TRIVIAL_PATH" "$rep"
    run_wrk single "$SINGLE_PATH" "$rep"
    run_wrk batch "$BATCH_PATH" "$rep"
    run_wrk answer "$ANSWER_PATH" "$rep"
    run_wrk answers "$ANSWERS_PATH" "$rep"
  done
else
  log "wrk unavailable: max-rate figures skipped"
  echo "{\"service\":\"live-price-service\",\"afterWarmupKb\":$(rss_kb "$PRICE_PID")}" > "$OUT/rss-price.json"
fi

# half of the median max rate (trivial for trivial+single, the batch's own for batch); fallbacks when wrk is missing
half_of() { python3 -c "import json,statistics,sys
v=[json.loads(l)['rps'] for l in open('$WRK') if json.loads(l)['target']=='$1']
print(int(statistics.median(v)/2) if v and statistics.median(v)>0 else $2)"; }
TRIVIAL_HALF=$(half_of trivial 2000)
BATCH_HALF=$(half_of batch 500)
SINGLE_HALF=$(half_of single 1000)
echo "{\"trivialHalf\":$TRIVIAL_HALF,\"batchHalf\":$BATCH_HALF,\"singleHalf\":$SINGLE_HALF}" > "$OUT/rates.json"

# ------------------------------------------------------------------ 1c. where the CPU goes (extra wrk runs, not measured)
if [ -n "$AP_LIB" ] && command -v wrk >/dev/null; then
  section "price reads: profiles"
  for t in trivial single batch answer answers; do
    case $t in trivial) p=$TRIVIAL_PATH;; single) p=$SINGLE_PATH;; batch) p=$BATCH_PATH;;
      answer) p=$ANSWER_PATH;; answers) p=$ANSWERS_PATH;; esac
    if prof_start "$PRICE_PID"; then
      res=$(timeout $((DURATION + 20)) wrk -t2 -c32 -d"${DURATION}s" "$PRICE_URL$p" 2>&1 || true)
      prof_stop "$PRICE_PID" "$OUT/profile-price-$t.collapsed"
      n=$(echo "$res" | awk '/requests in/{print $1}')
      PROFILE_SPECS+=("price-$t=$OUT/profile-price-$t.collapsed:${n:-0}")
    fi
  done
fi

# ------------------------------------------------------------------ 1b. fixed rate, CO-correct latency
section "price reads: fixed rate"
log "constant rate: trivial and single at $TRIVIAL_HALF/s, batch at $BATCH_HALF/s"
loadgen rate --host $HOST --port "$PRICE_PORT" --connections 16 --reps "$REPS" --warmup "$WARMUP" \
  --duration "$DURATION" --rss-pids "$PRICE_PID" --out "$OUT/rate-prices.json" \
  --targets "trivial=$TRIVIAL_PATH@$TRIVIAL_HALF;single=$SINGLE_PATH@$TRIVIAL_HALF;batch=$BATCH_PATH@$BATCH_HALF"

# single at half its own max rate: the same share of its own ceiling as trivial above, so the two tails compare
# at equal utilisation (at trivial's half, single runs nearer its own ceiling)
log "constant rate: single at $SINGLE_HALF/s (half its own max)"
loadgen rate --host $HOST --port "$PRICE_PORT" --connections 16 --reps "$REPS" --warmup "$WARMUP" \
  --duration "$DURATION" --rss-pids "$PRICE_PID" --out "$OUT/rate-prices-own.json" \
  --targets "single=$SINGLE_PATH@$SINGLE_HALF"

# the same at a moderate fixed rate, where the load generator does not compete for most of the CPU
log "constant rate: trivial and single at $LOW_RATE/s"
loadgen rate --host $HOST --port "$PRICE_PORT" --connections 16 --reps "$REPS" --warmup "$WARMUP" \
  --duration "$DURATION" --rss-pids "$PRICE_PID" --out "$OUT/rate-prices-low.json" \
  --targets "trivial=$TRIVIAL_PATH@$LOW_RATE;single=$SINGLE_PATH@$LOW_RATE"

# ------------------------------------------------------------------ 3. lookup per call: HTTP (1 connection) vs Python RPC proxy
section "one lookup per call"
log "one client, back to back: HTTP lookup vs the Python multiprocessing RPC proxy"
python3 bench/rpc_baseline.py serve --port "$RPC_PORT" > "$OUT/rpc-server.log" 2>&1 &
RPC_PID=$!
PIDS+=("$RPC_PID")
for rep in $(seq 1 "$REPS"); do
  loadgen closed --host $HOST --port "$PRICE_PORT" --connections 1 --reps 1 --warmup 1 --duration "$DURATION" \
    --targets "http-lookup=$SINGLE_PATH" --out "$OUT/seq-http-$rep.json"
  timeout $((DURATION * 3 + 40)) python3 bench/rpc_baseline.py client --port "$RPC_PORT" --reps 1 --warmup 1 \
    --duration "$DURATION" --out "$OUT/python-rpc-$rep.json"
done
stop_pid "$RPC_PID"
fi  # SKIP_READS

# ------------------------------------------------------------------ 2. the order path, cache vs no cache
log "tokens for $MINERS miners"
loadgen tokens --count "$MINERS" --tokens-out "$OUT/tokens.txt" --secrets-out "$OUT/secrets.txt"

log "startup: validator-service x$REPS (price service up)"
for rep in $(seq 1 "$REPS"); do
  rm -rf "$OUT/vdata-start"
  # shellcheck disable=SC2046
  start_service validator "$VALIDATOR_PORT" "$VALIDATOR_JAR" "$OUT/validator-start-$rep.log" \
    $(validator_opts "$OUT/vdata-start" true)
  sleep 1
  echo "{\"service\":\"validator-service\",\"rep\":$rep,\"readyMs\":$STARTED_READY_MS,\"quarkusS\":$(quarkus_started_s "$OUT/validator-start-$rep.log"),\"rssReadyKb\":$(rss_kb "$STARTED_PID")}" >> "$STARTUP"
  stop_pid "$STARTED_PID"
  wait_port_free "$VALIDATOR_PORT" || true
done

log "starting the validator with the SSE cache (:$VALIDATOR_PORT) and without (:$VALIDATOR_NOCACHE_PORT)"
# shellcheck disable=SC2046
# The measured validator also logs every commit over 5 ms and every JVM pause (safepoint) with its end time, so each
# slow slot of the fixed-rate runs' timelines can be set beside what held the order path then (report.py).
start_service validator "$VALIDATOR_PORT" "$VALIDATOR_JAR" "$OUT/validator-cache.log" \
  -Dvalidator.store.slow-commit=5ms -Xlog:async "-Xlog:safepoint=info:file=$OUT/safepoints-cache.log:timemillis" \
  $(validator_opts "$OUT/vdata-cache" true)
VCACHE_PID=$STARTED_PID
# shellcheck disable=SC2046
start_service validator-nocache "$VALIDATOR_NOCACHE_PORT" "$VALIDATOR_JAR" "$OUT/validator-nocache.log" \
  $(validator_opts "$OUT/vdata-nocache" false)
VNOCACHE_PID=$STARTED_PID
sleep 2  # let the SSE cache fill

# the disk under the data dirs: what one durable commit costs at least (write 4 KiB + fsync, back to back), for as
# long as the fixed-rate order runs measure: this disk's rare stalls (tens to hundreds of ms, every few seconds) are
# what a p99 sees, and a few hundred samples miss them. stallShare: the share of the probe's time spent in fsyncs
# beyond 10 ms; at least that share of orders arriving at any rate wait more than 10 ms for their commit.
section "orders: fsync latency of the data dir's disk"
python3 - "$OUT/vdata-fsync" "$OUT/fsync.json" "$((REPS * DURATION))" <<'PY'
import json, os, sys, time
path, out, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
os.makedirs(path, exist_ok=True)
fd = os.open(os.path.join(path, "probe"), os.O_WRONLY | os.O_CREAT, 0o600)
block, lat, i = b"x" * 4096, [], 0
start = time.perf_counter_ns()
end = start + int(seconds * 1e9)
while time.perf_counter_ns() < end or i < 600:
    os.pwrite(fd, block, (i % 64) * 4096)
    t = time.perf_counter_ns()
    os.fsync(fd)
    lat.append((time.perf_counter_ns() - t) / 1e6)
    i += 1
wall_ms = (time.perf_counter_ns() - start) / 1e6
os.close(fd)
lat = sorted(lat[100:])
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
json.dump({"samples": len(lat), "seconds": wall_ms / 1000, "p50": q(0.5), "p99": q(0.99), "p999": q(0.999),
           "max": lat[-1], "mean": sum(lat) / len(lat), "over10Ms": sum(1 for x in lat if x > 10),
           "stallShare": sum(x - 10 for x in lat if x > 10) / wall_ms}, open(out, "w"))
PY

section "orders: service warm-up (${SERVICE_WARMUP} s each, discarded)"
loadgen closed --host $HOST --port "$VALIDATOR_PORT" --connections 16 --reps 1 --warmup 0 --duration "$SERVICE_WARMUP" \
  --targets "cache=ORDERS" --secrets "$OUT/secrets.txt" --slot-file "$OUT/slot-cache" --out "$OUT/warmup-cache.json" \
  > /dev/null || log "validator warm-up (cache) failed"
loadgen closed --host $HOST --port "$VALIDATOR_NOCACHE_PORT" --connections 16 --reps 1 --warmup 0 \
  --duration "$SERVICE_WARMUP" --targets "nocache=ORDERS" --secrets "$OUT/secrets.txt" --slot-file "$OUT/slot-nocache" \
  --out "$OUT/warmup-nocache.json" > /dev/null || log "validator warm-up (no cache) failed"

# the validator's group-commit figures (batch size, time in SQLite) over a set of runs: /q/metrics before and after
# CPU used over a run, in cores: each service process and the whole machine (the rest is the load generator and
# whatever else runs); appended to $OUT/cpu-<label>.jsonl
cpu_mark() { echo "$(date +%s%N) $(machine_ticks) $(proc_ticks "$VCACHE_PID") $(proc_ticks "$VNOCACHE_PID") $(proc_ticks "$PRICE_PID")"; }
cpu_record() { # label "before-mark"
  local a b
  read -r -a a <<< "$2"; read -r -a b <<< "$(cpu_mark)"
  python3 -c "import json,os,sys;hz=os.sysconf('SC_CLK_TCK');a=[int(x) for x in sys.argv[2].split()];b=[int(x) for x in sys.argv[3].split()];s=(b[0]-a[0])/1e9
print(json.dumps({'seconds':s,'machine':(b[1]-a[1])/hz/s,'validatorCache':(b[2]-a[2])/hz/s,'validatorNocache':(b[3]-a[3])/hz/s,'price':(b[4]-a[4])/hz/s}))" \
    "$1" "${a[*]}" "${b[*]}" >> "$OUT/cpu-$1.jsonl"
}
store_metrics() { curl -fs "http://$HOST:$VALIDATOR_PORT/q/metrics" | grep -E '^validator_store_batch_|^validator_order_fill_seconds_(count|sum)|^jvm_gc_pause_seconds_(count|sum)' || true; }

orders() { # mode port label pid rep [rate]
  local extra=()
  if [ "$1" = rate ]; then extra=(--rate "$6" --timeline "$OUT/timeline-orders-$3.txt"); fi
  loadgen "$1" --host $HOST --port "$2" --connections 16 --reps 1 --warmup "$WARMUP" --duration "$DURATION" \
    --targets "$3=ORDERS" --secrets "$OUT/secrets.txt" --slot-file "$OUT/slot-$3" --rss-pids "$4" \
    --out "$OUT/orders-$1-$3-$5.json" "${extra[@]}" || log "orders $1 $3 rep $5 failed"
}
section "orders: max rate"
for rep in $(seq 1 "$REPS"); do
  orders closed "$VALIDATOR_PORT" cache "$VCACHE_PID" "$rep"
  orders closed "$VALIDATOR_NOCACHE_PORT" nocache "$VNOCACHE_PID" "$rep"
  if [ "$rep" = 1 ]; then
    echo "{\"service\":\"validator-service\",\"afterWarmupKb\":$(rss_kb "$VCACHE_PID")}" > "$OUT/rss-validator.json"
  fi
done
section "orders: fixed rate"
store_metrics > "$OUT/store-metrics-before.txt"
for rep in $(seq 1 "$REPS"); do
  mark=$(cpu_mark)
  orders rate "$VALIDATOR_PORT" cache "$VCACHE_PID" "$rep" "$ORDER_RATE"
  cpu_record orders-rate-cache "$mark"
  orders rate "$VALIDATOR_NOCACHE_PORT" nocache "$VNOCACHE_PID" "$rep" "$ORDER_RATE"
done
store_metrics > "$OUT/store-metrics-after.txt"

if [ -n "$AP_LIB" ]; then
  section "orders: profile (an extra closed-loop run, not measured)"
  if prof_start "$VCACHE_PID"; then
    # no warm-up inside the run: every request the profile saw is counted
    loadgen closed --host $HOST --port "$VALIDATOR_PORT" --connections 16 --reps 1 --warmup 0 --duration "$DURATION" \
      --targets "cache=ORDERS" --secrets "$OUT/secrets.txt" --slot-file "$OUT/slot-cache" \
      --out "$OUT/profile-orders-run.json" > /dev/null || log "profiled order run failed"
    prof_stop "$VCACHE_PID" "$OUT/profile-orders.collapsed"
    n=$(python3 -c "import json;print(sum(r['count'] for r in json.load(open('$OUT/profile-orders-run.json'))['runs']))" 2>/dev/null || echo 0)
    PROFILE_SPECS+=("orders=$OUT/profile-orders.collapsed:$n")
  fi
fi
# ------------------------------------------------------------------ 2b. the order tail under other collectors
# The cache validator restarted on its own data (the same state, so the same heap to collect) with each variant's JVM
# flags, warmed, then GC_REPS fixed-rate runs; its GC pauses from /q/metrics before and after.
if [ -n "$GC_VARIANTS" ]; then
  section "orders: GC variants"
  for variant in $GC_VARIANTS; do
    name=${variant%%=*}; flags=${variant#*=}; flags=${flags//,/ }
    stop_pid "$VCACHE_PID"
    wait_port_free "$VALIDATOR_PORT" || true
    # shellcheck disable=SC2046,SC2086
    if ! start_service "validator-$name" "$VALIDATOR_PORT" "$VALIDATOR_JAR" "$OUT/validator-gc-$name.log" \
        $(VALIDATOR_GC_OPTS="$flags" validator_opts "$OUT/vdata-cache" true); then
      log "GC variant $name did not start"; continue
    fi
    VCACHE_PID=$STARTED_PID
    sleep 2
    loadgen closed --host $HOST --port "$VALIDATOR_PORT" --connections 16 --reps 1 --warmup 0 --duration "$SERVICE_WARMUP" \
      --targets "cache=ORDERS" --secrets "$OUT/secrets.txt" --slot-file "$OUT/slot-cache" \
      --out "$OUT/warmup-gc-$name.json" > /dev/null || log "warm-up of GC variant $name failed"
    store_metrics > "$OUT/store-metrics-gc-$name-before.txt"
    for rep in $(seq 1 "$GC_REPS"); do
      loadgen rate --host $HOST --port "$VALIDATOR_PORT" --connections 16 --reps 1 --warmup "$WARMUP" \
        --duration "$DURATION" --targets "gc-$name=ORDERS" --secrets "$OUT/secrets.txt" --slot-file "$OUT/slot-cache" \
        --rss-pids "$VCACHE_PID" --rate "$ORDER_RATE" --out "$OUT/orders-gc-$name-$rep.json" \
        || log "GC variant $name rep $rep failed"
    done
    store_metrics > "$OUT/store-metrics-gc-$name-after.txt"
    echo "{\"name\":\"$name\",\"flags\":\"$flags\",\"rssKb\":$(rss_kb "$VCACHE_PID")}" >> "$OUT/gc-variants.jsonl"
  done
fi
stop_pid "$VCACHE_PID"
stop_pid "$VNOCACHE_PID"
stop_pid "$PRICE_PID"
wait_port_free "$PRICE_PORT" || true

# ------------------------------------------------------------------ 4. tick to visibility: the SSE stream
section "tick to visibility"
# The simulated feed stamps ticks with grid times (250 ms grid at 4 ticks/s) and emits them at a fixed phase after
# the grid point, so receive - timestampMs would mostly measure that phase. A price service with a 1 ms grid
# (1000 ticks/s, 2 pairs) makes timestampMs the moment the tick enters the service, to within 1 ms.
log "tick to visibility: price service with a 1 ms tick grid (BTCUSD, ETHUSD)"
start_service price-fine "$PRICE_PORT" "$PRICE_JAR" "$OUT/price-fine.log" "${PRICE_OPTS[@]}" \
  -Dprice.simulated.ticks-per-second=1000 -Dprice.pairs.enabled=BTCUSD,ETHUSD
FINE_PID=$STARTED_PID
sleep 1
loadgen sse --host $HOST --port "$PRICE_PORT" --path "/api/v1/prices/stream?pairs=BTCUSD,ETHUSD" --warmup 2 \
  --duration $((DURATION * 2)) --out "$OUT/sse.json" || log "SSE measurement failed"
stop_pid "$FINE_PID"

# ------------------------------------------------------------------ 6. JMH (services stopped: the CPU is the benchmark's)
if [ "${SKIP_JMH:-0}" != 1 ]; then
  section "JMH microbenchmarks"
  timeout 600 java -cp "$BENCH_CP" org.openjdk.jmh.Main -f 1 -wi 2 -w 500ms -i "$((REPS + 2))" -r 500ms \
    -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.txt" 2>&1 || log "JMH failed; see $OUT/jmh.txt"
fi

T1=$(date +%s)
echo "{\"seconds\":$((T1 - T0)),\"loadEnd\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" > "$OUT/elapsed.json"
if [ "${#PROFILE_SPECS[@]}" -gt 0 ]; then
  echo "{\"event\":\"$AP_EVENT\",\"intervalUs\":$AP_INTERVAL_US}" > "$OUT/profile-meta.json"
  python3 bench/profile.py "$OUT/profiles.json" "${PROFILE_SPECS[@]}" || log "profile summary failed"
fi
python3 bench/report.py "$OUT" docs/benchmarks.md
log "done in $((T1 - T0)) s: docs/benchmarks.md (raw results in $OUT)"
