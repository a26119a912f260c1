#!/usr/bin/env bash
# Builds the native images of both services. Needs a container engine that can pull the Mandrel builder image
# (ubi9-quarkus-mandrel-builder-image:jdk-25) and ubi9-quarkus-micro-image (not possible on the project's offline
# build machines; see deploy/README.md). Without GraalVM, ./mvnw verify -Pits checks the native-image inputs.
#
#   deploy/native-build.sh            # multi-stage Dockerfile.native per service -> ptn/<service>:native
#   deploy/native-build.sh binaries   # only the binaries, built by Quarkus in the builder container
#                                     # (-Dquarkus.native.container-build=true) -> */target/*-runner, then runs *IT
#
# Base images can be overridden like any build arg: BUILDER_IMAGE=... RUNTIME_IMAGE=... deploy/native-build.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${ROOT}"
ENGINE="${CONTAINER_RUNTIME:-docker}"
SERVICES=(live-price-service validator-service)

args=()
[ -n "${BUILDER_IMAGE:-}" ] && args+=(--build-arg "BUILDER_IMAGE=${BUILDER_IMAGE}")
[ -n "${RUNTIME_IMAGE:-}" ] && args+=(--build-arg "RUNTIME_IMAGE=${RUNTIME_IMAGE}")

case "${1:-images}" in
  images)
    for svc in "${SERVICES[@]}"; do
      echo ">> ${svc}: native image from ${svc}/src/main/docker/Dockerfile.native"
      "${ENGINE}" build "${args[@]}" -f "${svc}/src/main/docker/Dockerfile.native" -t "ptn/${svc}:native" .
    done
    echo "done: docker compose -f deploy/compose.yaml up   (native is the default variant)"
    ;;
  binaries)
    builder=()
    [ -n "${BUILDER_IMAGE:-}" ] && builder+=("-Dquarkus.native.builder-image=${BUILDER_IMAGE}")
    ./mvnw -B -Pnative -pl "$(IFS=,; echo "${SERVICES[*]}")" -am verify \
      -Dquarkus.native.container-build=true -Dquarkus.native.container-runtime="${ENGINE}" "${builder[@]}"
    ls -l live-price-service/target/*-runner validator-service/target/*-runner
    ;;
  *)
    echo "usage: $0 [images|binaries]" >&2; exit 2 ;;
esac
