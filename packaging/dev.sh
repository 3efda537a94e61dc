#!/usr/bin/env bash
# Set up everything holdmetight needs on a Debian or Ubuntu machine, then start the application
# (`packaging/dev.sh app [ARGS]`), run the whole test suite (`packaging/dev.sh test [PYTEST ARGS]`)
# or build the frozen application with PyInstaller into dist/holdmetight/
# (`packaging/dev.sh frozen`; it adds PyInstaller to the virtual environment).
#
# It installs the system libraries Qt needs (apt-get; with sudo when not root), creates a virtual
# environment in .venv and installs the project with its test tools into it. Steps that are
# already done are skipped, so the second run starts at once.
set -euo pipefail

cd "$(dirname "$0")/.."
VENV="${HOLDMETIGHT_VENV:-.venv}"
PYTHON="${PYTHON:-python3}"

# Qt's offscreen and X11 (xcb) platforms and a font (the tests read PDFs back with pypdf and
# pypdfium2 from the virtual environment; no system PDF tools are needed).
SYSTEM_PACKAGES=(
  libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxcb-xfixes0
  fonts-dejavu-core
)

say() { printf '[holdmetight] %s\n' "$*" >&2; }

install_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { say "not Debian/Ubuntu: install Qt's libraries yourself"; return; }
  local missing=()
  # Debian's own Python needs python3-venv for virtual environments; other Pythons bring it.
  "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
  for package in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || { say "holdmetight needs Python 3.11 or newer ($PYTHON is $("$PYTHON" --version))"; exit 1; }
  [ -x "$VENV/bin/python" ] || { say "creating $VENV"; "$PYTHON" -m venv "$VENV"; }
  local stamp="$VENV/.holdmetight-installed"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    say "installing holdmetight and its test tools into $VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e '.[test]'
    touch "$stamp"
  fi
}

command="${1:-app}"
[ $# -gt 0 ] && shift
install_system_packages
install_python_packages

case "$command" in
  app)
    exec "$VENV/bin/holdmetight" "$@"
    ;;
  test)
    say "ruff"
    "$VENV/bin/ruff" check holdmetight tests
    say "mypy"
    "$VENV/bin/mypy"
    say "pytest"
    QT_QPA_PLATFORM=offscreen exec "$VENV/bin/python" -m pytest "$@"
    ;;
  frozen)
    if ! "$VENV/bin/python" -c 'import PyInstaller' 2>/dev/null; then
      say "installing PyInstaller into $VENV"
      "$VENV/bin/python" -m pip install --quiet -e '.[freeze]'
    fi
    exec "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
      --distpath dist --workpath build/pyinstaller packaging/holdmetight.spec
    ;;
  *)
    say "usage: packaging/dev.sh app [ARGS] | test [PYTEST ARGS] | frozen"
    exit 2
    ;;
esac
