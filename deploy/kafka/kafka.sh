#!/usr/bin/env bash
# A local single-node Apache Kafka 3.9 broker (KRaft: broker and controller in one JVM) for
# development and tests, on 127.0.0.1:${KAFKA_PORT:-9092}. No container engine needed: the jars come
# from Maven Central through pom.xml (cached in ~/.m2), the broker runs on the machine's Java.
#
#   deploy/kafka/kafka.sh start    fetch the jars once, format the storage once, start, wait until it answers
#   deploy/kafka/kafka.sh stop     stop the broker this script started
#   deploy/kafka/kafka.sh status   say whether something answers on the port
#
# State (data, logs, pid) lives in KAFKA_STATE_DIR, default deploy/kafka/.state (not committed); the
# jars in deploy/kafka/.state/libs (KAFKA_LIBS_DIR) whatever the state directory.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
state=${KAFKA_STATE_DIR:-$here/.state}
port=${KAFKA_PORT:-9092}
controller_port=${KAFKA_CONTROLLER_PORT:-9093}
heap=${KAFKA_HEAP:-512m}
# The jars are shared by every state directory (a test may run a second, throw-away broker).
libs=${KAFKA_LIBS_DIR:-$here/.state/libs}
config=$state/server.properties
pidfile=$state/broker.pid

say() { printf 'kafka: %s\n' "$*" >&2; }

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

require() {
  command -v java >/dev/null || { say "Java is missing: install a JDK 17 (e.g. apt-get install openjdk-17-jdk-headless)"; exit 3; }
  command -v mvn >/dev/null || { say "Maven is missing: install it (e.g. apt-get install maven); it fetches Kafka from Maven Central"; exit 3; }
}

fetch() {
  [ -f "$libs/.complete" ] && return
  say "fetching Apache Kafka 3.9 from Maven Central (once)…"
  mkdir -p "$libs"
  mvn -q -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$libs" -DincludeScope=runtime >&2
  touch "$libs/.complete"
}

configure() {
  mkdir -p "$state/data"
  cat >"$config" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$state/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
  cat >"$state/log4j.properties" <<PROPS
log4j.rootLogger=WARN, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$state/broker.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
PROPS
}

format() {
  [ -f "$state/data/meta.properties" ] && return
  local cluster
  cluster=$(java -Dlog4j.configuration="file:$state/log4j.properties" -cp "$libs/*" kafka.tools.StorageTool random-uuid)
  java -Dlog4j.configuration="file:$state/log4j.properties" -cp "$libs/*" kafka.tools.StorageTool format -t "$cluster" -c "$config" >&2
}

start() {
  if answers; then say "something already answers on 127.0.0.1:$port; not starting another broker"; return 0; fi
  require
  fetch
  configure
  format
  nohup java -Xms128m -Xmx"$heap" -XX:+UseG1GC -Dlog4j.configuration="file:$state/log4j.properties" \
    -cp "$libs/*" kafka.Kafka "$config" >"$state/broker.out" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 120); do
    if answers; then say "broker up on 127.0.0.1:$port (pid $(cat "$pidfile"), state in $state)"; return 0; fi
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      say "the broker exited during start-up; its last lines:"; tail -n 20 "$state/broker.out" "$state/broker.log" >&2 2>/dev/null || true; exit 1
    fi
    sleep 0.5
  done
  say "the broker did not answer on 127.0.0.1:$port within 60 s; see $state/broker.log"; exit 1
}

stop() {
  [ -f "$pidfile" ] || { say "no broker started by this script"; return 0; }
  local pid; pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$pidfile"
  say "broker stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if answers; then say "up on 127.0.0.1:$port"; else say "nothing answers on 127.0.0.1:$port"; exit 1; fi ;;
  *) say "usage: $0 start|stop|status"; exit 2 ;;
esac
