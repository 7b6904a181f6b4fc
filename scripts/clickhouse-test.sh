#!/usr/bin/env bash
# A throw-away ClickHouse cluster for the tests: two server processes on 127.0.0.1 (free ports,
# a temporary data folder each), one cluster `segment_test` of two shards, one per process.
#
#   scripts/clickhouse-test.sh install        install clickhouse-server from Debian when missing (as root)
#   scripts/clickhouse-test.sh start DIR      start both servers under DIR; prints KEY=VALUE lines
#   scripts/clickhouse-test.sh stop DIR       stop them and remove DIR
#
# Nothing listens beyond loopback; nothing is left behind after `stop`.
set -euo pipefail

server_bin() { command -v clickhouse-server || command -v clickhouse || true; }

install() {
  if [ -n "$(server_bin)" ]; then return 0; fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "clickhouse-test: clickhouse-server is missing and cannot be installed here (needs root and apt-get)" >&2
    return 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q clickhouse-server clickhouse-client >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q clickhouse-server clickhouse-client >/dev/null; }
}

free_ports() {
  # Ports the kernel hands out for 0, released right away (the servers bind them next).
  node -e 'const net=require("net");const n=+process.argv[1];const out=[];const next=()=>{if(out.length===n){console.log(out.join(" "));return;}const s=net.createServer();s.listen(0,"127.0.0.1",()=>{out.push(s.address().port);s.close(next);});};next();' "$1"
}

certificates() { # dir: a throw-away CA and a server certificate for 127.0.0.1 signed by it
  local dir=$1
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=segment test CA" -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\n' >"$dir/san.ext"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 2 -extfile "$dir/san.ext" -out "$dir/server.crt" 2>/dev/null
  # A second CA that signed nothing: the wrong certificate authority for the tests.
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=another CA" -keyout "$dir/other-ca.key" -out "$dir/other-ca.crt" 2>/dev/null
  chmod 600 "$dir"/*.key
}

config() { # dir http tcp interserver shard1_tcp shard2_tcp https(optional)
  local dir=$1
  mkdir -p "$dir/data" "$dir/tmp" "$dir/log" "$dir/user_files" "$dir/format_schemas"
  cat >"$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/log/server.log</log><errorlog>$dir/log/error.log</errorlog><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$2</http_port>
${7:+<https_port>$7</https_port>
  <openSSL><server><certificateFile>$dir/../server.crt</certificateFile><privateKeyFile>$dir/../server.key</privateKeyFile><verificationMode>none</verificationMode><loadDefaultCAFile>false</loadDefaultCAFile><cacheSessions>true</cacheSessions><disableProtocols>sslv2,sslv3</disableProtocols><preferServerCiphers>true</preferServerCiphers></server></openSSL>}
  <tcp_port>$3</tcp_port>
  <interserver_http_port>$4</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <timezone>UTC</timezone>
  <remote_servers>
    <segment_test>
      <shard><replica><host>127.0.0.1</host><port>$5</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>$6</port></replica></shard>
    </segment_test>
  </remote_servers>
</yandex>
XML
  # The test user has a password (read from a file by the tests, never put in argv). 8 GB a
  # query: the summary of 10M lines used 2.06 GiB (query_log) for its per-customer-and-day states on the
  # server that merges the shards' (npm run bench -- --clickhouse 10m).
  cat >"$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>8000000000</max_memory_usage><max_threads>2</max_threads></default></profiles>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default>
    <segment><password>$(cat "$dir/../password")</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></segment>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
}

start() {
  local dir=$1 bin
  bin=$(server_bin)
  [ -n "$bin" ] || { echo "clickhouse-test: clickhouse-server is not installed (run: $0 install)" >&2; exit 1; }
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$dir/password"
  read -r h1 t1 i1 h2 t2 i2 s1 < <(free_ports 7)
  certificates "$dir"
  config "$dir/s1" "$h1" "$t1" "$i1" "$t1" "$t2" "$s1"
  config "$dir/s2" "$h2" "$t2" "$i2" "$t1" "$t2"
  for s in s1 s2; do
    # As the calling user (root runs it as root: the Debian binary refuses nothing here).
    (cd "$dir/$s" || exit 1; nohup "$bin" --config-file="$dir/$s/config.xml" </dev/null >"$dir/$s/log/stdout.log" 2>&1 & echo $! >"$dir/$s/pid")
  done
  for port in "$h1" "$h2"; do
    for _ in $(seq 1 150); do
      if node -e 'require("http").get("http://127.0.0.1:"+process.argv[1]+"/ping",r=>process.exit(r.statusCode===200?0:1)).on("error",()=>process.exit(1))' "$port"; then continue 2; fi
      sleep 0.2
    done
    echo "clickhouse-test: the server on port $port did not start; see $dir/s*/log" >&2
    stop "$dir"; exit 1
  done
  echo "CLICKHOUSE_URL=http://127.0.0.1:$h1"
  echo "CLICKHOUSE_URL2=http://127.0.0.1:$h2"
  echo "CLICKHOUSE_HTTPS_URL=https://127.0.0.1:$s1"
  echo "CLICKHOUSE_CA_FILE=$dir/ca.crt"
  echo "CLICKHOUSE_OTHER_CA_FILE=$dir/other-ca.crt"
  echo "CLICKHOUSE_CLUSTER=segment_test"
  echo "CLICKHOUSE_USER=segment"
  echo "CLICKHOUSE_PASSWORD_FILE=$dir/password"
}

stop() {
  local dir=$1
  for s in s1 s2; do
    if [ -f "$dir/$s/pid" ]; then
      pid=$(cat "$dir/$s/pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$dir"
}

case "${1:-}" in
  install) install ;;
  start) start "${2:?start DIR}" ;;
  stop) stop "${2:?stop DIR}" ;;
  *) echo "usage: $0 install | start DIR | stop DIR" >&2; exit 2 ;;
esac
