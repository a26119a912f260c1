#!/usr/bin/env bash
# Order benchmark (not a test): packaged validator + price stub + wrk. Needs the jar: ./mvnw -pl validator-service -am package
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); MOD=$(cd "$HERE/../../.." && pwd)
STUB_PORT=${STUB_PORT:-18181}; PORT=${PORT:-18182}; MINERS=${MINERS:-200}; DURATION=${DURATION:-20s}; CONN=${CONN:-32}
WORK=$(mktemp -d); trap 'kill $STUB $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
for i in $(seq 1 "$MINERS"); do printf 'm%s=%s\n' "$i" "$(printf %s "tok$i" | sha256sum | cut -d' ' -f1)"; done > "$WORK/tokens"
python3 "$HERE/price_stub.py" "$STUB_PORT" & STUB=$!
QUARKUS_HTTP_PORT=$PORT QUARKUS_REST_CLIENT_LIVE_PRICE_URL=http://127.0.0.1:$STUB_PORT VALIDATOR_DATA_DIR=$WORK/data \
  VALIDATOR_MINERS_TOKENS_FILE=$WORK/tokens VALIDATOR_ORDERS_COOLDOWN=0s QUARKUS_LOG_LEVEL=WARN \
  java -jar "$MOD/target/quarkus-app/quarkus-run.jar" > "$WORK/app.log" 2>&1 & APP=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break; sleep 1; done
sleep 2
MINERS=$MINERS wrk -t2 -c"$CONN" -d10s -s "$HERE/orders.lua" --latency "http://127.0.0.1:$PORT" > /dev/null # warm-up
before=$(curl -s "http://127.0.0.1:$PORT/q/metrics" | awk '/^validator_orders_total\{outcome="filled"/ {print $2}')
MINERS=$MINERS wrk -t2 -c"$CONN" -d"$DURATION" -s "$HERE/orders.lua" --latency "http://127.0.0.1:$PORT"
after=$(curl -s "http://127.0.0.1:$PORT/q/metrics" | awk '/^validator_orders_total\{outcome="filled"/ {print $2}')
echo "filled (201, committed) during the run: $(python3 -c "print(int($after - ${before:-0}))")"
curl -s "http://127.0.0.1:$PORT/q/metrics" | grep -E '^validator_orders_total|^validator_price_cache_lookups_total' || true
sqlite3 "$WORK/data/validator.db" 'select count(*) from orders' 2>/dev/null | sed 's/^/rows in orders table: /' || true
