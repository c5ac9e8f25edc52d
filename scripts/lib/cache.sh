# Sourced by the conformance scripts: one place on disk, outside any checkout, for build outputs
# that take minutes (Python venvs, Go binaries). Each entry is a folder named after what it is and
# a hash of the files it is built from, so a fresh clone on the same machine reuses it, and a
# change to any input builds a new entry beside the old one.
#
#   SLUICE_CACHE   where the entries live (default: ${XDG_CACHE_HOME:-$HOME/.cache}/sluice)

sluice_cache_root() {
  echo "${SLUICE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sluice}"
}

# sluice_cache_dir NAME FILE... -> prints ROOT/NAME-<16 hex of a sha256 over the files' base
# names and contents>.
sluice_cache_dir() {
  local name="$1"; shift
  local key
  key="$(for f in "$@"; do printf '%s\0' "$(basename "$f")"; cat "$f"; printf '\0'; done | sha256sum | cut -c1-16)"
  echo "$(sluice_cache_root)/$name-$key"
}

# sluice_cache_build DIR COMMAND... -> runs COMMAND (which fills DIR) once: DIR counts as built
# only when it holds the marker written after COMMAND succeeded, so an interrupted build is
# thrown away and redone, never taken for a finished one. A lock keeps two test runs on one
# machine from building the same entry at once. COMMAND's output goes to DIR.log.
sluice_cache_build() {
  local dir="$1"; shift
  mkdir -p "$(dirname "$dir")"
  (
    flock 9
    if [ -f "$dir/.sluice-complete" ]; then exit 0; fi
    rm -rf "$dir"
    mkdir -p "$dir"
    if "$@" >"$dir.log" 2>&1; then
      touch "$dir/.sluice-complete"
    else
      rm -rf "$dir"
      exit 1
    fi
  ) 9>"$dir.lock"
}

# sluice_python -> prints the interpreter the kfp and MLflow venvs are built with: $PYTHON, else
# python3.11, else python3.
sluice_python() {
  local python="${PYTHON:-python3.11}"
  command -v "$python" >/dev/null 2>&1 || python=python3
  echo "$python"
}

# sluice_venv NAME REQUIREMENTS [PYTHON] -> prints the path of a venv built (once per machine)
# from a fully pinned requirements file. Venvs record their own path, so each is built where it
# stays. Says on stderr what it builds; on failure prints the tail of pip's log there.
sluice_venv() {
  local name="$1" requirements="$2" python="${3:-python3}"
  local pyver dir
  pyver="$("$python" -c 'import sys; print("py%d%d" % sys.version_info[:2])')" || return 1
  dir="$(sluice_cache_dir "venv-$name-$pyver" "$requirements")"
  if [ ! -f "$dir/.sluice-complete" ]; then
    echo "building the $name venv from $(basename "$requirements") into $dir (minutes, once per machine)..." >&2
    if ! sluice_cache_build "$dir" _sluice_make_venv "$python" "$dir" "$requirements"; then
      echo "pip failed; the end of $dir.log:" >&2
      tail -n 15 "$dir.log" >&2
      return 1
    fi
  fi
  echo "$dir"
}

_sluice_make_venv() {
  "$1" -m venv "$2" && "$2/bin/pip" install --quiet --disable-pip-version-check -r "$3"
}
