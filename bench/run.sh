#!/usr/bin/env bash
# The one benchmark command: ./bench/run.sh
#
# Builds the services and the benchmarks module (-Pbench), starts both services as jars on loopback ports, measures
# (each figure beside its baseline, same run, several repetitions), writes docs/benchmarks.md and stops every
# process it started. Takes a few minutes on the 2-core machine. Not part of the test suite or .ci/run.
#
# Environment knobs (all optional):
#   REPS=3             repetitions of every measured run (median and min-max reported)
#   DURATION=5         seconds measured per load run (plus WARMUP seconds discarded before each)
#   WARMUP=2
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
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
REPS=${REPS:-3}
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
export NPROC WRK_VERSION JDK_VERSION CPU_MODEL MEM_DESC GIT_REV REPS DURATION WARMUP MINERS COOLDOWN_MS ORDER_RATE
python3 - "$OUT/machine.json" <<'PY'
import json, os, platform, sys, time
e = os.environ
info = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "nproc": e["NPROC"],
        "cpu": e["CPU_MODEL"], "mem": e["MEM_DESC"], "kernel": platform.system() + " " + platform.release(),
        "jdk": e["JDK_VERSION"].strip(), "wrk": e["WRK_VERSION"], "python": "Python " + platform.python_version(),
        "git": e["GIT_REV"], "load": " ".join(open("/proc/loadavg").read().split()[:3]),
        "reps": int(e["REPS"]), "duration": e["DURATION"], "warmup": e["WARMUP"],
        "miners": int(e["MINERS"]), "cooldownMs": int(e["COOLDOWN_MS"]), "orderRate": int(e["ORDER_RATE"])}
json.dump(info, open(sys.argv[1], "w"), indent=1)
PY

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
  echo "${VALIDATOR_JAVA_OPTS:-} -Dquarkus.rest-client.live-price.url=http://$HOST:$PRICE_PORT -Dvalidator.data-dir=$1 \
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
for p in "$TRIVIAL_PATH" "$SINGLE_PATH" "$BATCH_PATH"; do
  code=$(curl -s -o "$OUT/sample.json" -w '%{http_code}' "$PRICE_URL$p")
  log "GET $p -> $code $(head -c 160 "$OUT/sample.json")"
done
echo "{\"trivial\":\"$TRIVIAL_PATH\",\"single\":\"$SINGLE_PATH\",\"batch\":\"$BATCH_PATH\"}" > "$OUT/paths.json"

if [ "${SKIP_READS:-0}" != 1 ]; then
# ------------------------------------------------------------------ 1a. max rate with wrk (interleaved reps)
WRK="$OUT/wrk.jsonl"
: > "$WRK"
run_wrk() { # name path rep
  local res rps non2xx
  res=$(timeout $((DURATION + 20)) wrk -t2 -c32 -d"${DURATION}s" "$PRICE_URL$2" 2>&1 || true)
  echo "$res" > "$OUT/wrk-$1-$3.txt"
  rps=$(echo "$res" | awk '/^Requests\/sec:/{print $2}')
  non2xx=$(echo "$res" | awk '/Non-2xx or 3xx responses:/{print $5}')
  echo "{\"target\":\"$1\",\"rep\":$3,\"rps\":${rps:-0},\"non2xx\":${non2xx:-0}}" >> "$WRK"
  log "wrk $1 rep $3: ${rps:-?} req/s, non-2xx ${non2xx:-0}"
}
if command -v wrk >/dev/null; then
  log "wrk warm-up"
  for t in trivial single batch; do
    case $t in trivial) p=$TRIVIAL_PATH;; single) p=$SINGLE_PATH;; batch) p=$BATCH_PATH;; esac
    timeout 30 wrk -t2 -c32 -d"${WARMUP}s" "$PRICE_URL$p" > /dev/null 2>&1 || true
  done
  sleep 1
  echo "{\"service\":\"live-price-service\",\"afterWarmupKb\":$(rss_kb "$PRICE_PID")}" > "$OUT/rss-price.json"
  for rep in $(seq 1 "$REPS"); do
    run_wrk trivial "$TRIVIAL_PATH" "$rep"
    run_wrk single "$SINGLE_PATH" "$rep"
    run_wrk batch "$BATCH_PATH" "$rep"
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
echo "{\"trivialHalf\":$TRIVIAL_HALF,\"batchHalf\":$BATCH_HALF}" > "$OUT/rates.json"

# ------------------------------------------------------------------ 1b. fixed rate, CO-correct latency
log "constant rate: trivial and single at $TRIVIAL_HALF/s, batch at $BATCH_HALF/s"
loadgen rate --host $HOST --port "$PRICE_PORT" --connections 16 --reps "$REPS" --warmup "$WARMUP" \
  --duration "$DURATION" --rss-pids "$PRICE_PID" --out "$OUT/rate-prices.json" \
  --targets "trivial=$TRIVIAL_PATH@$TRIVIAL_HALF;single=$SINGLE_PATH@$TRIVIAL_HALF;batch=$BATCH_PATH@$BATCH_HALF"

# the same at a moderate fixed rate, where the load generator does not compete for most of the CPU
log "constant rate: trivial and single at $LOW_RATE/s"
loadgen rate --host $HOST --port "$PRICE_PORT" --connections 16 --reps "$REPS" --warmup "$WARMUP" \
  --duration "$DURATION" --rss-pids "$PRICE_PID" --out "$OUT/rate-prices-low.json" \
  --targets "trivial=$TRIVIAL_PATH@$LOW_RATE;single=$SINGLE_PATH@$LOW_RATE"

# ------------------------------------------------------------------ 3. lookup per call: HTTP (1 connection) vs Python RPC proxy
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
start_service validator "$VALIDATOR_PORT" "$VALIDATOR_JAR" "$OUT/validator-cache.log" \
  $(validator_opts "$OUT/vdata-cache" true)
VCACHE_PID=$STARTED_PID
# shellcheck disable=SC2046
start_service validator-nocache "$VALIDATOR_NOCACHE_PORT" "$VALIDATOR_JAR" "$OUT/validator-nocache.log" \
  $(validator_opts "$OUT/vdata-nocache" false)
VNOCACHE_PID=$STARTED_PID
sleep 2  # let the SSE cache fill

orders() { # mode port label pid rep [rate]
  local extra=()
  if [ "$1" = rate ]; then extra=(--rate "$6"); fi
  loadgen "$1" --host $HOST --port "$2" --connections 16 --reps 1 --warmup "$WARMUP" --duration "$DURATION" \
    --targets "$3=ORDERS" --secrets "$OUT/secrets.txt" --slot-file "$OUT/slot-$3" --rss-pids "$4" \
    --out "$OUT/orders-$1-$3-$5.json" "${extra[@]}" || log "orders $1 $3 rep $5 failed"
}
for rep in $(seq 1 "$REPS"); do
  orders closed "$VALIDATOR_PORT" cache "$VCACHE_PID" "$rep"
  orders closed "$VALIDATOR_NOCACHE_PORT" nocache "$VNOCACHE_PID" "$rep"
  if [ "$rep" = 1 ]; then
    echo "{\"service\":\"validator-service\",\"afterWarmupKb\":$(rss_kb "$VCACHE_PID")}" > "$OUT/rss-validator.json"
  fi
done
for rep in $(seq 1 "$REPS"); do
  orders rate "$VALIDATOR_PORT" cache "$VCACHE_PID" "$rep" "$ORDER_RATE"
  orders rate "$VALIDATOR_NOCACHE_PORT" nocache "$VNOCACHE_PID" "$rep" "$ORDER_RATE"
done
stop_pid "$VCACHE_PID"
stop_pid "$VNOCACHE_PID"
stop_pid "$PRICE_PID"
wait_port_free "$PRICE_PORT" || true

# ------------------------------------------------------------------ 4. tick to visibility: SSE stream and validator cache
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
timeout 120 java -cp "$BENCH_CP" io.ptn.bench.load.CacheVisibility --host $HOST --port "$PRICE_PORT" \
  --pairs BTCUSD,ETHUSD --warmup 2 --duration $((DURATION * 2)) --out "$OUT/cache-visibility.json" \
  > "$OUT/cache-visibility.log" 2>&1 || log "validator-cache visibility measurement failed (see cache-visibility.log)"
stop_pid "$FINE_PID"

# ------------------------------------------------------------------ 6. JMH (services stopped: the CPU is the benchmark's)
if [ "${SKIP_JMH:-0}" != 1 ]; then
  log "JMH microbenchmarks"
  timeout 600 java -cp "$BENCH_CP" org.openjdk.jmh.Main -f 1 -wi 2 -w 500ms -i "$((REPS + 2))" -r 500ms \
    -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.txt" 2>&1 || log "JMH failed; see $OUT/jmh.txt"
fi

T1=$(date +%s)
echo "{\"seconds\":$((T1 - T0)),\"loadEnd\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" > "$OUT/elapsed.json"
python3 bench/report.py "$OUT" docs/benchmarks.md
log "done in $((T1 - T0)) s: docs/benchmarks.md (raw results in $OUT)"
