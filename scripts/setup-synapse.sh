#!/usr/bin/env bash
# Copyright 2026 The element-account-security authors
# SPDX-License-Identifier: AGPL-3.0-only
#
# Creates (or reuses) the project-local Synapse virtualenv used by the integration tests.
# Idempotent and fast when already done: a marker file records the pinned version, so a second
# run only compares one line. Called by jest's integration globalSetup and by .ci/run.
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

started=$(date +%s)
if [[ ! -x "$VENV/bin/python" ]]; then
    echo "setup-synapse: creating virtualenv $VENV" >&2
    "$PYTHON" -m venv "$VENV"
fi

# An existing venv that already has the pinned version (e.g. made by hand) only needs the marker.
installed="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("matrix-synapse"))' 2>/dev/null || true)"
if [[ "$installed" != "$SYNAPSE_VERSION" ]]; then
    echo "setup-synapse: installing matrix-synapse==$SYNAPSE_VERSION (found: ${installed:-none})" >&2
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "matrix-synapse==$SYNAPSE_VERSION"
fi

# Prove it imports before declaring success.
"$VENV/bin/python" -c 'import synapse.app.homeserver' >/dev/null
echo "$SYNAPSE_VERSION" >"$MARKER"
echo "setup-synapse: matrix-synapse $SYNAPSE_VERSION ready in $VENV ($(($(date +%s) - started)) s)" >&2
