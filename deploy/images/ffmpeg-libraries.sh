#!/usr/bin/env bash
# Gathers the system libraries that the ffmpeg bundled in org.bytedeco:ffmpeg needs and does not carry, for the
# video image (a Jib extra directory; the video module's pom runs this at prepare-package):
#
#   ffmpeg-libraries.sh <natives folder> <out folder>
#
# <natives folder> holds the jar's executables and libraries (ffmpeg, ffprobe, libav*.so, libjni*.so). Their
# libraries are found with ldd, on this build machine, and copied to <out folder>/opt/openbili/ffmpeg/lib, which the
# video image puts on LD_LIBRARY_PATH: the X11, ALSA and PulseAudio client libraries that libavdevice links and that
# a JRE base image does not have, with what those load in turn. glibc and the GCC runtime are left out: every base
# with a Java runtime has them, and the dynamic loader must match its own libc. They are taken from a Debian 12 build
# machine (glibc 2.36), which ties them to a glibc no newer than that; the official JRE bases (Ubuntu 22.04 and later)
# have 2.35 and newer.
set -euo pipefail

natives=${1:?usage: ffmpeg-libraries.sh <natives folder> <out folder>}
out=${2:?usage: ffmpeg-libraries.sh <natives folder> <out folder>}
lib=$out/opt/openbili/ffmpeg/lib
rm -rf "$out"
mkdir -p "$lib"

if [ ! -f "$natives/ffmpeg" ]; then
  echo "ffmpeg-libraries.sh: no ffmpeg executable in $natives" >&2
  exit 1
fi
listing=$(LD_LIBRARY_PATH=$natives ldd "$natives"/ffmpeg "$natives"/ffprobe "$natives"/*.so* 2>/dev/null)
missing=$(awk '$2 == "=>" && $3 == "not" { print $1 }' <<<"$listing" | sort -u)
if [ -n "$missing" ]; then
  echo "ffmpeg-libraries.sh: this machine lacks libraries the bundled ffmpeg needs: $(echo $missing)" >&2
  echo "  (on Debian: apt-get install libpulse0; ./start.sh and .ci/run install it)" >&2
  exit 1
fi
count=0
for library in $(awk '$2 == "=>" && $3 ~ /^\// { print $3 }' <<<"$listing" | sort -u); do
  case $library in
    "$natives"/*) continue ;; # the jar's own, which JavaCPP unpacks beside the executables
  esac
  case $(basename "$library") in
    ld-linux* | libc.so* | libm.so* | libmvec.so* | libpthread.so* | libdl.so* | librt.so* | libresolv.so* | \
      libgcc_s.so* | libstdc++.so*) continue ;;
  esac
  cp -L "$library" "$lib/"
  count=$((count + 1))
done
echo "ffmpeg-libraries.sh: $count libraries for the bundled ffmpeg in $lib"
