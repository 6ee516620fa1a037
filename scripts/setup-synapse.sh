#!/usr/bin/env bash
# Copyright 2026 The element-account-security authors
# SPDX-License-Identifier: AGPL-3.0-only
#
# Creates (or reuses) the project-local Synapse virtualenv used by the integration tests.
# Idempotent and fast when already done: a marker file records the pinned version, so a second
# run only compares one line. Called by jest's integration globalSetup and by .ci/run.
#
# Needs only python3: without python3-venv (Debian's python3 has no ensurepip then) the venv is made
# with uv or virtualenv if present, else without pip and pip is bootstrapped from PyPI. When nothing
# works it stops with one line naming the command to run.
#
# Environment: SYNAPSE_VENV (default <repo>/.venv), PYTHON (default python3).
set -euo pipefail

SYNAPSE_VERSION="1.163.2"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${SYNAPSE_VENV:-$ROOT/.venv}"
MARKER="$VENV/.synapse-version"
PYTHON="${PYTHON:-python3}"

if [[ -x "$VENV/bin/python" && -f "$MARKER" && "$(cat "$MARKER")" == "$SYNAPSE_VERSION" ]]; then
    exit 0
fi

# Serialise concurrent first runs (e.g. two jest invocations on a fresh clone).
mkdir -p "$VENV"
exec 9>"$VENV/.setup.lock"
flock 9
if [[ -x "$VENV/bin/python" && -f "$MARKER" && "$(cat "$MARKER")" == "$SYNAPSE_VERSION" ]]; then
    exit 0
fi

fail() {
    # One line, naming the command that fixes it.
    echo "setup-synapse: $1" >&2
    exit 1
}

# pip for a venv made without it (Debian's python3 without python3-venv has no ensurepip): the pip
# wheel from PyPI, run as a zip application to install itself into the venv.
bootstrap_pip() {
    local wheel_dir wheel
    wheel_dir="$(mktemp -d)"
    wheel="$("$PYTHON" - "$wheel_dir" <<'PY'
import json, sys, urllib.parse, urllib.request
index = "https://pypi.org/pypi/pip/json"
info = json.load(urllib.request.urlopen(index, timeout=60))
url = next(f["url"] for f in info["urls"] if f["filename"].endswith("-py3-none-any.whl"))
url = urllib.parse.urljoin(index, url)  # a mirror may answer with relative links
target = f"{sys.argv[1]}/{url.rsplit('/', 1)[1]}"
urllib.request.urlretrieve(url, target)
print(target)
PY
)" || { rm -rf "$wheel_dir"; return 1; }
    "$VENV/bin/python" "$wheel/pip" install --quiet --disable-pip-version-check "$wheel" || { rm -rf "$wheel_dir"; return 1; }
    rm -rf "$wheel_dir"
}

make_venv() {
    command -v "$PYTHON" >/dev/null || fail "no $PYTHON: run \`sudo apt-get install python3\`"
    if "$PYTHON" -m venv "$VENV" 2>/dev/null && [[ -x "$VENV/bin/pip" ]]; then return 0; fi
    echo "setup-synapse: \`$PYTHON -m venv\` cannot install pip here (no python3-venv); trying without it" >&2
    if command -v uv >/dev/null && uv venv --quiet --seed --python "$PYTHON" "$VENV"; then return 0; fi
    if "$PYTHON" -m virtualenv --version >/dev/null 2>&1 && "$PYTHON" -m virtualenv --quiet "$VENV"; then return 0; fi
    if "$PYTHON" -m venv --without-pip "$VENV" && bootstrap_pip; then return 0; fi
    fail "cannot make a Python virtualenv: run \`sudo apt-get install python3-venv\`"
}

started=$(date +%s)
if [[ ! -x "$VENV/bin/python" || ! -x "$VENV/bin/pip" ]]; then
    echo "setup-synapse: creating virtualenv $VENV" >&2
    make_venv
fi

# An existing venv that already has the pinned version (e.g. made by hand) only needs the marker.
installed="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("matrix-synapse"))' 2>/dev/null || true)"
if [[ "$installed" != "$SYNAPSE_VERSION" ]]; then
    echo "setup-synapse: installing matrix-synapse==$SYNAPSE_VERSION (found: ${installed:-none})" >&2
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip ||
        fail "pip cannot reach PyPI: check the network (or a proxy: HTTPS_PROXY=…) and run \`scripts/setup-synapse.sh\`"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "matrix-synapse==$SYNAPSE_VERSION" ||
        fail "installing matrix-synapse==$SYNAPSE_VERSION failed (output above); fix that and run \`scripts/setup-synapse.sh\`"
fi

# Prove it imports before declaring success.
"$VENV/bin/python" -c 'import synapse.app.homeserver' >/dev/null
echo "$SYNAPSE_VERSION" >"$MARKER"
echo "setup-synapse: matrix-synapse $SYNAPSE_VERSION ready in $VENV ($(($(date +%s) - started)) s)" >&2
