package org.openbili.video.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.openbili.testsupport.TestTokens;
import org.openbili.video.support.Api;
import org.openbili.video.support.TusClient;
import org.openbili.video.support.VideoServiceTest;
import org.springframework.beans.factory.annotation.Autowired;

@Infrastructure
class TusUploadIntegrationTests extends VideoServiceTest {

    private static final long ALICE = 7001;
    private static final long BOB = 7002;

    @Autowired
    UploadRepository uploads;

    @Test
    void optionsAdvertisesTheProtocolItsExtensionsAndTheSizeLimit() throws Exception {
        HttpResponse<String> options = tus(ALICE)
                .send(tus(ALICE).request("/api/v1/uploads").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(options.statusCode()).isIn(200, 204);
        assertThat(options.headers().firstValue("Tus-Version"))
                .hasValueSatisfying(v -> assertThat(v).contains("1.0.0"));
        // only what the server implements: no concatenation, and Upload-Length is required (no deferred length)
        assertThat(options.headers().firstValue("Tus-Extension").orElse("").split(","))
                .containsExactlyInAnyOrder("creation", "checksum", "checksum-trailer", "termination", "expiration");
        assertThat(options.headers().firstValue("Tus-Max-Size")).hasValue(Long.toString(4L << 30));
        assertThat(options.headers().firstValue("Tus-Checksum-Algorithm").orElse(""))
                .contains("sha256");
    }

    @Test
    void anUploadArrivesInPiecesAndIsVerifiedAgainstItsSha256() throws Exception {
        byte[] bytes = randomBytes(300_000);
        TusClient alice = tus(ALICE);
        HttpResponse<String> created = alice.create(bytes.length, "假期.mp4", TusClient.sha256(bytes));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location").orElseThrow()).startsWith("/api/v1/uploads/");
        String id = TusClient.id(created);

        assertThat(alice.patch(id, 0, TusClient.slice(bytes, 0, 100_000))
                        .headers()
                        .firstValue("Upload-Offset"))
                .hasValue("100000");
        HttpResponse<String> head = alice.head(id);
        assertThat(head.headers().firstValue("Upload-Offset")).hasValue("100000");
        assertThat(head.headers().firstValue("Upload-Length")).hasValue("300000");
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> last = alice.patch(id, 100_000, TusClient.slice(bytes, 100_000, bytes.length));
        assertThat(last.statusCode()).isEqualTo(204);
        assertThat(last.headers().firstValue("Upload-Offset")).hasValue("300000");
        Upload upload = uploads.findById(id).orElseThrow();
        assertThat(upload.isComplete()).isTrue();
        assertThat(upload.sha256()).isEqualTo(TusClient.sha256(bytes));
        assertThat(upload.filename()).isEqualTo("假期.mp4");
        // a client that lost the last answer asks again and learns the upload is complete
        assertThat(alice.head(id).headers().firstValue("Upload-Offset")).hasValue("300000");
    }

    @Test
    void anUploadResumesAfterItsConnectionDropped() throws Exception {
        byte[] bytes = randomBytes(2_000_000);
        TusClient alice = tus(ALICE);
        String id = TusClient.id(alice.create(bytes.length, "long.mp4", TusClient.sha256(bytes)));

        // the connection dies (a reset, as when a network goes away) after 1.2 MB of the 2 MB it announced
        Path data = DATA_DIR.resolve("uploads/uploads").resolve(id).resolve("data");
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH /api/v1/uploads/" + id + " HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: Bearer " + TestTokens.forUser(ALICE) + "\r\n"
                            + "Tus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                            + "Content-Type: application/offset+octet-stream\r\nContent-Length: " + bytes.length
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, 1_200_000);
            out.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Files.size(data) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            socket.setSoLinger(true, 0);
        }
        long offset = awaitStableOffset(alice, id);
        assertThat(offset).as("the bytes that arrived are kept").isBetween(1L, 1_200_000L);

        HttpResponse<String> rest = alice.patch(id, offset, TusClient.slice(bytes, (int) offset, bytes.length));
        assertThat(rest.statusCode()).isEqualTo(204);
        assertThat(uploads.findById(id).orElseThrow().sha256()).isEqualTo(TusClient.sha256(bytes));
    }

    @Test
    void onlyTheUploaderMayContinueLookAtOrTerminateAnUpload() throws Exception {
        byte[] bytes = randomBytes(1000);
        String id = TusClient.id(tus(ALICE).create(bytes.length, "mine.mp4", null));
        TusClient bob = tus(BOB);
        HttpResponse<String> patch = bob.patch(id, 0, bytes);
        assertThat(patch.statusCode()).isEqualTo(403);
        assertThat(patch.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(bob.head(id).statusCode()).isEqualTo(403);
        assertThat(bob.delete(id).statusCode()).isEqualTo(403);
        assertThat(new TusClient(base(), null).patch(id, 0, bytes).statusCode()).isEqualTo(401);
        assertThat(tus(ALICE).head(id).headers().firstValue("Upload-Offset")).hasValue("0");
    }

    @Test
    void aFileAboveTheLimitIsRefusedWith413BeforeAnyByteIsSent() throws Exception {
        HttpResponse<String> created = tus(ALICE).create(5L << 30, "huge.mp4", null);
        assertThat(created.statusCode()).isEqualTo(413);
        assertThat(created.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Api.JSON
                        .readTree(created.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("Upload-Length");
    }

    @Test
    void aMalformedUploadOffsetIsA400NamingTheHeaderAndAWrongOneA409() throws Exception {
        byte[] bytes = randomBytes(2_000);
        TusClient alice = tus(ALICE);
        String id = TusClient.id(alice.create(bytes.length, "片段.mp4", TusClient.sha256(bytes)));
        for (String offset : new String[] {"abc", "-1", "1e3", ""}) {
            HttpResponse<String> refused = alice.send(alice.request("/api/v1/uploads/" + id)
                    .header("Upload-Offset", offset)
                    .header("Content-Type", "application/offset+octet-stream")
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)));
            assertThat(refused.statusCode()).as("Upload-Offset: '%s'", offset).isEqualTo(400);
            assertThat(Api.JSON
                            .readTree(refused.body())
                            .get("errors")
                            .get(0)
                            .get("field")
                            .asString())
                    .isEqualTo("Upload-Offset");
        }
        assertThat(alice.patch(id, 500, bytes).statusCode())
                .as("a well-formed offset that does not match")
                .isEqualTo(409);
        assertThat(alice.head(id).headers().firstValue("Upload-Offset")).hasValue("0");
    }

    @Test
    void badMetadataIsA400NamingTheField() throws Exception {
        HttpResponse<String> created = tus(ALICE)
                .send(tus(ALICE)
                        .request("/api/v1/uploads")
                        .header("Upload-Length", "10")
                        .header("Upload-Metadata", "filename " + b64("a.mp4") + ",sha256 " + b64("not-a-hash"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(created.statusCode()).isEqualTo(400);
        assertThat(created.body()).contains("Upload-Metadata.sha256");
        HttpResponse<String> noLength =
                tus(ALICE).send(tus(ALICE).request("/api/v1/uploads").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(noLength.statusCode()).isEqualTo(400);
        assertThat(noLength.body()).contains("Upload-Length");
    }

    @Test
    void aChunkWhoseChecksumDoesNotMatchIsRejectedAndNotKept() throws Exception {
        byte[] bytes = randomBytes(5000);
        TusClient alice = tus(ALICE);
        String id = TusClient.id(alice.create(bytes.length, "c.mp4", null));
        String wrong = Base64.getEncoder().encodeToString(new byte[32]);
        HttpResponse<String> rejected = alice.send(alice.request("/api/v1/uploads/" + id)
                .header("Upload-Offset", "0")
                .header("Upload-Checksum", "sha256 " + wrong)
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertThat(rejected.statusCode()).isEqualTo(460);
        assertThat(alice.head(id).headers().firstValue("Upload-Offset")).hasValue("0");

        String right = Base64.getEncoder()
                .encodeToString(
                        java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        HttpResponse<String> accepted = alice.send(alice.request("/api/v1/uploads/" + id)
                .header("Upload-Offset", "0")
                .header("Upload-Checksum", "sha256 " + right)
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertThat(accepted.statusCode()).isEqualTo(204);
    }

    @Test
    void bytesThatDoNotMatchTheAnnouncedSha256EndTheUpload() throws Exception {
        byte[] bytes = randomBytes(4000);
        TusClient alice = tus(ALICE);
        String id = TusClient.id(alice.create(bytes.length, "x.mp4", TusClient.sha256(randomBytes(10))));
        HttpResponse<String> last = alice.patch(id, 0, bytes);
        assertThat(last.statusCode()).isEqualTo(400);
        assertThat(last.body()).contains("Upload-Metadata.sha256");
        assertThat(alice.head(id).statusCode()).isEqualTo(404);
        assertThat(uploads.findById(id)).isEmpty();
    }

    @Test
    void terminationRemovesTheUploadAndItsBytes() throws Exception {
        byte[] bytes = randomBytes(10_000);
        TusClient alice = tus(ALICE);
        String id = TusClient.id(alice.create(bytes.length, "t.mp4", null));
        alice.patch(id, 0, TusClient.slice(bytes, 0, 5000));
        Path folder = DATA_DIR.resolve("uploads/uploads").resolve(id);
        assertThat(folder.resolve("data")).exists();

        assertThat(alice.delete(id).statusCode()).isEqualTo(204);
        assertThat(alice.head(id).statusCode()).isEqualTo(404);
        assertThat(folder).doesNotExist();
        assertThat(uploads.findById(id)).isEmpty();
    }

    @Test
    void theSameBytesUploadedAgainAreInstantForTheirUploader() throws Exception {
        byte[] bytes = randomBytes(50_000);
        TusClient alice = tus(ALICE);
        alice.upload(write(bytes));
        String sha256 = TusClient.sha256(bytes);

        Api.Answer again = api(ALICE).post("/api/v1/uploads/precheck", Map.of("sha256", sha256, "size", bytes.length));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("instant").asBoolean()).isTrue();
        Upload instant =
                uploads.findById(again.json().get("uploadId").asString()).orElseThrow();
        assertThat(instant.isComplete()).isTrue();
        assertThat(instant.ownerUid()).isEqualTo(ALICE);

        // someone else knowing the hash of an unpublished file gets nothing
        Api.Answer stranger = api(BOB).post("/api/v1/uploads/precheck", Map.of("sha256", sha256, "size", bytes.length));
        assertThat(stranger.json().get("instant").asBoolean()).isFalse();
        assertThat(stranger.json().has("uploadId")).isFalse();

        Api.Answer wrongSize = api(ALICE).post("/api/v1/uploads/precheck", Map.of("sha256", sha256, "size", 1));
        assertThat(wrongSize.json().get("instant").asBoolean()).isFalse();
        Api.Answer bad = api(ALICE).post("/api/v1/uploads/precheck", Map.of("sha256", "zz", "size", 1));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("sha256");
    }

    private static long awaitStableOffset(TusClient client, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        java.util.List<String> seen = new java.util.ArrayList<>();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> head = client.head(id);
            seen.add(head.statusCode() + " " + head.headers().map() + " " + head.body());
            if (head.statusCode() == 200 || head.statusCode() == 204) {
                return Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
            }
            Thread.sleep(200); // 423 while the dropped request still holds the upload
        }
        throw new AssertionError("the upload stayed locked: " + seen.subList(0, Math.min(3, seen.size())));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    private static Path write(byte[] bytes) throws Exception {
        Path file = Files.createTempFile("upload", ".bin");
        Files.write(file, bytes);
        return file;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
