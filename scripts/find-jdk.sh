# Sourced by ./irbis and ./test.sh: sets IRBIS_JAVA_HOME to a JDK 25 or newer, or fails with a clear message.
# Order: $JAVA_HOME, the usual install folders, then `java` on the PATH.

irbis_java_major() {
    # Prints the feature version of the java binary given ("25"), or nothing.
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
}

irbis_find_jdk() {
    local candidates=()
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    local d
    for d in /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/*-2[5-9]* /usr/lib/jvm/*2[5-9]* /opt/java/* /opt/jdk* /usr/local/*jdk* "$HOME"/.sdkman/candidates/java/*; do
        [ -d "$d" ] && candidates+=("$d")
    done
    if command -v java >/dev/null 2>&1; then
        local j
        j=$(readlink -f "$(command -v java)")
        candidates+=("$(dirname "$(dirname "$j")")")
    fi
    local home major
    for home in "${candidates[@]}"; do
        [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
        major=$(irbis_java_major "$home/bin/java")
        if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
            IRBIS_JAVA_HOME="$home"
            return 0
        fi
    done
    echo "irbis: no JDK 25 or newer found (looked at JAVA_HOME, /usr/lib/jvm, /opt/java, /usr/local and the PATH)." >&2
    echo "irbis: install one (for example Eclipse Temurin 25) and set JAVA_HOME to it." >&2
    return 1
}
