#!/usr/bin/env bash
# Compose smoke test of the whole system, for real, on one machine (run as root; .ci/run calls it after the Maven
# build, which leaves */target/quarkus-app behind):
#
#   deploy/test/compose-smoke.sh
#
# 1. installs Debian's docker.io, docker-compose, debootstrap, iptables if missing;
# 2. starts dockerd by hand (overlay2, else vfs; no iptables, no bridge) unless an engine already answers;
# 3. builds a local JRE base image with debootstrap (skipped when it exists: later runs are fast);
# 4. builds both JVM images from the services' own Dockerfile.jvm with that base as RUNTIME_IMAGE;
# 5. runs deploy/compose.yaml + deploy/compose.test.yaml (host network, 127.0.0.1 only) and checks health, a price,
#    an order, a price-service outage (503 + Retry-After, dependency DOWN, validator still live), recovery,
#    a restart on process exit, and that an order survives `docker-compose restart validator-service`;
# 6. tears everything down and stops the engine it started, pass or fail.
#
# Environment (all optional): SMOKE_PRICE_PORT (18081), SMOKE_VALIDATOR_PORT (18082), SMOKE_BASE_IMAGE
# (ptn-local-jre17:bookworm), SMOKE_WORK_DIR (/tmp/ptn-compose-smoke), SMOKE_KEEP_ENGINE=1 leaves a started engine up.
# Exit status: 0 all steps passed, 1 a step failed, 2 the environment could not be prepared.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${SMOKE_WORK_DIR:-/tmp/ptn-compose-smoke}"
BASE_IMAGE="${SMOKE_BASE_IMAGE:-ptn-local-jre17:bookworm}"
PROJECT=ptnsmoke
export SMOKE_PRICE_PORT="${SMOKE_PRICE_PORT:-18081}"
export SMOKE_VALIDATOR_PORT="${SMOKE_VALIDATOR_PORT:-18082}"
export DOCKER_BUILDKIT=0
PRICE="http://127.0.0.1:${SMOKE_PRICE_PORT}"
VALIDATOR="http://127.0.0.1:${SMOKE_VALIDATOR_PORT}"
COMPOSE_FILE_RENDERED="${WORK}/compose.smoke.yaml"
mkdir -p "${WORK}"

START_TS=$(date +%s)
RESULTS=()
FAILURES=0
ENGINE_PID=""
COMPOSE_UP=0

log() { echo "[smoke $(date +%H:%M:%S)] $*"; }
pass() { RESULTS+=("PASS  $*"); log "PASS  $*"; }
fail() { RESULTS+=("FAIL  $*"); log "FAIL  $*"; FAILURES=$((FAILURES + 1)); }
check() { local what="$1"; shift; if "$@"; then pass "${what}"; else fail "${what}"; fi; }
dc() { docker-compose -p "${PROJECT}" -f "${COMPOSE_FILE_RENDERED}" "$@"; }

summary() {
  local rc=$1
  echo
  echo "================ compose smoke summary ($(( $(date +%s) - START_TS )) s) ================"
  for r in "${RESULTS[@]}"; do echo "  ${r}"; done
  if [ "${rc}" -eq 0 ]; then echo "RESULT: PASS (${#RESULTS[@]} checks)"; else echo "RESULT: FAIL (${FAILURES} failed)"; fi
}

teardown() {
  local rc=$?
  [ "${FAILURES}" -gt 0 ] && [ "${rc}" -eq 0 ] && rc=1
  if [ "${COMPOSE_UP}" -eq 1 ]; then
    if [ "${rc}" -ne 0 ]; then
      log "logs of the failed run:"
      dc logs --no-color --tail=150 2>&1 | sed 's/^/    /'
    fi
    log "tearing down the compose project"
    timeout 120 docker-compose -p "${PROJECT}" -f "${COMPOSE_FILE_RENDERED}" down -v --remove-orphans >/dev/null 2>&1 \
      || log "compose down failed"
  fi
  if [ -n "${ENGINE_PID}" ] && [ "${SMOKE_KEEP_ENGINE:-0}" != 1 ]; then
    log "stopping the engine (pid ${ENGINE_PID})"
    kill "${ENGINE_PID}" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "${ENGINE_PID}" 2>/dev/null || break; sleep 1; done
    kill -0 "${ENGINE_PID}" 2>/dev/null && kill -9 "${ENGINE_PID}" 2>/dev/null
  fi
  summary "${rc}"
  exit "${rc}"
}
trap teardown EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- helpers over HTTP (loopback only)
# http_get URL -> sets CODE and BODY
http_get() {
  BODY="$(curl -s --max-time 5 -o - -w '\n%{http_code}' "$1" 2>/dev/null)"
  CODE="${BODY##*$'\n'}"; BODY="${BODY%$'\n'*}"
}
# place_order HOTKEY TOKEN PAIR TYPE UUID -> sets CODE, BODY, HEADERS
place_order() {
  local out="${WORK}/order.headers"
  BODY="$(curl -s --max-time 10 -D "${out}" -o - -w '\n%{http_code}' -X POST "${VALIDATOR}/api/v1/orders" \
    -H 'Content-Type: application/json' -H "Authorization: Bearer $2" \
    -d "{\"orderUuid\":\"$5\",\"minerHotkey\":\"$1\",\"tradePair\":\"$3\",\"orderType\":\"$4\",\"leverage\":0.1}" \
    2>/dev/null)"
  CODE="${BODY##*$'\n'}"; BODY="${BODY%$'\n'*}"
  HEADERS="$(cat "${out}" 2>/dev/null)"
}
is_up() { [[ "$1" =~ \"status\"[[:space:]]*:[[:space:]]*\"UP\" ]]; }
answered_up() { [ "${CODE}" = 200 ] && is_up "${BODY}"; }
code_is() { [ "${CODE}" = "$1" ]; }
body_has() { [ "${CODE}" = 200 ] && grep -qF -- "$1" <<<"${BODY}"; }
# check_named BODY NAME STATUS: the named check is present with that status
check_named() {
  printf '%s' "$1" | "${PY}" -c '
import json, sys
doc = json.load(sys.stdin)
name, status = sys.argv[1], sys.argv[2]
sys.exit(0 if any(c.get("name") == name and c.get("status") == status for c in doc.get("checks", [])) else 1)' "$2" "$3"
}
# wait_until SECONDS COMMAND...: polls every second, bounded
wait_until() {
  local limit=$1; shift
  local deadline=$(( $(date +%s) + limit ))
  while [ "$(date +%s)" -lt "${deadline}" ]; do "$@" && return 0; sleep 1; done
  return 1
}
container_of() { dc ps -q "$1" 2>/dev/null | head -1; }
healthy() { [ "$(docker inspect -f '{{.State.Health.Status}}' "$(container_of "$1")" 2>/dev/null)" = healthy ]; }
new_uuid() { cat /proc/sys/kernel/random/uuid; }

# ---------------------------------------------------------------- 1. tools
# Only what is missing (a machine with another Docker engine keeps it; docker.io would conflict with it).
need=()
command -v dockerd >/dev/null || need+=(docker.io)
command -v docker-compose >/dev/null || need+=(docker-compose)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v iptables >/dev/null || need+=(iptables)
command -v curl >/dev/null || need+=(curl)
if [ "${#need[@]}" -gt 0 ]; then
  log "installing ${need[*]}"
  if ! { apt-get update -q >"${WORK}/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
      --no-install-recommends "${need[@]}" >>"${WORK}/apt.log" 2>&1; }; then
    tail -20 "${WORK}/apt.log"; fail "install container tools"; exit 2
  fi
fi
PY=/usr/bin/python3
[ -x "${PY}" ] || PY="$(command -v python3)"
pass "tools present: $(docker-compose version --short 2>/dev/null | head -1) compose, $(dockerd --version | cut -d, -f1)"

for svc in live-price-service validator-service; do
  if [ ! -f "${ROOT}/${svc}/target/quarkus-app/quarkus-run.jar" ]; then
    fail "${svc}/target/quarkus-app missing: run ./mvnw -B package -DskipTests first"; exit 2
  fi
done

# ---------------------------------------------------------------- 2. engine
if docker info >/dev/null 2>&1; then
  log "an engine already answers on /var/run/docker.sock: using it, leaving it running"
else
  for driver in overlay2 vfs; do
    log "starting dockerd (storage ${driver})"
    dockerd --storage-driver="${driver}" --iptables=false --ip-masq=false --bridge=none \
      >"${WORK}/dockerd-${driver}.log" 2>&1 &
    ENGINE_PID=$!
    if wait_until 30 docker info >/dev/null 2>&1 && kill -0 "${ENGINE_PID}" 2>/dev/null; then break; fi
    log "dockerd with ${driver} did not come up:"; tail -5 "${WORK}/dockerd-${driver}.log"
    kill "${ENGINE_PID}" 2>/dev/null; wait_until 20 bash -c "! kill -0 ${ENGINE_PID} 2>/dev/null"; ENGINE_PID=""
  done
  [ -n "${ENGINE_PID}" ] || { fail "start dockerd"; exit 2; }
fi
pass "engine up ($(docker info -f '{{.Driver}}' 2>/dev/null) storage)"

# ---------------------------------------------------------------- 3. local JRE base image
if docker image inspect "${BASE_IMAGE}" >/dev/null 2>&1; then
  pass "base image ${BASE_IMAGE} cached"
else
  MIRROR="$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null)"
  [ -n "${MIRROR}" ] || MIRROR="$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null)"
  [ -n "${MIRROR}" ] || { fail "no Debian mirror in the apt configuration"; exit 2; }
  log "building ${BASE_IMAGE} with debootstrap (bash comes with minbase; the health check needs nothing else)"
  rm -rf "${WORK}/rootfs"
  if debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "${WORK}/rootfs" \
      "${MIRROR}" >"${WORK}/debootstrap.log" 2>&1 \
      && tar -C "${WORK}/rootfs" -c . | docker import - "${BASE_IMAGE}" >/dev/null; then
    pass "base image ${BASE_IMAGE} built"
  else
    tail -20 "${WORK}/debootstrap.log"; fail "build base image"; exit 2
  fi
  rm -rf "${WORK}/rootfs"
fi

# ---------------------------------------------------------------- 4. images from the project's Dockerfiles
for svc in live-price-service validator-service; do
  if docker build -q --build-arg RUNTIME_IMAGE="${BASE_IMAGE}" -f "${ROOT}/${svc}/src/main/docker/Dockerfile.jvm" \
      -t "ptn/${svc}:jvm" "${ROOT}" >"${WORK}/build-${svc}.log" 2>&1; then
    pass "image ptn/${svc}:jvm built from ${svc}/src/main/docker/Dockerfile.jvm"
  else
    cat "${WORK}/build-${svc}.log"; fail "build ptn/${svc}:jvm"; exit 1
  fi
done

# ---------------------------------------------------------------- 5. compose up
HOTKEY="smoke-miner"
TOKEN="smoke-$(new_uuid)"
export VALIDATOR_MINERS_TOKENS="${HOTKEY}=$(printf '%s' "${TOKEN}" | sha256sum | cut -d' ' -f1)"
# docker-compose 1.29 rejects published ports under network_mode: host and an override cannot remove them,
# so the merged configuration is rendered once, without `ports` (and without the `version:` key `config` adds,
# which would switch 1.29 to the v3 format that ignores deploy.resources).
if ! docker-compose -f "${ROOT}/deploy/compose.yaml" -f "${ROOT}/deploy/compose.test.yaml" config 2>"${WORK}/config.err" \
    | "${PY}" -c '
import sys, yaml
doc = yaml.safe_load(sys.stdin)
doc.pop("version", None)
for svc in doc["services"].values():
    svc.pop("ports", None)
yaml.safe_dump(doc, sys.stdout, sort_keys=False)' >"${COMPOSE_FILE_RENDERED}"; then
  cat "${WORK}/config.err"; fail "render compose.yaml + compose.test.yaml"; exit 1
fi
dc down -v --remove-orphans >/dev/null 2>&1   # leftovers of an interrupted run
COMPOSE_UP=1
if dc up -d --no-build >"${WORK}/up.log" 2>&1; then
  pass "docker-compose up -d (compose.yaml + compose.test.yaml, JVM images)"
else
  cat "${WORK}/up.log"; fail "docker-compose up -d"; exit 1
fi
both_healthy() { healthy live-price-service && healthy validator-service; }
check "both services healthy (docker health check = healthcheck.sh on /q/health/ready)" wait_until 120 both_healthy
if ! both_healthy; then
  docker ps -a --format '    {{.Names}}: {{.Status}}'
  exit 1   # nothing below can pass; the trap prints the logs
fi
mem="$(docker inspect -f '{{.HostConfig.Memory}}' "$(container_of validator-service)" 2>/dev/null)"
check "resource limit applied (validator memory limit ${mem} bytes)" test "${mem:-0}" -gt 0
check "containers run as the non-root user 1001" \
  test "$(docker inspect -f '{{.Config.User}}' "$(container_of live-price-service)")" = 1001

# ---------------------------------------------------------------- 6. health endpoints
for path in /q/health/live /q/health/ready /q/health/started /q/health; do
  http_get "${PRICE}${path}"
  check "price ${path} -> 200 UP (${CODE})" answered_up
done
http_get "${PRICE}/q/health/live"; check "price liveness names feed-supervisor" check_named "${BODY}" feed-supervisor UP
http_get "${PRICE}/q/health/ready"; check "price readiness names prices-fresh" check_named "${BODY}" prices-fresh UP
# The validator's wellness check follows its SSE connection, which may still be opening.
validator_all_up() { http_get "${VALIDATOR}/q/health"; answered_up; }
wait_until 30 validator_all_up
for path in /q/health/live /q/health/ready /q/health/started /q/health/well /q/health; do
  http_get "${VALIDATOR}${path}"
  check "validator ${path} -> 200 UP (${CODE})" answered_up
done
http_get "${VALIDATOR}/q/health"
all_named() { check_named "${BODY}" risk-monitor-worker UP && check_named "${BODY}" store UP \
  && check_named "${BODY}" "Graceful Shutdown" UP && check_named "${BODY}" live-price-service UP; }
check "validator /q/health names risk-monitor-worker, store, Graceful Shutdown, live-price-service (all UP)" all_named

# ---------------------------------------------------------------- 7. a price and an order
http_get "${PRICE}/api/v1/prices/BTCUSD"
check "GET /api/v1/prices/BTCUSD -> 200 with a price (${CODE}: ${BODY:0:100})" body_has '"price"'
ORDER1="$(new_uuid)"
place_order "${HOTKEY}" "${TOKEN}" BTCUSD LONG "${ORDER1}"
check "POST /api/v1/orders (BTCUSD LONG) -> 201 (${CODE}: ${BODY:0:160})" code_is 201
place_order "${HOTKEY}" "wrong-token" BTCUSD LONG "$(new_uuid)"
check "an order with a wrong token -> 401 (${CODE})" code_is 401

# ---------------------------------------------------------------- 8. price service down
PRICE_CID="$(container_of live-price-service)"
docker kill "${PRICE_CID}" >/dev/null
log "killed live-price-service (${PRICE_CID:0:12}); waiting past the 5 s price max age of the test override"
sleep 6
outage_order() {
  place_order "${HOTKEY}" "${TOKEN}" ETHUSD LONG "$(new_uuid)"
  [ "${CODE}" = 503 ]
}
check "orders during the outage -> 503" wait_until 30 outage_order
log "    last answer: ${CODE}: ${BODY:0:160}"
retry_after() { grep -qiE '^Retry-After: *[0-9]+' <<<"${HEADERS}"; }
check "the 503 carries Retry-After ($(grep -i '^Retry-After' <<<"${HEADERS}" | tr -d '\r'))" retry_after
dependency_down() {
  http_get "${VALIDATOR}/q/health"
  [ "${CODE}" = 503 ] && check_named "${BODY}" live-price-service DOWN
}
check "validator /q/health reports live-price-service DOWN (HTTP 503)" wait_until 30 dependency_down
http_get "${VALIDATOR}/q/health/live"
check "validator /q/health/live stays 200 UP during the outage (${CODE})" answered_up
http_get "${VALIDATOR}/q/health/ready"
check "validator /q/health/ready stays 200 UP, the outage is no reason to unroute it (${CODE})" answered_up
http_get "${VALIDATOR}/api/v1/miners/${HOTKEY}/positions"
check "validator keeps serving reads during the outage (positions ${CODE})" code_is 200
state="$(docker inspect -f '{{.State.Status}} restarts={{.RestartCount}}' "${PRICE_CID}")"
log "after docker kill the price container is: ${state} (docker kill counts as a manual stop: no restart)"

# ---------------------------------------------------------------- 9. recovery
docker start "${PRICE_CID}" >/dev/null
check "live-price-service healthy again after docker start" wait_until 120 healthy live-price-service
ORDER2=""
recovered_order() {
  ORDER2="$(new_uuid)"
  place_order "${HOTKEY}" "${TOKEN}" ETHUSD LONG "${ORDER2}"
  [ "${CODE}" = 201 ]
}
check "orders fill again after recovery" wait_until 60 recovered_order
log "    last answer: ${CODE}: ${BODY:0:160}"
dependency_up() { http_get "${VALIDATOR}/q/health/well"; [ "${CODE}" = 200 ] && check_named "${BODY}" live-price-service UP; }
check "validator wellness live-price-service UP again" wait_until 60 dependency_up

# ---------------------------------------------------------------- 10. compose restarts a process that exits
before="$(docker inspect -f '{{.RestartCount}}' "${PRICE_CID}")"
docker exec "${PRICE_CID}" /bin/sh -c 'kill -TERM 1' >/dev/null 2>&1
restarted() { [ "$(docker inspect -f '{{.RestartCount}}' "${PRICE_CID}")" -gt "${before}" ] && healthy live-price-service; }
check "restart: unless-stopped brings the price service back after its process exits" wait_until 120 restarted

# ---------------------------------------------------------------- 11. acknowledged orders survive a restart
if dc restart validator-service >"${WORK}/restart.log" 2>&1; then pass "docker-compose restart validator-service"
else cat "${WORK}/restart.log"; fail "docker-compose restart validator-service"; fi
check "validator healthy after the restart" wait_until 120 healthy validator-service
http_get "${VALIDATOR}/api/v1/miners/${HOTKEY}/positions"
check "positions after the restart still hold order ${ORDER1}" body_has "${ORDER1}"
check "positions after the restart still hold order ${ORDER2}" body_has "${ORDER2}"

[ "${FAILURES}" -eq 0 ]
