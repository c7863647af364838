package org.openbili.user.avatar;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openbili.storage.ObjectStorage;
import org.openbili.testsupport.Api;
import org.openbili.testsupport.Infrastructure;
import org.openbili.user.support.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@Infrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AvatarIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ObjectStorage storage;

    Api api() {
        return new Api(port);
    }

    @Test
    void theDefaultAvatarIsInTheStoreFromTheStart() throws Exception {
        assertThat(storage.stat("avatars/default.png")).isPresent();
        try (InputStream image = storage.open("avatars/default.png")) {
            assertThat(ImageIO.read(image).getWidth()).isEqualTo(256);
        }
    }

    @Test
    void anUploadedPictureBecomesASquareJpegTheProfileCanShow() throws Exception {
        Users.User user = new Users(api()).create();
        // A wide PNG with transparency: cut to the centre square, transparency on white.
        BufferedImage wide = new BufferedImage(900, 300, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(300, 0, 300, 300);
        g.dispose();

        HttpResponse<String> uploaded = upload(user.token(), "face.png", "image/png", encode(wide, "png"));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        JsonNode body = Api.json(uploaded);
        String key = body.get("avatarKey").asString();
        assertThat(key).startsWith("avatars/" + user.uid() + "/").endsWith(".jpg");
        assertThat(body.get("avatarUrl").asString()).isEqualTo("/media/" + key);

        BufferedImage stored;
        try (InputStream image = storage.open(key)) {
            stored = ImageIO.read(image);
        }
        assertThat(stored.getWidth()).isEqualTo(256);
        assertThat(stored.getHeight()).isEqualTo(256);
        Color centre = new Color(stored.getRGB(128, 128));
        assertThat(centre.getRed()).isGreaterThan(200);
        assertThat(centre.getGreen()).isLessThan(60);

        JsonNode me = Api.json(api().patch("/api/v1/users/me", user.token(), "{\"avatarKey\":\"" + key + "\"}"));
        assertThat(me.get("avatarUrl").asString()).isEqualTo("/media/" + key);
        assertThat(Api.json(api().get("/api/v1/users/" + user.uid()))
                        .get("avatarUrl")
                        .asString())
                .isEqualTo("/media/" + key);

        // An empty key goes back to the default avatar.
        JsonNode reset = Api.json(api().patch("/api/v1/users/me", user.token(), "{\"avatarKey\":\"\"}"));
        assertThat(reset.get("avatarUrl").asString()).isEqualTo("/media/avatars/default.png");
    }

    @Test
    void aJpegIsAcceptedWhateverTheFileIsCalled() throws Exception {
        Users.User user = new Users(api()).create();
        BufferedImage photo = new BufferedImage(1200, 1600, BufferedImage.TYPE_INT_RGB);
        HttpResponse<String> uploaded =
                upload(user.token(), "photo.txt", "application/octet-stream", encode(photo, "jpg"));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    }

    @Test
    void whatIsNotAPictureIsRefusedNamingTheField() throws Exception {
        Users.User user = new Users(api()).create();
        assertRefused(
                upload(user.token(), "evil.png", "image/png", "<?php echo 1; ?>".getBytes(StandardCharsets.UTF_8)));
        byte[] png = encode(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png");
        byte[] truncated = java.util.Arrays.copyOf(png, 40);
        assertRefused(upload(user.token(), "half.png", "image/png", truncated));
        assertRefused(upload(user.token(), "empty.png", "image/png", new byte[0]));

        HttpResponse<String> noFile = api().send(api().request("/api/v1/users/me/avatar", user.token())
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--\r\n")));
        assertThat(noFile.statusCode()).isEqualTo(400);

        assertThat(upload(null, "a.png", "image/png", png).statusCode()).isEqualTo(401);
    }

    @Test
    void aPictureClaimingBillionsOfPixelsIsRefusedBeforeItIsDecoded() throws Exception {
        Users.User user = new Users(api()).create();
        byte[] png = encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png");
        // Rewrite the IHDR's width and height (bytes 16-23) to 60000 x 60000; the rest stays a small image.
        java.nio.ByteBuffer header =
                java.nio.ByteBuffer.wrap(png).putInt(16, 60_000).putInt(20, 60_000);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png, 12, 17);
        header.putInt(29, (int) crc.getValue());
        HttpResponse<String> refused = upload(user.token(), "bomb.png", "image/png", png);
        assertRefused(refused);
        assertThat(refused.body()).contains("像素");
    }

    @Test
    void tooLargeAFileIsRefusedWith413() {
        Users.User user = new Users(api()).create();
        HttpResponse<String> refused = upload(user.token(), "huge.jpg", "image/jpeg", new byte[7 * 1024 * 1024]);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Api.json(response).get("errors").get(0).get("field").asString())
                .isEqualTo("file");
    }

    private HttpResponse<String> upload(String token, String filename, String type, byte[] bytes) {
        String boundary = UUID.randomUUID().toString();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: " + type + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api().send(api().request("/api/v1/users/me/avatar", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    static BufferedImage decode(byte[] bytes) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }
}
