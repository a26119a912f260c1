#!/usr/bin/env bash
# The alert rules against a real Prometheus, on one machine, loopback only (run as root after the Maven build, which
# leaves */target/quarkus-app behind; .ci/run calls it):
#
#   deploy/test/prometheus-alerts.sh
#
# 1. installs Debian's prometheus (prometheus, promtool) and prometheus-alertmanager if missing;
# 2. runs both services as JVM jars on 127.0.0.1 (no container engine: this stage tests the rules, not the images);
# 3. makes a test copy of deploy/monitoring/alerts.yaml with every `for:` at 10 s and a Prometheus configuration from
#    deploy/monitoring/prometheus.yml with loopback targets and 1 s scrape/evaluation intervals (the shipped files
#    are not changed), and starts Prometheus and Alertmanager on 127.0.0.1;
# 4. shows both targets up and no alert active; kills the price service (SIGKILL) while a bounded loop places orders,
#    and sees PriceServiceDown, ValidatorPriceCircuitOpen and ValidatorPriceStreamDisconnected go pending, then
#    firing within their `for:`, and reach Alertmanager; restarts the price service and sees all three resolve;
# 5. stops every process it started, pass or fail.
#
# Environment (all optional): PROM_TEST_PRICE_PORT (19181), PROM_TEST_VALIDATOR_PORT (19182), PROM_TEST_PROM_PORT
# (19190), PROM_TEST_AM_PORT (19193), PROM_TEST_WORK_DIR (/tmp/ptn-prometheus-alerts).
# Exit status: 0 all checks passed, 1 a check failed, 2 the environment could not be prepared.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${PROM_TEST_WORK_DIR:-/tmp/ptn-prometheus-alerts}"
PRICE_PORT="${PROM_TEST_PRICE_PORT:-19181}"
VALIDATOR_PORT="${PROM_TEST_VALIDATOR_PORT:-19182}"
PROM_PORT="${PROM_TEST_PROM_PORT:-19190}"
AM_PORT="${PROM_TEST_AM_PORT:-19193}"
PRICE="http://127.0.0.1:${PRICE_PORT}"
VALIDATOR="http://127.0.0.1:${VALIDATOR_PORT}"
PROM="http://127.0.0.1:${PROM_PORT}"
AM="http://127.0.0.1:${AM_PORT}"
TEST_FOR=10s
TEST_FOR_S=10
WATCHED=(PriceServiceDown ValidatorPriceCircuitOpen ValidatorPriceStreamDisconnected)

rm -rf "${WORK}"
mkdir -p "${WORK}"
START_TS=$(date +%s)
RESULTS=()
FAILURES=0
PIDS=()
PRICE_PID=""
LOOP_PID=""

log() { echo "[prom $(date +%H:%M:%S)] $*"; }
pass() { RESULTS+=("PASS  $*"); log "PASS  $*"; }
fail() { RESULTS+=("FAIL  $*"); log "FAIL  $*"; FAILURES=$((FAILURES + 1)); }
check() { local what="$1"; shift; if "$@"; then pass "${what}"; else fail "${what}"; fi; }
wait_until() {
  local limit=$1; shift
  local deadline=$(( $(date +%s) + limit ))
  while [ "$(date +%s)" -lt "${deadline}" ]; do "$@" && return 0; sleep 1; done
  return 1
}
stop_pid() {
  local pid=$1
  kill "${pid}" 2>/dev/null || return 0
  for _ in $(seq 1 20); do kill -0 "${pid}" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "${pid}" 2>/dev/null
}

teardown() {
  local rc=$?
  [ "${FAILURES}" -gt 0 ] && [ "${rc}" -eq 0 ] && rc=1
  [ -n "${LOOP_PID}" ] && stop_pid "${LOOP_PID}"
  [ -n "${PRICE_PID}" ] && stop_pid "${PRICE_PID}"
  for pid in "${PIDS[@]}"; do stop_pid "${pid}"; done
  if [ "${rc}" -ne 0 ]; then
    for f in price validator prometheus alertmanager; do
      [ -f "${WORK}/${f}.log" ] && { log "last lines of ${f}.log:"; tail -15 "${WORK}/${f}.log" | sed 's/^/    /'; }
    done
  fi
  echo
  echo "================ prometheus alerts summary ($(( $(date +%s) - START_TS )) s) ================"
  for r in "${RESULTS[@]}"; do echo "  ${r}"; done
  if [ "${rc}" -eq 0 ]; then echo "RESULT: PASS (${#RESULTS[@]} checks)"; else echo "RESULT: FAIL (${FAILURES} failed)"; fi
  exit "${rc}"
}
trap teardown EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- 1. tools
need=()
command -v prometheus >/dev/null || need+=(prometheus)
command -v promtool >/dev/null || need+=(prometheus)
command -v prometheus-alertmanager >/dev/null || need+=(prometheus-alertmanager)
command -v curl >/dev/null || need+=(curl)
if [ "${#need[@]}" -gt 0 ]; then
  log "installing ${need[*]}"
  if ! { apt-get update -q >"${WORK}/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
      --no-install-recommends "${need[@]}" >>"${WORK}/apt.log" 2>&1; }; then
    tail -20 "${WORK}/apt.log"; fail "install prometheus tools"; exit 2
  fi
fi
PY=/usr/bin/python3
[ -x "${PY}" ] || PY="$(command -v python3)"
pass "tools: $(prometheus --version 2>&1 | head -1 | cut -d' ' -f1-3), $(prometheus-alertmanager --version 2>&1 | head -1 | cut -d' ' -f1-3)"
for svc in live-price-service validator-service; do
  if [ ! -f "${ROOT}/${svc}/target/quarkus-app/quarkus-run.jar" ]; then
    fail "${svc}/target/quarkus-app missing: run ./mvnw -B package -DskipTests first"; exit 2
  fi
done

# ---------------------------------------------------------------- 2. test copies of the shipped configuration
RULES="${WORK}/alerts.yaml"
sed -E "s/^( +)for: .*/\1for: ${TEST_FOR}/" "${ROOT}/deploy/monitoring/alerts.yaml" >"${RULES}"
shipped_for=$(grep -cE '^ +for: ' "${ROOT}/deploy/monitoring/alerts.yaml")
test_for=$(grep -cE "^ +for: ${TEST_FOR}\$" "${RULES}")
check "test rules: all ${shipped_for} for: set to ${TEST_FOR} ($(promtool check rules "${RULES}" 2>&1 | grep -o 'SUCCESS.*'))" \
  test "${shipped_for}" -gt 0 -a "${shipped_for}" = "${test_for}"
CONFIG="${WORK}/prometheus.yml"
sed -e "s#/etc/prometheus/alerts.yaml#${RULES}#" \
    -e "s#'alertmanager:9093'#'127.0.0.1:${AM_PORT}'#" \
    -e "s#'live-price-service:8081'#'127.0.0.1:${PRICE_PORT}'#" \
    -e "s#'validator-service:8082'#'127.0.0.1:${VALIDATOR_PORT}'#" \
    -e "s#'localhost:9090'#'127.0.0.1:${PROM_PORT}'#" \
    -e "s/scrape_interval: 15s/scrape_interval: 1s/" -e "s/scrape_timeout: 10s/scrape_timeout: 1s/" \
    -e "s/evaluation_interval: 15s/evaluation_interval: 1s/" \
    "${ROOT}/deploy/monitoring/prometheus.yml" >"${CONFIG}"
rewritten() {
  grep -qF "${RULES}" "${CONFIG}" && grep -qF "'127.0.0.1:${AM_PORT}'" "${CONFIG}" \
    && grep -qF "'127.0.0.1:${PRICE_PORT}'" "${CONFIG}" && grep -qF "'127.0.0.1:${VALIDATOR_PORT}'" "${CONFIG}" \
    && grep -q "evaluation_interval: 1s" "${CONFIG}" && ! grep -qE "live-price-service:|validator-service:|alertmanager:" "${CONFIG}" \
    && promtool check config "${CONFIG}" >"${WORK}/check-config.log" 2>&1
}
check "test Prometheus config from deploy/monitoring/prometheus.yml (loopback targets, 1 s intervals)" rewritten
[ "${FAILURES}" -eq 0 ] || { cat "${WORK}/check-config.log"; exit 1; }

# ---------------------------------------------------------------- 3. services, Alertmanager, Prometheus
HOTKEY=prom-miner
TOKEN="prom-$(cat /proc/sys/kernel/random/uuid)"
start_price() {
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="${PRICE_PORT}" \
    java -Xmx256m -jar "${ROOT}/live-price-service/target/quarkus-app/quarkus-run.jar" >>"${WORK}/price.log" 2>&1 &
  PRICE_PID=$!
}
start_price
QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="${VALIDATOR_PORT}" \
  QUARKUS_REST_CLIENT_LIVE_PRICE_URL="${PRICE}" VALIDATOR_DATA_DIR="${WORK}/validator-data" \
  VALIDATOR_MINERS_TOKENS="${HOTKEY}=$(printf '%s' "${TOKEN}" | sha256sum | cut -d' ' -f1)" \
  VALIDATOR_PRICES_MAX_AGE=5s VALIDATOR_RISK_INTERVAL=5s \
  java -Xmx256m -jar "${ROOT}/validator-service/target/quarkus-app/quarkus-run.jar" >"${WORK}/validator.log" 2>&1 &
PIDS+=($!)
prometheus-alertmanager --config.file="${ROOT}/deploy/monitoring/alertmanager.yml" --storage.path="${WORK}/am" \
  --web.listen-address="127.0.0.1:${AM_PORT}" --cluster.listen-address= >"${WORK}/alertmanager.log" 2>&1 &
PIDS+=($!)
prometheus --config.file="${CONFIG}" --storage.tsdb.path="${WORK}/tsdb" --web.listen-address="127.0.0.1:${PROM_PORT}" \
  >"${WORK}/prometheus.log" 2>&1 &
PIDS+=($!)

ready() { [ "$(curl -s -o /dev/null --max-time 3 -w '%{http_code}' "$1")" = 200 ]; }
check "price service ready on ${PRICE}" wait_until 180 ready "${PRICE}/q/health/ready"
check "validator ready on ${VALIDATOR}" wait_until 180 ready "${VALIDATOR}/q/health/ready"
check "Alertmanager ready on ${AM}" wait_until 30 ready "${AM}/-/ready"
check "Prometheus ready on ${PROM}" wait_until 30 ready "${PROM}/-/ready"
[ "${FAILURES}" -eq 0 ] || exit 1

# JSON of Prometheus's API through python (no jq on a bare machine)
targets_up() {
  curl -s --max-time 3 "${PROM}/api/v1/targets" | "${PY}" -c '
import json, sys
up = {t["labels"]["job"] for t in json.load(sys.stdin)["data"]["activeTargets"] if t["health"] == "up"}
sys.exit(0 if {"live-price-service", "validator-service"} <= up else 1)'
}
check "Prometheus targets live-price-service and validator-service are up" wait_until 60 targets_up
# alerts NAME STATE -> prints "name state" lines of the watched alerts that are active
active_alerts() {
  curl -s --max-time 3 "${PROM}/api/v1/alerts" | "${PY}" -c '
import json, sys
for a in json.load(sys.stdin)["data"]["alerts"]:
    print(a["labels"]["alertname"], a["state"])'
}
metric_present() { curl -s --max-time 3 "$1/q/metrics" | grep -q "^$2"; }
check "the gauges the rules use are exported (price_ready, validator_price_stream_connected, validator_store_ready)" \
  bash -c "curl -s '${PRICE}/q/metrics' | grep -q '^price_ready 1' && curl -s '${VALIDATOR}/q/metrics' \
    | grep -q '^validator_price_stream_connected 1' && curl -s '${VALIDATOR}/q/metrics' | grep -q '^validator_store_ready 1'"

order() { # order PAIR -> prints the HTTP code
  curl -s -o /dev/null --max-time 5 -w '%{http_code}' -X POST "${VALIDATOR}/api/v1/orders" \
    -H 'Content-Type: application/json' -H "Authorization: Bearer ${TOKEN}" \
    -d "{\"orderUuid\":\"$(cat /proc/sys/kernel/random/uuid)\",\"minerHotkey\":\"${HOTKEY}\",\"tradePair\":\"$1\",\"orderType\":\"LONG\",\"leverage\":0.01}"
}
code="$(order BTCUSD)"
check "an order fills before the outage (${code})" test "${code}" = 201
sleep 3
baseline="$(active_alerts)"
check "no alert active before the outage${baseline:+ (active: $(echo "${baseline}" | tr '\n' ' '))}" test -z "${baseline}"

# ---------------------------------------------------------------- 4. outage: kill the price service
# A miner's order flow through the outage: what makes the circuit breaker open. Bounded: 2 orders a second at most,
# 400 at most, rotating over the always-open crypto pairs (a filled pair is in cooldown for 10 s).
(
  pairs=(ETHUSD SOLUSD XRPUSD DOGEUSD ADAUSD BTCUSD)
  for i in $(seq 0 399); do
    [ -f "${WORK}/orders.stop" ] && break
    echo "$(date +%s) $(order "${pairs[$((i % ${#pairs[@]}))]}")" >>"${WORK}/orders.log"
    sleep 0.5
  done
) &
LOOP_PID=$!
sleep 2
kill -9 "${PRICE_PID}"
wait "${PRICE_PID}" 2>/dev/null
PRICE_PID=""
KILL_TS=$(date +%s)
log "killed the price service (SIGKILL); orders keep coming; watching ${PROM}/api/v1/alerts"

declare -A PENDING FIRING RESOLVED
record_states() {
  local now=$(( $(date +%s) - KILL_TS )) line name state
  while read -r name state; do
    [ -z "${name}" ] && continue
    if [ "${state}" = pending ] && [ -z "${PENDING[${name}]:-}" ]; then PENDING[${name}]=${now}; fi
    if [ "${state}" = firing ] && [ -z "${FIRING[${name}]:-}" ]; then FIRING[${name}]=${now}; fi
  done <<<"$(active_alerts)"
}
all_firing() {
  record_states
  for a in "${WATCHED[@]}"; do [ -n "${FIRING[${a}]:-}" ] || return 1; done
}
wait_until 150 all_firing
for a in "${WATCHED[@]}"; do
  p="${PENDING[${a}]:-}"; f="${FIRING[${a}]:-}"
  # pending first, then firing no sooner than for: after it and within for: + 5 s of polling and evaluation slack
  in_time() { [ -n "${p}" ] && [ -n "${f}" ] && [ "$(( f - p ))" -ge $(( TEST_FOR_S - 2 )) ] \
    && [ "$(( f - p ))" -le $(( TEST_FOR_S + 5 )) ]; }
  check "${a}: pending at +${p:-never} s, firing at +${f:-never} s after the kill (for: ${TEST_FOR})" in_time
done
am_has() {
  curl -s --max-time 3 "${AM}/api/v2/alerts" | "${PY}" -c '
import json, sys
names = {a["labels"]["alertname"] for a in json.load(sys.stdin)}
sys.exit(0 if set(sys.argv[1:]) <= names else 1)' "${WATCHED[@]}"
}
check "Alertmanager received ${WATCHED[*]}" wait_until 20 am_has
outage_codes="$(awk -v t="${KILL_TS}" '$1 >= t + 8 {print $2}' "${WORK}/orders.log" | sort | uniq -c | tr -s ' ' | tr '\n' ',')"
log "    order answers during the outage (count code): ${outage_codes}"

# ---------------------------------------------------------------- 5. recovery
start_price
RESTART_TS=$(date +%s)
check "price service ready again after restart" wait_until 180 ready "${PRICE}/q/health/ready"
log "price service ready $(( $(date +%s) - RESTART_TS )) s after the restart; waiting for the alerts to resolve"
none_active() {
  local now=$(( $(date +%s) - RESTART_TS )) active name state
  active="$(active_alerts)"
  for a in "${WATCHED[@]}"; do
    if [ -z "${RESOLVED[${a}]:-}" ] && ! grep -q "^${a} " <<<"${active}"; then RESOLVED[${a}]=${now}; fi
  done
  for a in "${WATCHED[@]}"; do [ -n "${RESOLVED[${a}]:-}" ] || return 1; done
}
wait_until 180 none_active
for a in "${WATCHED[@]}"; do
  check "${a}: resolved at +${RESOLVED[${a}]:-never} s after the restart" test -n "${RESOLVED[${a}]:-}"
done
touch "${WORK}/orders.stop"
wait "${LOOP_PID}" 2>/dev/null
LOOP_PID=""
code="$(order BTCUSD)"
check "orders fill again after recovery (${code}; 422 = the pair's cooldown)" bash -c "[ '${code}' = 201 ] || [ '${code}' = 422 ]"

[ "${FAILURES}" -eq 0 ]
