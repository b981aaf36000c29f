#!/usr/bin/env bash
# Times a 1,000,000-point sweep of the 5-product example through the streaming HTTP endpoint
# (CSV and NDJSON), against the packaged service on a spare port. Prints points per second.
# Run from the repository root after `mvn -B package -DskipTests`. Needs curl and jq.
set -euo pipefail
port=${PORT:-8099}
runs=${RUNS:-5}
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }

java -Dquarkus.http.port="$port" -jar "$jar" > /tmp/parley-bench-http.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 1 60); do curl -sf "localhost:$port/q/health/ready" > /dev/null && break; sleep 0.5; done

request=$(mktemp)
jq '{scenario: ., metrics: ["npv"], levers: [
      {path: "terms.discounts[srp-trays]", from: 0, to: 0.1, steps: 999},
      {path: "terms.paymentDays", from: 0, to: 90, steps: 999}]}' \
  scenarios/packaging-retailer-renewal.json > "$request"

for accept in text/csv application/x-ndjson; do
  # two warm-up runs let the JIT compile the hot path, as a long-running service would have
  for _ in 1 2; do curl -s -d @"$request" -H 'Content-Type: application/json' -H "Accept: $accept" \
      "localhost:$port/api/v1/analyses/sweep" -o /dev/null; done
  best=999
  for _ in $(seq 1 "$runs"); do
    t=$(curl -s -d @"$request" -H 'Content-Type: application/json' -H "Accept: $accept" \
        "localhost:$port/api/v1/analyses/sweep" -o /dev/null -w '%{time_total}')
    best=$(echo "$t $best" | awk '{print ($1 < $2) ? $1 : $2}')
  done
  echo "$accept: 1000000 points, best of $runs: ${best} s = $(echo "$best" | awk '{printf "%.0f", 1000000 / $1}') points/s"
done
