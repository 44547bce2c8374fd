#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432) and NATS with JetStream (127.0.0.1:4222) answer, starting
# them when they do not: the machine's own services first, then the packages' fallbacks.
set -uo pipefail
cd "$(dirname "$0")/.."

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {
  for _ in $(seq 1 60); do answers "$1" && return 0; sleep 0.5; done
  return 1
}

if ! answers 5432; then
  echo "ensure-services: PostgreSQL is not answering on 5432; starting it"
  if ls /etc/postgresql >/dev/null 2>&1 && command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
  if ! wait_for 5432; then
    echo "ensure-services: falling back to embedded PostgreSQL"
    mkdir -p .data
    nohup node scripts/embedded-postgres.js --port 5432 > .data/embedded-postgres.log 2>&1 &
    wait_for 5432 || { echo "ensure-services: PostgreSQL did not start" >&2; exit 1; }
  fi
fi

if ! answers 4222; then
  echo "ensure-services: NATS is not answering on 4222; starting it"
  if ! command -v nats-server >/dev/null && [ ! -x /usr/sbin/nats-server ]; then
    (apt-get update -qq && apt-get install -y -qq nats-server) >/dev/null 2>&1 || true
  fi
  bin=$(command -v nats-server || echo /usr/sbin/nats-server)
  mkdir -p .data/nats
  nohup "$bin" -a 127.0.0.1 -p 4222 -js -sd "$PWD/.data/nats" > .data/nats.log 2>&1 &
  wait_for 4222 || { echo "ensure-services: NATS did not start" >&2; exit 1; }
fi
echo "ensure-services: PostgreSQL and NATS are up"
