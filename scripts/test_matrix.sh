#!/usr/bin/env bash
# make test-matrix: the whole suite (`make test`) and `make demo` on the QGIS versions users run, each inside
# a Debian root made with debootstrap (docker does not run on these machines):
#   trixie  Debian 13   QGIS 3.40, Python 3.13
#   sid     Debian sid  QGIS 3.44, Python 3.14
# (QGIS 3.22 on Debian 12 is the machine itself: plain `make test`.)
#
# Roots are built once into a cache outside the clone and reused: $CLUSTERBELT_MATRIX_CACHE (default
# /var/cache/clusterbelt-matrix), one folder per suite. A root is `debootstrap --variant=minbase` plus the
# Debian packages of scripts/ensure_env.sh (apt --no-install-recommends); its stamp file is written last, so a
# build that was interrupted is finished (packages) or redone (debootstrap) on the next run. Each run copies
# the clone's files as they are in the working tree (tracked and new, not ignored: `git ls-files`) to
# /srv/clusterbelt in the root and runs `make test` and `make demo` there (the venv stays in the root, at
# /opt/clusterbelt-venv). Logs: $CLUSTERBELT_MATRIX_CACHE/logs/<suite>.log.
#
# Prints one line per version, e.g. `QGIS 3.44.5 (Debian sid): 903 passed; demo ok`. Exit status 1 when the
# tests or the demo fail on any version. A version whose root cannot be built for a reason outside the code
# (too little disk, the mirror unreachable, a failed download) is SKIPPED with the reason and does not fail.
#
# Usage (as root: debootstrap, chroot and mount need it):
#   scripts/test_matrix.sh [trixie] [sid]      (default: both)
#   CLUSTERBELT_MATRIX_CACHE=/other/folder scripts/test_matrix.sh
#   CLUSTERBELT_MATRIX_MIRROR=http://host/debian scripts/test_matrix.sh   (default: the host's apt mirror)
# Clearing the cache (no run active): rm -rf --one-file-system /var/cache/clusterbelt-matrix
set -uo pipefail  # not -e: a failing version is recorded and the next one still runs

cd "$(dirname "$0")/.."
clone="$PWD"
cache="$(realpath -m "${CLUSTERBELT_MATRIX_CACHE:-/var/cache/clusterbelt-matrix}")"
declare -A debian_name=([trixie]="Debian 13 trixie" [sid]="Debian sid")
declare -A qgis_series=([trixie]=3.40 [sid]=3.44)   # for the summary when a root is missing
# Measured: a root with its packages and venv is about 3.5 GB (sid) and 3.7 GB (trixie); apt's downloads
# need room while installing. A test run adds the copy of the clone and its outputs (under 200 MB).
build_needs_gb=5
run_needs_gb=1
root_venv=/opt/clusterbelt-venv
stamp_name=.clusterbelt-matrix-ready          # written last: the root is complete
debootstrap_stamp_name=.clusterbelt-debootstrap-done
# A minbase root lacks what a developer's machine has anyway: make, git (scripts/package.sh lists the files
# with it) and the CA bundle pip needs.
root_extra_packages=(ca-certificates make git)

suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(trixie sid)
for suite in "${suites[@]}"; do
  if [ -z "${debian_name[$suite]+set}" ]; then
    echo "usage: $0 [trixie] [sid]   (unknown suite: $suite)" >&2
    exit 2
  fi
done

if [ "$(id -u)" -ne 0 ]; then
  echo "make test-matrix builds Debian roots (debootstrap, chroot, mount) and must run as root:" >&2
  echo "  sudo make test-matrix" >&2
  command -v debootstrap >/dev/null \
    || echo "It installs debootstrap when missing; or first: sudo apt-get install -y --no-install-recommends debootstrap" >&2
  exit 1
fi

declare -A result       # suite -> the summary line
failed=0
mounted=()              # mount points to undo, in the order they were made
current_root=""         # the root those mounts belong to

stop_processes_in() {  # $1 root: end what still runs inside it (after Ctrl-C, `timeout` keeps its own group)
  local root="$1" pids=() link pid
  for link in /proc/[0-9]*/root; do
    [ "$(readlink "$link" 2>/dev/null)" = "$root" ] && pid="${link#/proc/}" && pids+=("${pid%/root}")
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  kill -TERM "${pids[@]}" 2>/dev/null
  sleep 2
  kill -KILL "${pids[@]}" 2>/dev/null
  return 0
}

unmount_all() {
  local i
  [ -n "$current_root" ] && stop_processes_in "$current_root"
  current_root=""
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[$i]}" 2>/dev/null || umount -l "${mounted[$i]}" 2>/dev/null \
      || echo "WARNING: could not unmount ${mounted[$i]}" >&2
  done
  mounted=()
}
# The trap may run while a command's output goes to a log: fd 8 keeps the terminal's stderr for its message.
exec 8>&2
trap unmount_all EXIT
trap 'echo "Interrupted: unmounting." >&8; unmount_all; exit 130' INT TERM HUP

mount_root() {  # $1 root: /proc, /sys, /dev, /dev/pts for apt and QGIS inside
  local root="$1" target
  current_root="$root"
  mount -t proc proc "$root/proc" && mounted+=("$root/proc") || return 1
  for target in sys dev dev/pts; do
    mkdir -p "$root/$target"
    mount --bind "/$target" "$root/$target" && mounted+=("$root/$target") || return 1
  done
}

mounts_below() {  # $1 folder: the mount points below it (nothing to print when none)
  findmnt -rn -o TARGET | grep -F "$1/" || true
}

in_root() {  # $1 root, then a bash command run inside it with a clean environment
  local root="$1"; shift
  local passthrough=() name
  for name in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
    [ -n "${!name:-}" ] && passthrough+=("$name=${!name}")
  done
  chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive "${passthrough[@]}" bash -c "$*"
}

free_gb() {  # $1 folder (need not exist yet): free GB on its file system
  local folder="$1"
  while [ ! -d "$folder" ]; do folder="$(dirname "$folder")"; done
  df -P -BG "$folder" | awk 'NR == 2 { sub("G", "", $4); print $4 }'
}

host_debian_mirror() {  # the Debian mirror this machine's apt uses (snapshot, proxy...), else deb.debian.org
  local uri
  uri="$(apt-get indextargets --format '$(ORIGIN)|$(LABEL)|$(REPO_URI)' 2>/dev/null \
         | awk -F'|' '$1 == "Debian" && $2 == "Debian" { print $3; exit }')"
  if [ -z "$uri" ]; then  # apt has not downloaded its lists yet: read the sources
    uri="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
           | grep -oE '(https?|file)://[^] ]+/debian/?( |$)' | head -n 1 | tr -d ' ')"
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

skip() {  # $1 suite, $2 reason
  result[$1]="QGIS ${qgis_series[$1]} (${debian_name[$1]}): SKIPPED - $2"
  echo "== $1: SKIPPED - $2" >&2
}

fail() {  # $1 suite, $2 reason
  result[$1]="QGIS ${qgis_series[$1]} (${debian_name[$1]}): FAILED - $2"
  echo "== $1: FAILED - $2" >&2
  failed=1
}

debian_packages=()
read_debian_packages() {  # one definition: scripts/ensure_env.sh's list, plus what a bare root lacks
  mapfile -t debian_packages < <(scripts/ensure_env.sh --debian-packages)
  [ ${#debian_packages[@]} -gt 0 ] || { echo "scripts/ensure_env.sh --debian-packages listed nothing" >&2; exit 1; }
  debian_packages+=("${root_extra_packages[@]}")
}

ensure_debootstrap() {  # 0 when debootstrap is there (installed here as root if missing)
  command -v debootstrap >/dev/null && return 0
  echo "Installing debootstrap on this machine (apt-get install -y --no-install-recommends debootstrap)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap \
    >/dev/null && command -v debootstrap >/dev/null
}

prepare_root_files() {  # $1 suite, $2 root: what apt, pip and package scripts need inside
  local suite="$1" root="$2"
  # Package installs must not start services in the root.
  printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d" && chmod 755 "$root/usr/sbin/policy-rc.d"
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  # The host's own CA certificates (a proxy's, for instance), for pip and apt inside.
  mkdir -p "$root/usr/local/share/ca-certificates"
  find /usr/local/share/ca-certificates -name '*.crt' -exec cp {} "$root/usr/local/share/ca-certificates/" \; 2>/dev/null
  if [ "$suite" = sid ]; then
    # The mirror may be a snapshot whose sid Release is past its Valid-Until date (trixie's has none).
    echo 'Acquire::Check-Valid-Until "false";' > "$root/etc/apt/apt.conf.d/99clusterbelt-snapshot-mirror"
  fi
}

build_reason=""
build_root() {  # $1 suite, $2 root; 0 when complete, else 2 to skip or 1 to fail with $build_reason set
  # Runs in the main shell, never in a $(...) subshell: the INT trap must see what is mounted.
  local suite="$1" root="$2" mirror log="$cache/logs/$1-build.log" start=$SECONDS wanted
  wanted="$suite ${debian_packages[*]}"
  if [ -f "$root/$stamp_name" ] && [ "$(cat "$root/$stamp_name")" = "$wanted" ]; then
    echo "== $suite: reusing the root in $root"
    return 0
  fi
  local free; free="$(free_gb "$cache")"
  if [ "$free" -lt "$build_needs_gb" ]; then
    build_reason="too little disk: building the $suite root needs about $build_needs_gb GB free in $cache, there are $free GB"
    return 2
  fi
  if ! ensure_debootstrap; then
    build_reason="debootstrap is missing and could not be installed (mirror unreachable?): apt-get install debootstrap"
    return 2
  fi
  mkdir -p "$cache/logs"
  : > "$log"
  if [ ! -f "$root/$debootstrap_stamp_name" ]; then
    if [ -n "$(mounts_below "$root")" ]; then
      build_reason="cannot rebuild $root: something is still mounted below it ($(mounts_below "$root" | tr '\n' ' '))"
      return 1
    fi
    rm -rf --one-file-system "$root"
    mirror="${CLUSTERBELT_MATRIX_MIRROR:-$(host_debian_mirror)}"
    echo "== $suite: debootstrap --variant=minbase $suite from $mirror (about 30 s; log $log)"
    if ! debootstrap --variant=minbase "$suite" "$root" "$mirror" >>"$log" 2>&1; then
      tail -n 5 "$log" >&2
      rm -rf --one-file-system "$root"
      build_reason="debootstrap could not make the $suite root from $mirror (download or mirror; log $log)"
      return 2
    fi
    touch "$root/$debootstrap_stamp_name"
  fi
  prepare_root_files "$suite" "$root"
  mount_root "$root" || { unmount_all; build_reason="could not mount /proc, /sys or /dev into $root"; return 1; }
  echo "== $suite: installing ${#debian_packages[@]} Debian packages and their dependencies (about 2 minutes)"
  local status=0 missing
  if ! in_root "$root" "dpkg --configure -a && apt-get update" >>"$log" 2>&1; then
    status=2; build_reason="apt-get update failed inside the $suite root: mirror unreachable? (log $log)"
  else
    missing="$(in_root "$root" "for p in ${debian_packages[*]}; do
                 apt-cache policy \$p | grep -q 'Candidate: [^(]' || echo \$p; done")"
    if [ -n "$missing" ]; then
      status=1; build_reason="Debian $suite has no package $(echo $missing | tr ' ' ','): scripts/ensure_env.sh's list does not install there"
    elif ! in_root "$root" "apt-get install -y --download-only --no-install-recommends ${debian_packages[*]}" >>"$log" 2>&1; then
      status=2; build_reason="downloading the packages into the $suite root failed (log $log)"
    elif ! in_root "$root" "apt-get install -y --no-install-recommends ${debian_packages[*]} && apt-get clean \
                            && update-ca-certificates" >>"$log" 2>&1; then
      status=1; build_reason="installing the packages into the $suite root failed (log $log)"
    else
      # The venv with the test tools (pip, from PyPI) belongs to the build too: a run then downloads nothing.
      cp scripts/ensure_env.sh "$root/tmp/clusterbelt-ensure-env.sh"
      if ! in_root "$root" "bash /tmp/clusterbelt-ensure-env.sh $root_venv" >>"$log" 2>&1; then
        # PyPI out of reach is the machine's problem; a package that does not install there is the code's.
        if in_root "$root" "python3 -c 'import urllib.request; urllib.request.urlopen(\"https://pypi.org/simple/pip/\", timeout=30)'" \
             >>"$log" 2>&1; then
          status=1; build_reason="scripts/ensure_env.sh failed in the $suite root (log $log)"
        else
          status=2; build_reason="PyPI is out of reach from the $suite root: the test tools cannot be installed (log $log)"
        fi
      fi
    fi
  fi
  unmount_all
  [ $status -eq 0 ] || { tail -n 5 "$log" >&2; return $status; }
  echo "$wanted" > "$root/$stamp_name"
  echo "== $suite: root ready in $((SECONDS - start)) s ($(du -sh --one-file-system "$root" | cut -f1))"
}

copy_clone_into() {  # $1 root: the working tree's files (tracked and new, not ignored) to /srv/clusterbelt
  local target="$1/srv/clusterbelt"
  rm -rf --one-file-system "$target" && mkdir -p "$target"
  git -C "$clone" ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' path; do [ -e "$path" ] && printf '%s\0' "$path"; done \
    | tar -C "$clone" --null -T - -cf - | tar -C "$target" -xf - || return 1
  # scripts/package.sh lists the shipped files with git: the copy is a repository of its own.
  in_root "$1" "cd /srv/clusterbelt && git init -q && git add -A \
                && git -c user.name=matrix -c user.email=matrix@localhost commit -q -m 'working tree'"
}

run_suite() {  # $1 suite, $2 root
  local suite="$1" root="$2" log="$cache/logs/$1.log" demo_log="$cache/logs/$1-demo.log" start=$SECONDS
  local qgis summary demo_status test_status
  local free; free="$(free_gb "$cache")"
  if [ "$free" -lt "$run_needs_gb" ]; then
    skip "$suite" "too little disk: a run needs about $run_needs_gb GB free in $cache, there are $free GB"
    return
  fi
  mount_root "$root" || { unmount_all; fail "$suite" "could not mount /proc, /sys or /dev into $root"; return; }
  copy_clone_into "$root" || { unmount_all; fail "$suite" "could not copy the clone into $root"; return; }
  qgis="$(in_root "$root" "python3 -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION.split(\"-\")[0])'" 2>/dev/null)"
  echo "== $suite: QGIS ${qgis:-?}: make test, then make demo (logs $log, $demo_log)"
  # The suite takes 2-3 minutes, the demo one: 15 and 10 minutes mean something hangs, and keep a hung run
  # of both versions inside the 90 minutes CI has.
  in_root "$root" "cd /srv/clusterbelt && timeout -k 30 900 make test VENV=$root_venv" 2>&1 | tee "$log"
  test_status=${PIPESTATUS[0]}
  in_root "$root" "cd /srv/clusterbelt && timeout -k 30 600 make demo VENV=$root_venv DEMO_DIR=/tmp/clusterbelt-demo" \
    2>&1 | tee "$demo_log"
  demo_status=${PIPESTATUS[0]}
  unmount_all
  # pytest's last line: "903 passed in 61.2s" or "2 failed, 901 passed, 1 warning in 60.0s"
  summary="$(grep -E '^=* ?[0-9]+ (passed|failed|error|errors|skipped|deselected)' "$log" | tail -n 1 \
             | sed -E 's/^=+ //; s/ in [0-9.]+s.*$//; s/ =+$//')"
  summary="${summary:-tests did not run (exit status $test_status, see $log)}"
  if [ "$test_status" -eq 0 ] && [ "$demo_status" -eq 0 ]; then
    result[$suite]="QGIS ${qgis:-?} (${debian_name[$suite]}): $summary; demo ok"
  else
    [ "$demo_status" -eq 0 ] && summary+="; demo ok" || summary+="; demo FAILED, exit status $demo_status (log $demo_log)"
    [ "$test_status" -eq 124 ] && summary+="; make test TIMED OUT after 15 minutes (log $log)"
    [ "$test_status" -eq 0 ] || [ "$test_status" -eq 124 ] || summary+="; make test FAILED (log $log)"
    result[$suite]="QGIS ${qgis:-?} (${debian_name[$suite]}): $summary"
    failed=1
  fi
  echo "== $suite: tests and demo in $((SECONDS - start)) s"
}

mkdir -p "$cache/logs" || { echo "cannot create $cache" >&2; exit 1; }
exec 9>"$cache/.lock"
if ! flock -n 9; then
  echo "Another make test-matrix is using $cache; wait for it or set CLUSTERBELT_MATRIX_CACHE." >&2
  exit 1
fi
read_debian_packages
echo "== test matrix: ${suites[*]} (cache $cache, $(free_gb "$cache") GB free)"
total_start=$SECONDS
for suite in "${suites[@]}"; do
  root="$cache/$suite"
  build_root "$suite" "$root"
  case $? in
    0) run_suite "$suite" "$root" ;;
    2) skip "$suite" "$build_reason" ;;
    *) fail "$suite" "$build_reason" ;;
  esac
done

echo "== test matrix done in $((SECONDS - total_start)) s"
tested=0
for suite in "${suites[@]}"; do
  echo "${result[$suite]}"
  [[ "${result[$suite]}" == *SKIPPED* ]] || tested=1
done
[ $tested -eq 1 ] || echo "WARNING: every version was skipped: nothing was tested on QGIS 3.40 or 3.44." >&2
exit $failed
