#!/usr/bin/env bash
# tlswatch pcap against tshark on one large capture, whole process against whole process, in one run.
#   benchmarks/pcap-vs-tshark.sh [MEGABYTES (default 200)] [RUNS (default 3)]
# Needs: the tlswatch jar (./tlswatch builds it), benchmarks/target/benchmarks.jar
# (mvn -B -q -DskipTests package -pl benchmarks -am), tshark (apt-get install tshark), ../shared/data.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
mb="${1:-200}"
runs="${2:-3}"
work="${TMPDIR:-/tmp}/tlswatch-pcap-bench"
mkdir -p "$work"
capture="$work/large-${mb}mb.pcap"
jar="$here/app/target/tlswatch.jar"
bench="$here/benchmarks/target/benchmarks.jar"
for f in "$jar" "$bench"; do
  [ -f "$f" ] || { echo "missing $f: build it first (see the header of this script)" >&2; exit 2; }
done
command -v tshark >/dev/null || { echo "tshark not found: apt-get install tshark" >&2; exit 2; }

if [ ! -f "$capture" ]; then
  java -cp "$bench" io.tlswatch.benchmarks.capture.LargeCapture "$capture" "$mb" "$here/../shared/data/tls/pcap"
fi

# the same fields on both sides: endpoints, SNI, ALPN, versions, cipher, JA3, JA3S, alerts
# (tshark 4.0 has no JA4 field; tlswatch computes JA4 as well, and judges each connection)
tshark_run() {
  tshark -r "$capture" -Y 'tls.handshake or tls.alert_message' -T fields \
    -e ip.src -e tcp.srcport -e ip.dst -e tcp.dstport -e tls.handshake.type \
    -e tls.handshake.extensions_server_name -e tls.handshake.ja3 -e tls.handshake.ja3s \
    -e tls.handshake.version -e tls.handshake.extensions.supported_version -e tls.handshake.ciphersuite \
    -e tls.handshake.extensions_alpn_str -e tls.alert_message.level -e tls.alert_message.desc \
    > "$work/tshark.tsv" 2> "$work/tshark.err"
}
tlswatch_run() {
  java -jar "$jar" pcap "$capture" > "$work/tlswatch.jsonl" 2> "$work/tlswatch.err"
}
seconds() { # runs "$1", prints wall seconds
  local start end
  start=$(date +%s.%N); "$1"; end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "capture: $capture ($(stat -c %s "$capture") bytes); load: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/tshark.times"; : > "$work/tlswatch.times"
for i in $(seq "$runs"); do   # alternate, so both see the same machine
  t=$(seconds tshark_run); echo "$t" >> "$work/tshark.times"
  w=$(seconds tlswatch_run); echo "$w" >> "$work/tlswatch.times"
  printf 'run %d: tshark %.2f s, tlswatch pcap %.2f s\n' "$i" "$t" "$w"
done
ts=$(median < "$work/tshark.times"); tw=$(median < "$work/tlswatch.times")
printf 'median: tshark %.2f s, tlswatch pcap %.2f s, ratio %.1fx\n' "$ts" "$tw" "$(awk -v a="$ts" -v b="$tw" 'BEGIN {print a / b}')"
echo "tshark rows: $(wc -l < "$work/tshark.tsv"); tlswatch connections: $(wc -l < "$work/tlswatch.jsonl")"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
