#!/usr/bin/env bash
# Times a 1,000,000-point sweep of the 5-product example through the streaming HTTP endpoint (CSV and
# NDJSON) against the packaged service on a spare port, beside its in-process references from the
# same run: the sweep through the engine alone (bench/SweepBenchmark) and the engine writing the same
# rows into a discarding stream (api/SweepStreamBenchmark). Prints points per second and the ratio.
# Run from the repository root after `mvn -B package -DskipTests`. Needs curl and jq; the references
# need Maven (about 90 s of JMH, run before the service starts so they do not share the cores with it).
#   PORT (default 8099), RUNS (default 5), WARMUPS (default 15, per format), REFERENCE=no to time HTTP alone,
#   PARLEY_JAVA_OPTS for the service's JVM.
# The service starts in a scratch directory as on a first start: it creates the embedded store and the
# administrator key (data/admin.key, docs/security.md), which every request sends as its bearer token.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-8099}
runs=${RUNS:-5}
warmups=${WARMUPS:-15}
jar=$PWD/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# in-process references: JMH's score (points per second) of each benchmark, by name
declare -A reference=()
if [ "${REFERENCE:-yes}" != no ]; then
  mvn -q -B -Pbench test-compile exec:exec -Dbench.args='Sweep(Stream)?Benchmark' > "$work/jmh.log" 2>&1 \
    || { echo "the in-process references failed; the log:" >&2; tail -20 "$work/jmh.log" >&2; exit 1; }
  # a summary line: the name (JMH drops the packages' common prefix), the format where there is one
  # (N/A for the engine), the mode, the count and the score
  while read -r name score; do reference[$name]=$score; done < <(awk '{
      for (i = 2; i <= NF; i++) if ($i == "thrpt") break
      if (i > NF) next
      if ($1 ~ /SweepBenchmark\.millionPointSweep$/) print "engine", $(i + 2)
      if ($1 ~ /SweepStreamBenchmark\.millionPointStream$/) print "writer" $(i - 1), $(i + 2)
    }' "$work/jmh.log")
fi

(cd "$work" && exec java --add-modules=jdk.incubator.vector ${PARLEY_JAVA_OPTS:-} -Dquarkus.http.port="$port" -jar "$jar" > "$work/service.log" 2>&1) &
server=$!
for _ in $(seq 1 600); do
  [ -s "$work/data/admin.key" ] && curl -sf "localhost:$port/q/health/ready" > /dev/null && break
  kill -0 "$server" 2> /dev/null || { echo "the service stopped; its log:" >&2; tail -20 "$work/service.log" >&2; exit 1; }
  sleep 0.5
done
[ -s "$work/data/admin.key" ] || { echo "no administrator key after 5 minutes; the log:" >&2; tail -20 "$work/service.log" >&2; exit 1; }
key=$(cat "$work/data/admin.key")

request=$work/sweep.json
jq '{scenario: ., metrics: ["npv"], levers: [
      {path: "terms.discounts[srp-trays]", from: 0, to: 0.1, steps: 999},
      {path: "terms.paymentDays", from: 0, to: 90, steps: 999}]}' \
  scenarios/packaging-retailer-renewal.json > "$request"

# prints the seconds one sweep took; fails unless it was answered 200 with the whole million rows
sweep() {
  local accept=$1 out
  out=$(curl -s -d @"$request" -H 'Content-Type: application/json' -H "Accept: $accept" \
      -H "Authorization: Bearer $key" "localhost:$port/api/v1/analyses/sweep" -o "$work/answer" \
      -w '%{http_code} %{time_total}')
  [ "${out% *}" = 200 ] || { echo "$accept: HTTP ${out% *}: $(head -c 300 "$work/answer")" >&2; exit 1; }
  echo "${out#* }"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for accept in text/csv application/x-ndjson; do
  # warm-up runs let the JIT compile the whole path, as a long-running service would have: its compiler
  # threads took 0.1-0.6 s of CPU in each of a fresh service's first 13 CSV sweeps (Netty's buffers and
  # channel, the request's parsing, the sweep's loop), beside the stream on the same cores, and 0-0.06 s
  # from the 14th on (measured under load, 2026-12-04)
  for _ in $(seq 1 "$warmups"); do sweep "$accept" > /dev/null; done
  best=999
  for _ in $(seq 1 "$runs"); do
    t=$(sweep "$accept")
    best=$(echo "$t $best" | awk '{print ($1 < $2) ? $1 : $2}')
  done
  http=$(awk -v t="$best" 'BEGIN {printf "%.0f", 1000000 / t}')
  echo "$accept over HTTP: 1000000 points, best of $runs: ${best} s = $http points/s"
  format=$([ "$accept" = text/csv ] && echo CSV || echo NDJSON)
  if [ -n "${reference[engine]:-}" ]; then
    awk -v h="$http" -v e="${reference[engine]}" -v w="${reference[writer$format]:-0}" -v f="$format" 'BEGIN {
      printf "  in process, same run: engine %.0f points/s (HTTP %.0f %%)", e, 100 * h / e
      if (w > 0) printf "; engine + %s writer %.0f points/s (HTTP %.0f %%)", f, w, 100 * h / w
      printf "\n" }'
  fi
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
