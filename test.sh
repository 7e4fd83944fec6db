#!/usr/bin/env bash
# Builds Irbis and runs every test (unit, ONNX conformance, end-to-end against ONNX Runtime).
# Needs ../shared beside the repository (real models, photos and the ONNX conformance cases).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/find-jdk.sh
if ! JAVA_HOME="$(irbis_find_jdk)"; then
    echo "test.sh: $IRBIS_NO_JDK_MESSAGE" >&2
    exit 1
fi
export JAVA_HOME
if [ ! -d ../shared/onnx ]; then
    echo "test.sh: ../shared (test models, photos, ONNX conformance cases) is missing beside the repository" >&2
    exit 1
fi
# Maven on JDK 25 warns about its own use of sun.misc.Unsafe; allowing it keeps the log readable.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
exec mvn -B verify "$@"
