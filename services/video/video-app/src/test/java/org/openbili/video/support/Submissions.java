package org.openbili.video.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Uploading a file and submitting it as a video, then waiting for the state a user would wait for. */
public final class Submissions {

    private final Api api;
    private final TusClient tus;

    public Submissions(Api api, TusClient tus) {
        this.api = api;
        this.tus = tus;
    }

    /** Uploads the file over tus and submits it; returns the bvid. */
    public String submit(Path file, String title) throws Exception {
        return submitUpload(tus.upload(file), title);
    }

    public String submitUpload(String uploadId, String title) throws Exception {
        Api.Answer created = api.post(
                "/api/v1/videos",
                Map.of(
                        "uploadId",
                        uploadId,
                        "title",
                        title,
                        "description",
                        "测试视频",
                        "partition",
                        "knowledge-science",
                        "tags",
                        List.of("测试", "ffmpeg")));
        if (created.status() != 201) {
            throw new IllegalStateException("submission failed: " + created.status() + " " + created.body());
        }
        return created.json().get("bvid").asString();
    }

    /** Polls the video as its owner until it reaches one of {@code states}. */
    public JsonNode awaitState(String bvid, Duration wait, String... states) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        JsonNode video = null;
        while (System.nanoTime() < deadline) {
            video = api.get("/api/v1/videos/" + bvid).json();
            if (Set.of(states).contains(video.get("state").asString())) {
                return video;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("video " + bvid + " did not reach " + List.of(states) + ": " + video);
    }
}
