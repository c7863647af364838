package org.openbili.video.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openbili.storage.ObjectStorage;
import org.openbili.testsupport.Infrastructure;
import org.openbili.video.support.VideoServiceTest;
import org.springframework.beans.factory.annotation.Autowired;

@Infrastructure
class MediaIntegrationTests extends VideoServiceTest {

    private static final byte[] SEGMENT = new byte[200_000];
    private static final String PREFIX = "videos/424242/1/";

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    ObjectStorage storage;

    @BeforeEach
    void files() throws Exception {
        new Random(1).nextBytes(SEGMENT);
        storage.put(PREFIX + "720p/seg_00000.ts", SEGMENT, "video/mp2t");
        storage.put(PREFIX + "master.m3u8", "#EXTM3U\n".getBytes(StandardCharsets.UTF_8), null);
        storage.put(PREFIX + "cover.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "image/jpeg");
        storage.put("originals/ab/abcdef", "raw upload".getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void aRangeGetsExactlyThoseBytesWith206() throws Exception {
        HttpResponse<byte[]> range = get(PREFIX + "720p/seg_00000.ts", "Range", "bytes=1000-1999");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/200000");
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(SEGMENT, 1000, 2000));

        HttpResponse<byte[]> tail = get(PREFIX + "720p/seg_00000.ts", "Range", "bytes=-500");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(SEGMENT, 199_500, 200_000));

        HttpResponse<byte[]> open = get(PREFIX + "720p/seg_00000.ts", "Range", "bytes=199000-");
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(SEGMENT, 199_000, 200_000));

        HttpResponse<byte[]> beyond = get(PREFIX + "720p/seg_00000.ts", "Range", "bytes=300000-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */200000");
    }

    @Test
    void aWholeSegmentComesWithValidatorsAndARepeatedGetIs304() throws Exception {
        HttpResponse<byte[]> whole = get(PREFIX + "720p/seg_00000.ts");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(SEGMENT);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/mp2t");
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertThat(whole.headers().firstValue("Last-Modified")).isPresent();

        HttpResponse<byte[]> again = get(PREFIX + "720p/seg_00000.ts", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        String lastModified = whole.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(get(PREFIX + "720p/seg_00000.ts", "If-Modified-Since", lastModified)
                        .statusCode())
                .isEqualTo(304);
        assertThat(get(PREFIX + "720p/seg_00000.ts", "If-None-Match", "\"other\"")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void playlistsAreCachedBrieflyAndImagesForever() throws Exception {
        HttpResponse<byte[]> master = get(PREFIX + "master.m3u8");
        assertThat(master.headers().firstValue("Content-Type")).hasValue("application/vnd.apple.mpegurl");
        assertThat(master.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        HttpResponse<byte[]> cover = get(PREFIX + "cover.jpg");
        assertThat(cover.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(cover.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        HttpResponse<byte[]> head = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/media/" + PREFIX + "720p/seg_00000.ts"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.headers().firstValue("Content-Length")).hasValue("200000");
    }

    @Test
    void nothingOutsideTheMediaRootNorAnOriginalIsEverServed() throws Exception {
        assertThat(get("originals/ab/abcdef").statusCode()).isEqualTo(404);
        assertThat(get("videos/424242/1/missing.ts").statusCode()).isEqualTo(404);
        for (String path : new String[] {
            "/media/../../../../etc/passwd",
            "/media/videos/..%2F..%2F..%2Fetc%2Fpasswd",
            "/media/%2e%2e/%2e%2e/etc/passwd",
            "/media//etc/passwd",
            "/media/videos/424242/1/..%5c..%5cmaster.m3u8",
            "/media/_s/1/x/../../etc/passwd"
        }) {
            String answer = raw(path);
            assertThat(answer).as(path).doesNotStartWith("HTTP/1.1 200").doesNotContain("root:");
        }
    }

    private HttpResponse<byte[]> get(String key, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/media/" + key));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A request line exactly as written, which no client library would normalize first. */
    private String raw(String path) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
