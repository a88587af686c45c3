#!/usr/bin/env bash
# The production layout on this machine, through HTTP: nginx (deploy/nginx/korkyt.conf's locations, plain
# HTTP on a test port) in front of 2 gunicorn instances (deploy/gunicorn.conf.py), 2 Celery workers and beat,
# KORKYT_ENV=production on PostgreSQL (its own database, created and dropped here) and Redis (its own db
# number). scripts/production_smoke.py signs in, uploads a track, pre-translates, renders a delivery,
# searches, checks nginx served everything, kills the worker running a long task with SIGKILL and sees the
# task finish exactly once, sweeps a stale job row, and round-trips a backup. Everything started here is
# stopped by process id. Called by .ci/run under CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}
PG_SERVER=${KORKYT_SMOKE_POSTGRES:-postgres://postgres@127.0.0.1:5432}
DB=${KORKYT_SMOKE_DB:-korkyt_smoke}
REDIS=${KORKYT_SMOKE_REDIS:-redis://127.0.0.1:6379/9}
NGINX_PORT=${KORKYT_SMOKE_PORT:-18080}
IFS=, read -r -a WEB_PORTS <<< "${KORKYT_SMOKE_WEB_PORTS:-18001,18002}"
TLS_PORT=${KORKYT_SMOKE_TLS_PORT:-18443}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "!! nginx is not installed (bash scripts/system-deps.sh as root)" >&2; exit 1; }

HOME_DIR=$(mktemp -d /tmp/korkyt-smoke.XXXXXX)
chmod 755 "$HOME_DIR"  # nginx workers (another user) read the static files
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  [ -f "$HOME_DIR/nginx.pid" ] && kill -QUIT "$(cat "$HOME_DIR/nginx.pid")" 2>/dev/null || true
  # One 10-second grace for all of them together (not 10 seconds each in turn), then SIGKILL what is left.
  for _ in $(seq 1 40); do
    alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.25
  done
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  psql "$PG_SERVER/postgres" -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  "$PY" -c "import redis,sys; redis.Redis.from_url(sys.argv[1]).flushdb()" "$REDIS" 2>/dev/null || true
  if [ $status -ne 0 ]; then
    echo "!! production smoke failed; logs:" >&2
    for log in "$HOME_DIR"/*.log; do echo "--- $log" >&2; tail -n 30 "$log" >&2; done
  fi
  rm -rf "$HOME_DIR"
  exit $status
}
trap cleanup EXIT

psql "$PG_SERVER/postgres" -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
"$PY" -c "import redis,sys; redis.Redis.from_url(sys.argv[1]).flushdb()" "$REDIS"

export KORKYT_ENV=production KORKYT_HOME=$HOME_DIR KORKYT_HTTPS=false \
  SECRET_KEY=smoke-$(head -c 32 /dev/urandom | base64 | tr -d '/+=') \
  ALLOWED_HOSTS=127.0.0.1,localhost CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$NGINX_PORT \
  DATABASE_URL=$PG_SERVER/$DB REDIS_URL=$REDIS KORKYT_ADMIN_PASSWORD=smoke-admin-password \
  KORKYT_TASK_TIME_LIMIT=120 KORKYT_BROKER_VISIBILITY_TIMEOUT=900 KORKYT_LOG_LEVEL=INFO \
  KORKYT_METRICS_TOKEN=smoke-metrics-token \
  DJANGO_SETTINGS_MODULE=korkyt.config.settings PYTHONPATH=$ROOT/src
unset KORKYT_CELERY_EAGER

echo "== production smoke: setup (PostgreSQL $DB, Redis $REDIS)"
"$PY" -m korkyt.cli setup > "$HOME_DIR/setup.log" 2>&1

# nginx: the locations of deploy/nginx/korkyt.conf on a plain-HTTP test port, paths under this home.
sed -n '/^upstream korkyt_web/,/^}/p' deploy/nginx/korkyt.conf \
  | sed "s/127.0.0.1:8001/127.0.0.1:${WEB_PORTS[0]}/; s/127.0.0.1:8002/127.0.0.1:${WEB_PORTS[1]}/" > "$HOME_DIR/upstream.conf"
locations=$(sed -n '/client_max_body_size/,/^}/p' deploy/nginx/korkyt.conf | sed '$d' | sed "s#/srv/korkyt/#$HOME_DIR/#g")
# TLS as deploy/ sets it (its ssl_protocols and session cache), with a certificate made for 127.0.0.1.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$HOME_DIR/tls.key" -out "$HOME_DIR/tls.crt" > "$HOME_DIR/openssl.log" 2>&1
tls=$(grep -E '^\s*ssl_(protocols|session_cache)' deploy/nginx/korkyt.conf)
cat > "$HOME_DIR/nginx.conf" <<EOF
worker_processes 1;
pid $HOME_DIR/nginx.pid;
error_log $HOME_DIR/nginx-error.log;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log $HOME_DIR/nginx-access.log;
  client_body_temp_path $HOME_DIR/nginx-body;
  proxy_temp_path $HOME_DIR/nginx-proxy;
  $(cat "$HOME_DIR/upstream.conf")
  server {
    listen 127.0.0.1:$NGINX_PORT;
    listen 127.0.0.1:$TLS_PORT ssl;
    server_name 127.0.0.1;
    ssl_certificate $HOME_DIR/tls.crt;
    ssl_certificate_key $HOME_DIR/tls.key;
    $tls
    $locations
  }
}
EOF
"$NGINX" -t -c "$HOME_DIR/nginx.conf" -e "$HOME_DIR/nginx-error.log" > "$HOME_DIR/nginx-test.log" 2>&1
"$NGINX" -c "$HOME_DIR/nginx.conf" -e "$HOME_DIR/nginx-error.log"

echo "== production smoke: 2 gunicorn, 2 workers, beat, nginx on :$NGINX_PORT"
for port in "${WEB_PORTS[@]}"; do
  KORKYT_BIND=127.0.0.1:$port PROMETHEUS_MULTIPROC_DIR=$HOME_DIR/metrics-$port "$PY" -m gunicorn -c deploy/gunicorn.conf.py korkyt.config.wsgi:application \
    > "$HOME_DIR/web-$port.log" 2>&1 &
  PIDS+=($!)
done
for n in 1 2; do
  "$PY" -m celery -A korkyt.config.celery worker --hostname "worker$n@smoke" --concurrency 1 --loglevel INFO \
    --without-gossip --without-mingle > "$HOME_DIR/worker$n.log" 2>&1 &
  PIDS+=($!)
  echo $! > "$HOME_DIR/worker$n.pid"
done
"$PY" -m celery -A korkyt.config.celery beat --loglevel INFO --schedule "$HOME_DIR/beat-schedule" \
  > "$HOME_DIR/beat.log" 2>&1 &
PIDS+=($!)

"$PY" scripts/production_smoke.py --base "http://127.0.0.1:$NGINX_PORT" --home "$HOME_DIR" \
  --web-ports "${WEB_PORTS[0]},${WEB_PORTS[1]}" --tls "https://127.0.0.1:$TLS_PORT" --tls-ca "$HOME_DIR/tls.crt"
echo "== production smoke: passed"
