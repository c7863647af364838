#!/usr/bin/env bash
# Makes a base image for the image checks of the build, offline, as a tar that Jib reads with
# `tar://<file>` (the `docker save` layout: manifest.json, a config and one layer). Real images are built on the
# official bases instead (eclipse-temurin JRE, node; see the root pom's image.base and image.node-base): these
# stand in for them in the build, which reaches no image registry.
#
#   base.sh jre  <out.tar>   a Java runtime made with jlink from the JDK that runs the build (JAVA_HOME, else
#                            the `java` on the PATH) at /opt/java/openjdk, as in eclipse-temurin, JAVA_HOME and
#                            PATH set the same way
#   base.sh node <out.tar>   this machine's node at /usr/local/bin/node, as in the official node image
#
# Both carry the shared libraries their programs load (found with ldd), the dynamic loader and a /tmp for
# everyone, and nothing else: no shell, no package manager. A tar already there is kept (`mvn clean` removes it).
# Several Maven modules ask for the same base one after the other; the lock keeps two builds from writing it at once.
set -euo pipefail

kind=${1:?usage: base.sh jre|node <out.tar>}
out=${2:?usage: base.sh jre|node <out.tar>}
mkdir -p "$(dirname "$out")"
exec 9>"$out.lock"
flock 9
if [ -s "$out" ]; then
  exit 0
fi

work=$(mktemp -d "${out%.tar}.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root/tmp" "$root/etc"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\n' >"$root/etc/group"

case "$kind" in
  jre)
    java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
    # the modules of a JRE (java.se) and the jdk.* ones that libraries of the services use at run time
    "$java_home/bin/jlink" \
      --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,jdk.management.agent,jdk.naming.dns,jdk.zipfs,jdk.localedata,jdk.charsets,jdk.jfr,jdk.net,jdk.security.auth \
      --strip-debug --no-man-pages --no-header-files --output "$root/opt/java/openjdk"
    mapfile -t libraries < <(find "$root/opt/java/openjdk/lib" -name '*.so')
    binaries=("$root/opt/java/openjdk/bin/java" "${libraries[@]}")
    env_json='"PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/opt/java/openjdk","LANG=C.UTF-8"'
    tag=openbili-ci/jre
    ;;
  node)
    node=$(readlink -f "$(command -v node)")
    mkdir -p "$root/usr/local/bin"
    cp "$node" "$root/usr/local/bin/node"
    binaries=("$root/usr/local/bin/node")
    env_json='"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8"'
    tag=openbili-ci/node
    ;;
  *)
    echo "base.sh: unknown kind $kind (jre or node)" >&2
    exit 2
    ;;
esac

# The shared libraries those programs load, at the paths the loader looks in (the JVM's own libraries resolve
# through its rpath inside /opt/java/openjdk and are already there), and all of glibc, as the official images
# have it (native modules of the applications load parts of it that the runtime itself does not: sharp's libvips
# needs libresolv).
glibc=()
if command -v dpkg >/dev/null 2>&1; then
  mapfile -t glibc < <(dpkg -L libc6 | grep -E '/lib[^/]*\.so(\.[0-9]+)*$' | grep -v /gconv/)
fi
for library in $( (ldd "${binaries[@]}" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'; printf '%s\n' "${glibc[@]}") | sort -u); do
  mkdir -p "$root$(dirname "$library")"
  cp -L "$library" "$root$library"
done
loader=$(ldd "${binaries[0]}" | awk '$1 ~ /^\/.*ld-linux/ { print $1 }')
mkdir -p "$root$(dirname "$loader")"
cp -L "$loader" "$root$loader"

tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$root" -cf "$work/layer.tar" .
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
gzip -1 -n "$work/layer.tar"
printf '{"architecture":"amd64","os":"linux","config":{"Env":[%s]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created_by":"deploy/images/base.sh %s"}]}\n' \
  "$env_json" "$diff_id" "$kind" >"$work/config.json"
printf '[{"Config":"config.json","RepoTags":["%s:build"],"Layers":["layer.tar.gz"]}]\n' "$tag" >"$work/manifest.json"
tar --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$work" -cf "$out.partial" manifest.json config.json layer.tar.gz
mv "$out.partial" "$out"
