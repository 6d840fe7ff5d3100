# Shared set-up for the scripts: a project-local virtualenv with the package installed.
# Sourced, not run. Idempotent: a second run only checks that everything is in place.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-python3}"

ensure_venv() {  # $1: pip extras, e.g. "" or "[test]"
  if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
  fi
  # shellcheck disable=SC1091
  . .venv/bin/activate
  local stamp=".venv/.installed$1"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    python -m pip install --quiet --upgrade pip
    python -m pip install --quiet -e ".$1"
    touch "$stamp"
  fi
}

ensure_word_lm() {  # Chinese word trigrams: garble repair's second opinion (wordlm.py, opengram.py)
  compgen -G "/usr/lib/*/libime/zh_CN.lm" >/dev/null \
    && compgen -G "/usr/lib/*/sunpinyin/data/lm_sc.t3g" >/dev/null \
    && command -v tslminfo >/dev/null && return
  local packages=(libime-data-language-model sunpinyin-data sunpinyin-utils)
  if command -v apt-get >/dev/null && as_root apt-get update -qq \
    && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null; then
    return
  fi
  echo "note: could not install ${packages[*]}; garble repair reads without them" >&2
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}
