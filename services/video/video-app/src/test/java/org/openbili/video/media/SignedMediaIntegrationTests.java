package org.openbili.video.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openbili.storage.ObjectStorage;
import org.openbili.testsupport.Infrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** With {@code MEDIA_SIGNING_KEY}, streams need a signed, expiring URL; covers stay linkable. */
@Infrastructure
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "openbili.video.media.signing-key=test-signing-key",
            "openbili.video.media.url-ttl=1h",
            "openbili.data-dir=target/test-data/signed-media"
        })
@DirtiesContext
class SignedMediaIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ObjectStorage storage;

    @Autowired
    MediaUrls urls;

    @Test
    void streamsNeedAValidUnexpiredSignatureThatRelativeLinksInherit() throws Exception {
        String prefix = "videos/515151/1/";
        storage.put(prefix + "master.m3u8", "#EXTM3U\n360p/index.m3u8\n".getBytes(StandardCharsets.UTF_8), null);
        storage.put(prefix + "360p/index.m3u8", "#EXTM3U\nseg_00000.ts\n".getBytes(StandardCharsets.UTF_8), null);
        storage.put(prefix + "360p/seg_00000.ts", new byte[] {1, 2, 3}, null);
        storage.put(prefix + "cover.jpg", new byte[] {4, 5, 6}, null);

        String master = urls.url(prefix + "master.m3u8");
        assertThat(master).startsWith("/media/_s/").endsWith("/" + prefix + "master.m3u8");
        assertThat(status(master)).isEqualTo(200);
        String signedFolder = master.substring(0, master.length() - "master.m3u8".length());
        assertThat(status(signedFolder + "360p/index.m3u8")).isEqualTo(200);
        assertThat(status(signedFolder + "360p/seg_00000.ts")).isEqualTo(200);

        assertThat(status("/media/" + prefix + "master.m3u8")).as("unsigned").isEqualTo(403);
        assertThat(status(master.replaceFirst("/_s/(\\d+)/", "/_s/$1" + "0/")))
                .as("tampered expiry")
                .isEqualTo(403);
        String[] parts = master.split("/");
        String expired = "/media/_s/1000/" + parts[4] + "/" + prefix + "master.m3u8";
        assertThat(status(expired)).as("expired").isEqualTo(403);
        assertThat(status(signedFolder.replace("515151", "515152") + "360p/seg_00000.ts"))
                .as("another video's folder")
                .isEqualTo(403);

        assertThat(urls.url(prefix + "cover.jpg")).isEqualTo("/media/" + prefix + "cover.jpg");
        assertThat(status("/media/" + prefix + "cover.jpg")).isEqualTo(200);
    }

    private int status(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
