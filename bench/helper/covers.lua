-- wrk script: every request asks for one of the benchmark's covers at random (BENCH_PREFIX<n>.jpg), as a page of
-- cards does; the Accept header is Chromium's for images, so /img answers WebP.
local count = tonumber(os.getenv("BENCH_COVERS") or "40")
local prefix = os.getenv("BENCH_PREFIX") or "/img/320x180/bench/cover-"
local paths = {}
for i = 0, count - 1 do
  paths[#paths + 1] = string.format("%s%d.jpg", prefix, i)
end
math.randomseed(42)
wrk.headers["Accept"] = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8"
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
