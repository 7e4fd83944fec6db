# Sourced by ./irbis and ./test.sh. irbis_find_jdk prints the home of a JDK 25 or newer and returns 0,
# or returns 1. Order: $JAVA_HOME, the usual install folders, then `java` on the PATH.

IRBIS_MIN_JAVA=25

# Major version of the JDK/JRE at $1 ("25"), or nothing if it is not one.
irbis_java_major() {
    local home="$1" v=""
    [ -x "$home/bin/java" ] || return 0
    if [ -f "$home/release" ]; then
        v="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")"
    fi
    if [ -z "$v" ]; then
        v="$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)"
    fi
    v="${v#1.}"
    echo "${v%%[.+-]*}"
}

irbis_jdk_usable() {
    local major
    major="$(irbis_java_major "$1")"
    [ -n "$major" ] && [ "$major" -ge "$IRBIS_MIN_JAVA" ] 2>/dev/null
}

irbis_find_jdk() {
    local c
    if [ -n "${JAVA_HOME:-}" ] && irbis_jdk_usable "$JAVA_HOME"; then
        echo "$JAVA_HOME"
        return 0
    fi
    for c in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* /usr/lib/jvm/*2[6-9]* /opt/java/* /usr/local/*jdk*; do
        if [ -d "$c" ] && irbis_jdk_usable "$c"; then
            echo "$c"
            return 0
        fi
    done
    if c="$(command -v java)"; then
        c="$(dirname "$(dirname "$(readlink -f "$c")")")"
        if irbis_jdk_usable "$c"; then
            echo "$c"
            return 0
        fi
    fi
    return 1
}

IRBIS_NO_JDK_MESSAGE="no Java $IRBIS_MIN_JAVA or later found (looked at JAVA_HOME, /usr/lib/jvm, /opt/java, /usr/local and java on the PATH).
install a JDK $IRBIS_MIN_JAVA+ (e.g. Eclipse Temurin 25) and point JAVA_HOME at it."
