#!/bin/bash
# Container health check without curl (the micro image has none): a plain HTTP/1.0 GET over bash's /dev/tcp.
# Usage: healthcheck.sh [path]   (default /q/health/ready). Port: HEALTHCHECK_PORT, else QUARKUS_HTTP_PORT, else 8082.
# Healthy = HTTP 200 and a body whose overall "status" is "UP". Exit 0 healthy, 1 not.
path="${1:-/q/health/ready}"
port="${HEALTHCHECK_PORT:-${QUARKUS_HTTP_PORT:-8082}}"
{ exec 3<>"/dev/tcp/127.0.0.1/${port}"; } 2>/dev/null || { echo "connect 127.0.0.1:${port} refused"; exit 1; }
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nAccept: application/json\r\nConnection: close\r\n\r\n' "${path}" >&3
IFS= read -r -t 5 statusline <&3 || { echo "no answer on ${path}"; exit 1; }
body=""
while IFS= read -r -t 5 line; do body+="${line}"; done <&3
exec 3<&-
[[ "${statusline}" =~ ^HTTP/1\.[01]\ 200 ]] || { echo "${path}: ${statusline%$'\r'}"; exit 1; }
[[ "${body}" =~ \"status\"[[:space:]]*:[[:space:]]*\"UP\" ]] || { echo "${path}: status not UP"; exit 1; }
echo "${path}: UP"
