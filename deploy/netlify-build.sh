#!/usr/bin/env bash
# Netlify's build command (netlify.toml): stogen from a virtualenv kept between deploys, then `stogen build`.
#
# A fresh `pip install .` on every deploy downloads and installs stogen's dependencies again (10 s on a machine
# next to its package index, more on Netlify) and costs more than an incremental build of the whole programme.
# deploy/netlify-plugin-stogen keeps .stogen-venv/ with .stogen-cache/ and public/. The virtualenv is made again
# only when pyproject.toml, the Python version or the checkout's path changed, or when it no longer imports stogen;
# stogen itself is installed editable, so the code of this checkout runs without reinstalling it.
#
# STOGEN_VENV names another folder (the tests use it), STOGEN_PYTHON another Python than python3; arguments are
# passed on to `stogen build`.
set -euo pipefail

venv="${STOGEN_VENV:-.stogen-venv}"
python="${STOGEN_PYTHON:-python3}"
stamp="$venv/.stogen-installed"
want="$("$python" - <<'EOF'
import hashlib, os, sys
h = hashlib.sha256(open("pyproject.toml", "rb").read())
h.update(f"\0{sys.version}\0{os.getcwd()}".encode())
print(h.hexdigest())
EOF
)"

usable() {
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
        && "$venv/bin/python" -I -c 'import stogen' >/dev/null 2>&1  # -I: not from the current folder
}

if usable; then
    echo "stogen: using the virtualenv kept in $venv"
else
    echo "stogen: installing stogen and its dependencies into $venv"
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --editable .
    echo "$want" >"$stamp"
fi
exec "$venv/bin/stogen" build "$@"
