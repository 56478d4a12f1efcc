#!/usr/bin/env bash
# GNU parallel over ssh: N shards of one scan spread over the machines in a host file, then the
# merge on this machine.
#
#   deploy/parallel/run-shards.sh ARCHIVE REPORTS N [HOSTFILE]
#
# ARCHIVE and REPORTS must be the same path on every host (an NFS or SMB mount); sopaudit must
# be on each host's PATH. HOSTFILE is GNU parallel's --sshloginfile format, one line per host,
# e.g. "1/pemda-srv1" runs one shard at a time there (each shard uses 2 workers: give a host
# cores/2 slots). Without HOSTFILE the shards run on this machine, 1 at a time.
set -euo pipefail
ARCHIVE=${1:?usage: run-shards.sh ARCHIVE REPORTS N [HOSTFILE]}
REPORTS=${2:?usage: run-shards.sh ARCHIVE REPORTS N [HOSTFILE]}
N=${3:?usage: run-shards.sh ARCHIVE REPORTS N [HOSTFILE]}
HOSTS=${4:-}
command -v parallel >/dev/null || { echo "needs GNU parallel (apt-get install parallel)" >&2; exit 2; }

where=(-j1)
[[ -n $HOSTS ]] && where=(--sshloginfile "$HOSTS")
# Exit code 1 of a shard means "error findings present": count it as success. A shard that
# failed for real (exit 2) is retried twice, then stops the whole run (--halt).
seq 1 "$N" | parallel "${where[@]}" --retries 3 --halt now,fail=1 --joblog "$REPORTS/shards.joblog" \
  "mkdir -p '$REPORTS/shard-{}' && OMP_THREAD_LIMIT=1 sopaudit scan '$ARCHIVE' --out '$REPORTS/shard-{}' --jobs 2 --quiet --shard {}/$N; r=\$?; [ \$r -le 1 ]"
sopaudit merge "$REPORTS"/shard-*/report.json --out "$REPORTS/merged" || [ $? -eq 1 ]
