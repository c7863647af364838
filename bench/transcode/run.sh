#!/usr/bin/env bash
# bench/transcode: our transcoding pipeline against one ffmpeg run per rendition, and against one hand-written
# ffmpeg command making the same ladder, on the same 60 s 1080p input, in one run. Prints wall and CPU seconds
# and the overhead ratio (target ≤ 1.10); keeps the input and a copy of the report in bench/results/transcode/.
#
# Tuning (all optional): BENCH_REPEAT (1: rounds, the median is reported), BENCH_PRESET (veryfast, as the
# service's default), FFMPEG (auto: the system's ffmpeg when on the PATH, else the bundled one; or bundled).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
results="$root/bench/results/transcode"
mkdir -p "$results"

if [ ! -d services/video/video-app/target/classes/org/openbili/video/transcode ]; then
  echo "bench/transcode: building the video service first…"
  ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl services/video/video-app -am install
fi
./mvnw -q -B -pl services/video/video-app dependency:build-classpath \
  -Dmdep.outputFile="$results/classpath.txt" -Dmdep.includeScope=runtime >/dev/null

exec java -Xmx1g -cp "services/video/video-app/target/classes:$(cat "$results/classpath.txt")" \
  bench/transcode/TranscodeBench.java "$results"
