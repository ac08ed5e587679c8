#!/usr/bin/env bash
# Starts a PostgreSQL for the store conformance suite on a fresh Debian
# machine (run as root) and prints the one line to source:
#
#   bash .ci/postgres.sh >"$file" && . "$file"
#
# Not eval "$(...)": the server is a daemon, and a daemon that inherits the
# substitution's pipe keeps it open, so the substitution never ends (CI hung
# 90 minutes on exactly that). The start below also closes fd 3 for the
# same reason.
#
# Idempotent: installs postgresql only if missing, creates the cluster, role
# and database only if missing, starts the cluster only if it is down.
# Everything but the export line goes to stderr.
set -euo pipefail
exec 3>&1 1>&2

ROLE=${PLANWATCH_PG_ROLE:-planwatch}
PASS=${PLANWATCH_PG_PASSWORD:-planwatch}
DB=${PLANWATCH_PG_DB:-planwatch_test}

if ! command -v pg_lsclusters >/dev/null || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION main"; then
	pg_createcluster "$VERSION" main >/dev/null
fi
# Loopback only: the suite needs no network beyond this machine. Debian's
# postgresql.conf reads conf.d/ last, so this wins over the default.
CONF_D=/etc/postgresql/$VERSION/main/conf.d
mkdir -p "$CONF_D"
printf "listen_addresses = '127.0.0.1'\n" >"$CONF_D/planwatch.conf"
if [ "$(pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $4}')" != online ]; then
	pg_ctlcluster "$VERSION" main start </dev/null 3>&-
fi
PORT=$(pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $3}')

psql_admin() { su postgres -c "psql -p $PORT -v ON_ERROR_STOP=1 -qAt $*"; }
for _ in $(seq 1 30); do
	psql_admin "-c 'SELECT 1'" >/dev/null 2>&1 && break
	sleep 1
done

if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'\"")" != 1 ]; then
	psql_admin "-c \"CREATE ROLE $ROLE LOGIN PASSWORD '$PASS'\""
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$DB'\"")" != 1 ]; then
	psql_admin "-c \"CREATE DATABASE $DB OWNER $ROLE ENCODING 'UTF8' TEMPLATE template0\""
fi

echo "export PLANWATCH_TEST_PG='postgres://$ROLE:$PASS@127.0.0.1:$PORT/$DB?sslmode=disable'" >&3
