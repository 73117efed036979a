#!/usr/bin/env bash
# Requests per second of `benchsite serve` on loopback with 64 concurrent clients (ApacheBench,
# `apt-get install apache2-utils`): the demo site's index.html (about 100 KB), 20,000 requests,
# with keep-alive and with a new connection per request, median of 3 runs each. Release build.
# Also: a request while 100 idle connections are open, and one 1 GiB file (sparse) streamed.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product benchsite >/dev/null
bin=.build/release/benchsite
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" build examples --out "$work/site" --quiet
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve "$work/site" --port "$port" >/dev/null &
server=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
size=$(stat -c %s "$work/site/index.html")
echo "benchsite serve: index.html ($size bytes), 64 concurrent clients, 20,000 requests, median of 3"
for mode in keep-alive close; do
  flag=""; [ "$mode" = keep-alive ] && flag="-k"
  rates=()
  for _ in 1 2 3; do
    rate=$(ab $flag -q -c 64 -n 20000 "http://127.0.0.1:$port/index.html" 2>/dev/null | awk '/Requests per second/ {print $4}')
    rates+=("$rate")
  done
  median=$(printf '%s\n' "${rates[@]}" | sort -n | sed -n 2p)
  echo "  $mode: $median requests/s (runs: ${rates[*]})"
done
python3 - "$port" <<'PY'
import socket, sys, time
port = int(sys.argv[1])
idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(100)]
start = time.monotonic()
s = socket.create_connection(("127.0.0.1", port))
s.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
while s.recv(65536):
    pass
print(f"  a request with 100 idle connections open: {1000 * (time.monotonic() - start):.1f} ms")
PY
truncate -s 1G "$work/site/data/big.csv"
peak_before=$(awk '/VmHWM/ {print $2}' /proc/$server/status)
curl -s -o /dev/null -w "  1 GiB file streamed at %{speed_download} bytes/s\n" "http://127.0.0.1:$port/data/big.csv"
peak_after=$(awk '/VmHWM/ {print $2}' /proc/$server/status)
echo "  server peak resident memory: ${peak_before} KiB before, ${peak_after} KiB after the 1 GiB file"
