#!/usr/bin/env bash
# Builds Irbis and runs every test (unit, ONNX conformance, end-to-end against ONNX Runtime).
# Needs ../shared beside the repository (real models, photos and the ONNX conformance cases).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/find-jdk.sh
irbis_find_jdk
export JAVA_HOME="$IRBIS_JAVA_HOME"
if [ ! -d ../shared/onnx ]; then
    echo "test.sh: ../shared (test models, photos, ONNX conformance cases) is missing beside the repository" >&2
    exit 1
fi
exec mvn -B -ntp verify "$@"
