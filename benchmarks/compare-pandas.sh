#!/bin/sh
# The streamed `fairpath audit` (the whole command) beside pandas' read_csv alone, on the same two generated files
# (issue 18): the audit file with text columns, and the same rows with numeric codes (where pandas is at its fastest).
# Run from the repository root after `mvn -B -q -DskipTests package`. The files are generated in $DIR (default /tmp),
# never committed; an existing file is reused. /usr/bin/time gives wall, CPU and peak RSS. On a shared machine compare
# the CPU times (user + sys): wall time there mostly measures the queue for the CPU.
set -e
DIR=${DIR:-/tmp}
ROWS=${ROWS:-10000000}
TEXT=$DIR/audit${ROWS}.csv
CODED=$DIR/audit${ROWS}-coded.csv
GEN="java -cp benchmarks/target/benchmarks.jar org.fairpath.benchmarks.AuditFileGenerator"
[ -f "$TEXT" ] || $GEN "$TEXT" "$ROWS" 18
[ -f "$CODED" ] || $GEN "$CODED" "$ROWS" 18 coded
java -version 2>&1 | head -1
/usr/bin/python3 -c "import sys, pandas, numpy; print('python', sys.version.split()[0], 'pandas', pandas.__version__, 'numpy', numpy.__version__)"
uptime
FMT="%e s wall, %U s user, %S s sys, %M KB peak RSS"
for round in 1 2; do
  for f in "$TEXT" "$CODED"; do
    case $f in *coded*) fav=1; emp=1;; *) fav=referred; emp=employed;; esac
    printf 'round %s %s\n  fairpath audit: ' "$round" "$f"
    /usr/bin/time -f "$FMT" java -Xmx512m -jar examples/target/fairpath.jar audit --input "$f" \
      --protected gender,age_band,citizenship --decision decision --favourable-decision $fav --outcome outcome \
      --favourable-outcome $emp --score score --intersections 3 --out "$DIR/fairpath-compare.json" --overwrite \
      > /dev/null
    printf '  pandas read_csv: '
    /usr/bin/time -f "$FMT" /usr/bin/python3 -c "import sys, pandas as pd; pd.read_csv(sys.argv[1])" "$f"
  done
done
