#!/usr/bin/env bash
# Runs PadLab's tests, stage by stage, after installing and building what is missing:
#   scripts/test.sh [STAGE...]     (no stage: all of them, in this order)
#     native   g++ build: Catch2 tests of every core file, golden TF.js fixtures, CLI end-to-end
#     asan     the same Catch2 tests and CLI test under ASan + UBSan (clang-14, build/sanitize)
#     wasm     the Catch2 tests compiled to WebAssembly, run under node; builds the site too
#     fuzz     the libFuzzer targets only (same sanitizer build), replaying their corpora
#     scalar   the kernels built with PADLAB_FORCE_SCALAR, and their tests (tests/core/kernels)
#     node     node --test tests/node/ against build/web (the wasm module + padlab.js)
#     npm      scripts/pack.sh's tarball installed in a temp folder: node API, node CLI (the CLI
#              suite), an esbuild bundle and a CDN-style page in Chromium (tests/npm/test_pack.sh)
#     browser  node --test tests/browser/: the site in Debian's Chromium via playwright-core
# Every selected stage runs, even after a failure; node, npm and browser need this run's wasm site
# build: they build it themselves when the wasm stage is not selected, and fail (never test a
# stale build/web) when it did not build. Exits non-zero when any stage failed; ends with a
# table of each stage's result and seconds. Compiles with -Werror (PADLAB_WERROR=OFF to relax).
set -uo pipefail
cd "$(dirname "$0")/.."

STAGES=(native asan wasm fuzz scalar node npm browser)
usage() {
  echo "usage: scripts/test.sh [STAGE...]   stages: ${STAGES[*]} (default: all)" >&2
  exit 2
}
declare -A wanted=()
for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  esac
  known=0
  for s in "${STAGES[@]}"; do [ "$arg" = "$s" ] && known=1; done
  ((known)) || { echo "scripts/test.sh: unknown stage '$arg'" >&2; usage; }
  wanted[$arg]=1
done
if ((${#wanted[@]} == 0)); then for s in "${STAGES[@]}"; do wanted[$s]=1; done; fi

t_setup=$SECONDS
scripts/setup.sh test || { echo "scripts/test.sh: scripts/setup.sh test failed" >&2; exit 1; }
t_setup=$((SECONDS - t_setup))

export NODE_PATH=/usr/share/nodejs
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
CONFIGURE_ARGS=("-DPADLAB_WERROR=${PADLAB_WERROR:-ON}")
JOBS=$(nproc)

build() { scripts/build.sh "$1" "${CONFIGURE_ARGS[@]}"; }
run_ctest() { ctest --preset "$1" -j"$JOBS"; }

# The site (wasm module + padlab.js + web/) as built in THIS run: "" = not built yet, ok, failed.
site_state=""
build_site() {
  if [ -z "$site_state" ]; then
    if build site; then site_state=ok; else site_state=failed; fi
  fi
  [ "$site_state" = ok ]
}
need_site() {
  build_site && return 0
  echo "scripts/test.sh: the wasm site build failed in this run; not testing the stale build/web" >&2
  return 1
}
# Where the wasm build writes the site (its PADLAB_WEB_DIR cache entry), for the node and
# browser tests, so they test exactly what was built.
site_dir() {
  local dir
  dir=$(sed -n 's/^PADLAB_WEB_DIR:PATH=//p' build/wasm/CMakeCache.txt 2>/dev/null)
  echo "${dir:-$PWD/build/web}"
}

stage_native()  { build native && run_ctest native; }
stage_asan()    { build asan && run_ctest asan; }
# The site first: node and browser depend on it alone, not on the wasm Catch2 suite.
stage_wasm()    { local ok=0; build_site || ok=1; build wasm && run_ctest wasm && return $ok; }
stage_fuzz()    { build fuzz && run_ctest fuzz; }
stage_scalar()  { build scalar && run_ctest scalar; }
stage_node()    { need_site && PADLAB_WEB_DIR=$(site_dir) node --test tests/node/; }
# The package builds on this run's site (pack.sh adds the node CLI's wasm to the same build).
# pack.sh's build output is shown (a failed build says why); its last line is the tarball.
stage_npm() {
  local log=build/pack.log rc
  need_site || return 1
  scripts/pack.sh "${CONFIGURE_ARGS[@]}" > "$log"; rc=$?
  cat "$log"
  ((rc == 0)) && tests/npm/test_pack.sh "$(tail -n 1 "$log")"
}
stage_browser() { need_site && PADLAB_WEB_DIR=$(site_dir) node --test --test-concurrency=1 tests/browser/; }

declare -A result=() seconds=()
failed=0
for s in "${STAGES[@]}"; do
  [ -n "${wanted[$s]:-}" ] || continue
  echo; echo "==== $s"
  t0=$SECONDS
  if "stage_$s"; then result[$s]=ok; else result[$s]=FAILED; failed=$((failed + 1)); fi
  seconds[$s]=$((SECONDS - t0))
  echo "==== $s: ${result[$s]} (${seconds[$s]} s)"
done

echo
printf '%-8s %-7s %8s\n' stage result seconds
printf '%-8s %-7s %8s\n' setup ok "$t_setup"
for s in "${STAGES[@]}"; do
  [ -n "${result[$s]:-}" ] && printf '%-8s %-7s %8s\n' "$s" "${result[$s]}" "${seconds[$s]}"
done
printf '%-8s %-7s %8s\n' total "$( ((failed)) && echo FAILED || echo ok)" "$SECONDS"
((failed)) && echo "scripts/test.sh: $failed stage(s) failed"
exit $((failed > 0))
