package org.openbili.video.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** The client side of tus 1.0 over the JDK's HttpClient, enough to drive the server the way tus clients do. */
public final class TusClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    public TusClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public HttpResponse<String> create(long length, String filename, String sha256) throws Exception {
        StringBuilder metadata = new StringBuilder("filename " + b64(filename));
        if (sha256 != null) {
            metadata.append(",sha256 ").append(b64(sha256));
        }
        return send(request("/api/v1/uploads")
                .header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", metadata.toString())
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Creates an upload for a file and sends all of it; returns the upload id. */
    public String upload(Path file) throws Exception {
        HttpResponse<String> created =
                create(Files.size(file), file.getFileName().toString(), sha256(file));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creation failed: " + created.statusCode() + " " + created.body());
        }
        String id = id(created);
        HttpResponse<String> patched = patch(id, 0, Files.readAllBytes(file));
        if (patched.statusCode() != 204) {
            throw new IllegalStateException("PATCH failed: " + patched.statusCode() + " " + patched.body());
        }
        return id;
    }

    public HttpResponse<String> patch(String id, long offset, byte[] bytes) throws Exception {
        return send(request("/api/v1/uploads/" + id)
                .header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    public HttpResponse<String> head(String id) throws Exception {
        return send(request("/api/v1/uploads/" + id).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<String> delete(String id) throws Exception {
        return send(request("/api/v1/uploads/" + id).DELETE());
    }

    public static String id(HttpResponse<?> created) {
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).header("Tus-Resumable", "1.0.0");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static String sha256(Path file) throws Exception {
        return sha256(Files.readAllBytes(file));
    }

    public static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    public static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
