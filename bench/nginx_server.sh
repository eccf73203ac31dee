# Sourced by the HTTP benchmarks: starts a stock nginx from Debian on 127.0.0.1 (one
# worker, a 2 KiB static file, access log off, room for 30 000 connections) in a
# scratch directory, stopped and removed when the script exits. Sets $work and $url.
for tool in wrk nginx; do
  command -v $tool >/dev/null || { echo "$tool is not installed (ci/install-deps.sh --bench installs it)" >&2; exit 3; }
done
work=$(mktemp -d)
chmod 755 "$work"  # nginx workers run as nobody
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
head -c 1536 /dev/urandom | base64 -w0 >"$work/index.html"  # 2 048 bytes
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
worker_rlimit_nofile 65536;
daemon off;
error_log $work/error.log;
pid $work/nginx.pid;
events { worker_connections 32768; }
http {
  access_log off;
  server { listen 127.0.0.1:$port backlog=16384; root $work; }
}
CONF
nginx -c "$work/nginx.conf" &
nginx_pid=$!
trap 'kill $nginx_pid 2>/dev/null; wait $nginx_pid 2>/dev/null; rm -rf "$work"' EXIT
url="http://127.0.0.1:$port/index.html"
for _ in $(seq 1 100); do curl -sf -o /dev/null "$url" && break; sleep 0.05; done
