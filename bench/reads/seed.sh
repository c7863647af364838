# bench/reads' data, through the public API as a client makes it: BENCH_UPLOADERS users upload BENCH_VIDEOS small
# generated clips (published at once: the platform runs with REVIEW_MODE=auto), then BENCH_COMMENTS comments go to
# the first video (one in ten a reply, so a hot page shows replies under its roots), written by BENCH_COMMENTERS
# users. Sourced by run.sh after the platform is up, with PORT, root and work set; needs curl, jq and ffmpeg (FFMPEG,
# else the one inside org.bytedeco:ffmpeg in the local Maven repository, else ffmpeg on the PATH). Leaves the bvids
# newest first in seeded_bvids and the commented video in commented_bvid.

seed_ffmpeg() {
  if [ -n "${FFMPEG:-}" ]; then echo "$FFMPEG"; return; fi
  local version=8.1.2-1.5.14 unpacked="$work/ffmpeg"
  local binary="$unpacked/org/bytedeco/ffmpeg/linux-x86_64-gpl/ffmpeg"
  local jar="$HOME/.m2/repository/org/bytedeco/ffmpeg/$version/ffmpeg-$version-linux-x86_64-gpl.jar"
  if [ ! -x "$binary" ] && [ -f "$jar" ]; then
    mkdir -p "$unpacked"
    unzip -q -o "$jar" 'org/bytedeco/ffmpeg/linux-x86_64-gpl/*' -d "$unpacked" && chmod 755 "$binary"
  fi
  if [ -x "$binary" ]; then echo "$binary"; else echo ffmpeg; fi
}

# seed_api METHOD PATH TOKEN [JSON] → the answer's body; fails on any status but 2xx
seed_api() {
  local out code
  out=$(mktemp)
  code=$(curl -s -o "$out" -w '%{http_code}' -X "$1" "http://localhost:$PORT$2" \
    -H 'Content-Type: application/json' ${3:+-H "Authorization: Bearer $3"} ${4:+--data-binary "$4"})
  if [ "${code:0:1}" != 2 ]; then
    echo "bench/reads: $1 $2 answered $code: $(cat "$out")" >&2; rm -f "$out"; return 1
  fi
  cat "$out"; rm -f "$out"
}

# seed_user NAME → an access token of a new user NAME
seed_user() {
  seed_api POST /api/v1/auth/register "" "{\"username\":\"$1\",\"password\":\"pw-$1-x\",\"nickname\":\"$1\"}" \
    | jq -r .accessToken
}

# seed_video TOKEN N → the bvid of a video made from a distinct 2 s 320x180 clip (tus upload, then submission)
seed_video() {
  local token=$1 n=$2 clip="$work/clips/$2.mp4" ffmpeg location upload
  ffmpeg=$(seed_ffmpeg)
  LD_LIBRARY_PATH="$(dirname "$ffmpeg")" "$ffmpeg" -hide_banner -loglevel error \
    -f lavfi -i "testsrc2=size=320x180:rate=25:duration=2" -f lavfi -i "sine=frequency=$((200 + n * 10)):duration=2" \
    -c:v libx264 -pix_fmt yuv420p -preset veryfast -c:a aac -metadata "comment=bench-reads-$n" -y "$clip"
  location=$(curl -s -D - -o /dev/null -X POST "http://localhost:$PORT/api/v1/uploads" \
    -H "Authorization: Bearer $token" -H 'Tus-Resumable: 1.0.0' -H "Upload-Length: $(wc -c <"$clip")" \
    -H "Upload-Metadata: filename $(printf clip.mp4 | base64)" | tr -d '\r' | sed -n 's/^[Ll]ocation: *//p')
  [ -n "$location" ] || { echo "bench/reads: the tus upload was not created" >&2; return 1; }
  upload=${location%/}; upload=${upload##*/}
  curl -sf -o /dev/null -X PATCH "http://localhost:$PORT/api/v1/uploads/$upload" \
    -H "Authorization: Bearer $token" -H 'Tus-Resumable: 1.0.0' -H 'Upload-Offset: 0' \
    -H 'Content-Type: application/offset+octet-stream' --data-binary "@$clip"
  seed_api POST /api/v1/videos "$token" \
    "{\"uploadId\":\"$upload\",\"title\":\"第 $n 个测速视频：读得像缓存一样快\",\"description\":\"bench/reads 生成的 2 秒测试片\",\"partition\":\"$3\",\"tags\":[\"测速\",\"bench\"]}" \
    | jq -r .bvid
}

# seed_wait_published TOKEN BVID: until the video is PUBLISHED (fails on any end but that, or after 15 minutes)
seed_wait_published() {
  local state deadline=$((SECONDS + 900))
  while :; do
    state=$(seed_api GET "/api/v1/videos/$2" "$1" | jq -r .state)
    case $state in
      PUBLISHED) return 0 ;;
      UPLOADING|PROCESSING) ;;
      *) echo "bench/reads: video $2 ended $state (the platform needs REVIEW_MODE=auto)" >&2; return 1 ;;
    esac
    [ $SECONDS -lt $deadline ] || { echo "bench/reads: video $2 was not published in 15 minutes" >&2; return 1; }
    sleep 1
  done
}

# seed_comments BVID TOKEN COUNT [PARENT]: COUNT comments (replies to PARENT when given), 8 posts at a time
seed_comments() {
  local url="http://localhost:$PORT/api/v1/videos/$1/comments" body
  if [ -n "${4:-}" ]; then
    body="{\"content\":\"同问，我也想知道这首曲子的名字\",\"parentId\":\"$4\"}"
  else
    body='{"content":"这一段的配乐太好听了，请问是哪首曲子？前排支持 UP 主，期待下一期！"}'
  fi
  # the n query parameter only makes each URL distinct
  curl -s --no-progress-meter -Z --parallel-max 8 -o /dev/null -X POST "$url?n=[1-$3]" \
    -H "Authorization: Bearer $2" -H 'Content-Type: application/json' --data-binary "$body" \
    -w '%{http_code}\n' | grep -v '^201$' | sort | uniq -c | sed 's/^/bench\/reads: comment posts answered /' >&2 || true
}

seed_data() {
  local videos=${BENCH_VIDEOS:-40} uploaders=${BENCH_UPLOADERS:-8} comments=${BENCH_COMMENTS:-3200}
  local commenters=${BENCH_COMMENTERS:-16} partitions=(anime music game tech life food) stamp i bvid
  local -a tokens=() commenter_tokens=() bvids=()
  stamp=$(date +%s | tail -c 6)
  mkdir -p "$work/clips"
  for i in $(seq 1 "$uploaders"); do tokens+=("$(seed_user "up${stamp}_$i")"); done
  for i in $(seq 1 "$videos"); do
    bvids+=("$(seed_video "${tokens[$(((i - 1) % uploaders))]}" "$i" "${partitions[$((i % ${#partitions[@]}))]}")")
  done
  for i in $(seq 1 "$videos"); do seed_wait_published "${tokens[$(((i - 1) % uploaders))]}" "${bvids[$((i - 1))]}"; done
  commented_bvid=${bvids[0]}
  # interaction learns of a publication from video's VideoPublished event: wait until it takes comments
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$PORT/api/v1/videos/$commented_bvid/comments")" = 200 ]; do
    sleep 0.5
  done
  for i in $(seq 1 "$commenters"); do commenter_tokens+=("$(seed_user "fan${stamp}_$i")"); done
  local roots=$((comments * 9 / 10)) per parents parent
  per=$((roots / commenters))
  for i in $(seq 0 $((commenters - 1))); do
    seed_comments "$commented_bvid" "${commenter_tokens[$i]}" "$((i == commenters - 1 ? roots - per * (commenters - 1) : per))"
  done
  # the rest as replies, 10 to each of the newest roots
  parents=$(seed_api GET "/api/v1/videos/$commented_bvid/comments?sort=new&size=50" "" | jq -r '.items[].id')
  local replies=$((comments - roots)) k=0
  for parent in $parents; do
    [ "$replies" -gt 0 ] || break
    seed_comments "$commented_bvid" "${commenter_tokens[$((k % commenters))]}" "$((replies < 10 ? replies : 10))" "$parent"
    replies=$((replies - 10)); k=$((k + 1))
  done
  # newest first, as the list shows them
  seeded_bvids=()
  for ((i = ${#bvids[@]} - 1; i >= 0; i--)); do seeded_bvids+=("${bvids[$i]}"); done
}
