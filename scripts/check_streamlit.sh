#!/usr/bin/env bash
# Run the unit + AppTest suites against one Streamlit release, or the nightly build.
#
#   scripts/check_streamlit.sh 1.65.0      # a release from PyPI
#   scripts/check_streamlit.sh nightly     # the newest streamlit-nightly
#   scripts/check_streamlit.sh 1.64.0 -k enable -x   # extra arguments go to pytest
#
# Why a venv per release: the debugger hooks Streamlit's internals, so every release
# it claims (pyproject's one declared range) is checked against its own install.
# The venv (reused on the next run) is $SSD_VENV_DIR/ssd-streamlit-<release>-py<X.Y>
# (default /tmp). It installs that Streamlit with the project's declared dependencies and test
# extras (read from pyproject.toml, the one source; playwright left out: no browser
# suite here), then installs a copy of this project as a user would and fails if pip
# moved the Streamlit it found. The tests import the working tree (PYTHONPATH=repo).
#
# Environment: PYTHON (interpreter for the venv, default python3; a version such as 3.10
# is looked up: python3.10 on PATH, pyenv's versions/3.10.*, then uv's);
# SSD_SUITES (default "tests/unit tests/apptest tests/cli tests/fuzz": everything but the browser
# suite; the fuzz suite takes under a minute); SSD_VENV_DIR (default /tmp).
set -euo pipefail

if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
RELEASE="$1"; shift
if [ "$RELEASE" != nightly ] && ! [[ "$RELEASE" =~ ^[0-9]+\.[0-9]+(\.[0-9]+)?([a-z0-9.]*)$ ]]; then
  echo "check_streamlit: '$RELEASE' is neither a release number (1.65.0) nor 'nightly'" >&2
  exit 2
fi

REPO="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"

# PYTHON=3.10: the oldest Python pyproject declares, which a machine may have only under
# pyenv (whose python3.10 shim refuses while another version is selected) or uv.
is_python() { "$1" -c "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$2'.split('.'))))" 2>/dev/null; }
if [[ "$PYTHON" =~ ^[0-9]+\.[0-9]+$ ]]; then
  WANT_PY="$PYTHON" PYTHON=""
  for cand in "python$WANT_PY" $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}/versions/$WANT_PY".*/bin/python3 2>/dev/null | sort -rV); do
    if is_python "$cand" "$WANT_PY"; then PYTHON="$cand"; break; fi
  done
  if [ -z "$PYTHON" ] && command -v uv >/dev/null; then
    PYTHON="$(uv python find "$WANT_PY" 2>/dev/null || { uv python install "$WANT_PY" >&2 && uv python find "$WANT_PY"; } || true)"
  fi
  if [ -z "$PYTHON" ] || ! is_python "$PYTHON" "$WANT_PY"; then
    echo "check_streamlit: no Python $WANT_PY here (looked for python$WANT_PY on PATH," \
      "${PYENV_ROOT:-$HOME/.pyenv}/versions/$WANT_PY.*, uv); install one (pyenv install $WANT_PY," \
      "or pip install uv && uv python install $WANT_PY)" >&2
    exit 3
  fi
fi
SUITES="${SSD_SUITES:-tests/unit tests/apptest tests/cli tests/fuzz}"
PYTAG="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
VENV="${SSD_VENV_DIR:-/tmp}/ssd-streamlit-$RELEASE-py$PYTAG"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
started=$(date +%s)

if [ ! -x "$VENV/bin/python" ]; then
  echo "== venv $VENV ($("$PYTHON" --version 2>&1))"
  "$PYTHON" -m venv "$VENV"
fi
VPY="$VENV/bin/python"
pip_q() { "$VPY" -m pip install --quiet "$@"; }

if [ "$RELEASE" = nightly ]; then
  DIST=streamlit-nightly; SPEC=streamlit-nightly; pip_q --upgrade "$SPEC"
else
  DIST=streamlit; SPEC="streamlit==$RELEASE"; pip_q "$SPEC"
fi
WANT="$("$VPY" -c "import importlib.metadata as m; print(m.version('$DIST'))")"

echo "== $SPEC ($WANT) with the project's declared dependencies"
"$VPY" -c 'import tomllib' 2>/dev/null || pip_q tomli
mapfile -t DEPS < <("$VPY" - "$REPO/pyproject.toml" <<'PY'
import re
import sys

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

project = tomllib.load(open(sys.argv[1], "rb"))["project"]
for req in project["dependencies"] + project["optional-dependencies"]["test"]:
    name = re.split(r"[\s<>=!~;\[]", req, maxsplit=1)[0].lower()
    if name not in ("streamlit", "playwright"):
        print(req)
PY
)
pip_q "$SPEC" "${DEPS[@]}"

echo "== pip install of a copy of this project beside $SPEC"
SRC="$(mktemp -d /tmp/ssd-src.XXXXXX)"
trap 'rm -rf "$SRC"' EXIT
tar -C "$REPO" --exclude=./.git --exclude=./frontend/node_modules --exclude=./build \
  --exclude='*.egg-info' --exclude=./.hypothesis --exclude=./traces -cf - . | tar -C "$SRC" -xf -
if [ "$RELEASE" = nightly ]; then
  pip_q --no-deps "$SRC"  # streamlit-nightly is another distribution: pip would add a release
else
  pip_q "$SRC"
fi
HAVE="$("$VPY" -c "import importlib.metadata as m; print(m.version('$DIST'))")"
if [ "$HAVE" != "$WANT" ]; then
  echo "check_streamlit: installing the project moved $DIST from $WANT to $HAVE" >&2
  exit 1
fi
PYV="$("$VPY" -c 'import platform; print(platform.python_version())')"
echo "   kept $DIST $HAVE (Python $PYV)"
# The installed copy, as a user gets it (no PYTHONPATH, away from the repo): every
# module shipped, the range read from its metadata, and the start-up probe accepts it.
(cd / && "$VPY" - <<'PY'
import st_state_debugger
from st_state_debugger import internals

assert "site-packages" in st_state_debugger.__file__, st_state_debugger.__file__
assert internals.refusal() is None, internals.refusal()
assert internals.missing_internals() == [], internals.missing_internals()
print(f"   installed copy: range streamlit{internals.declared_range()}, all hook points hold")
PY
)

echo "== pytest -q $SUITES $* (PYTHONPATH=$REPO)"
cd "$REPO"
set +e
# shellcheck disable=SC2086  # SUITES is a list of paths
PYTHONPATH="$REPO" "$VPY" -m pytest -q -p no:cacheprovider $SUITES "$@"
rc=$?
set -e
echo "== streamlit $HAVE, Python $PYV: pytest exit $rc in $(( $(date +%s) - started )) s"
exit $rc
