#!/bin/bash
# Cold start of the review commands, two checkouts interleaved run by run (run by hand):
#   bench/coldstart.sh BEFORE_CHECKOUT AFTER_CHECKOUT [RUNS]
#   e.g. bench/coldstart.sh ../main . 10
# Each checkout runs with its own .venv; the database (12 articles, 36 claims) is made by the
# "before" code and copied for the "after" code, which migrates it once, untimed. Prints the
# min / median / max of `/usr/bin/time -f %e` for queue, next, history and verdict.
set -u
BEFORE=$(cd "$1" && pwd); AFTER=$(cd "$2" && pwd); RUNS=${3:-10}
D=$(mktemp -d /tmp/claims-coldstart-XXXX)
(cd "$BEFORE" && .venv/bin/python -c "
from claims.db import open_engine
from claims.store import save_article
from tests.test_queue import story
e = open_engine('sqlite:///$D/before.db')
for i in range(12):
    save_article(e, *story(f'x{i}.txt', [f'Ridership rose {i} percent in 2025.', f'The bridge cost {i} million.', f'It has {i} lanes.']))
") || exit 1
"$AFTER/.venv/bin/python" -c "
import sqlite3; s = sqlite3.connect('$D/before.db'); d = sqlite3.connect('$D/after.db'); s.backup(d); d.close()"
cd "$D"
export CLAIMS_REVIEWER=zz
CLAIMS_DATABASE_URL=sqlite:///$D/after.db "$AFTER/.venv/bin/claims" queue > /dev/null  # the migration, once
for cmd in "queue" "next" "history 1" "verdict"; do
  : > before.times; : > after.times
  for i in $(seq 1 "$RUNS"); do
    for side in before after; do
      if [ $side = before ]; then BIN=$BEFORE/.venv/bin/claims; else BIN=$AFTER/.venv/bin/claims; fi
      args="$cmd"; [ "$cmd" = verdict ] && args="verdict $((i + 10)) true --note run$i"
      # shellcheck disable=SC2086
      CLAIMS_DATABASE_URL=sqlite:///$D/$side.db CLAIMS_REPORTS_DIR=$D/reports-$side \
        /usr/bin/time -f %e -a -o $side.times "$BIN" $args > /dev/null 2> err || { echo "FAILED $side $args"; cat err; }
    done
  done
  for side in before after; do
    sort -n $side.times | awk -v c="$cmd" -v s=$side '{a[NR]=$1} END {printf "%-10s %-6s min %.2f  median %.2f  max %.2f  (n=%d)\n", c, s, a[1], (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[NR], NR}'
  done
done
rm -rf "$D"
