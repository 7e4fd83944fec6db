#!/usr/bin/env bash
# Runs Irbis's JMH benchmarks and writes bench/results/<date>-<host>.md (plus JMH's JSON beside it).
#   ./bench.sh                 full suite: resnet50-v1, resnet50-torchvision, bit-r50x1 at batch 1 and 8, 1 and 2
#                              threads, Irbis vs ONNX Runtime; GEMM and Conv kernels vs OpenBLAS (about 1.5 hours)
#   ./bench.sh --quick         smoke run of a few minutes (resnet50-v1, batch 1, 1 thread; three kernel shapes)
#   ./bench.sh --medium        the full selection with shorter iterations (about 25 minutes)
#   ./bench.sh --models bit-r50x1 --threads 2 ...   any subset; ./bench.sh --help lists the options
#   ./bench.sh op-profile --model resnet50-v1 --threads 2   per-kind node times of Irbis and ONNX Runtime
#                              side by side (which layers make the difference; not a benchmark)
# Models are generated on first use into testdata/target/generated-models (shared with the e2e tests).
# Run it on a quiet machine: anything else running skews the numbers.
#
# Environment: JAVA_HOME (a JDK 25+), IRBIS_MVN_ARGS (extra Maven arguments, e.g. -o), JAVA_OPTS (for the
# runner JVM, which generates models; the forked benchmark JVMs take --xmx).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
. scripts/find-jdk.sh
if ! JDK="$(irbis_find_jdk)"; then
    echo "bench.sh: $IRBIS_NO_JDK_MESSAGE" >&2
    exit 1
fi

echo "bench.sh: building the bench module..." >&2
# shellcheck disable=SC2086 # IRBIS_MVN_ARGS is a list of arguments
JAVA_HOME="$JDK" MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
    mvn -B -q -DskipTests ${IRBIS_MVN_ARGS:-} package -pl bench -am >&2

COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    COMMIT="$COMMIT (with uncommitted changes)"
fi

MAIN=dev.irbis.bench.RunBenchmarks
if [ "${1:-}" = op-profile ]; then
    MAIN=dev.irbis.bench.OpProfileComparison
    shift
fi

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec "$JDK/bin/java" -Xmx4g ${JAVA_OPTS:-} --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow -Xss4m "-Dirbis.bench.commit=$COMMIT" \
    -cp "bench/target/classes:bench/target/lib/*" "$MAIN" "$@"
