package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public API of a running platform, called through its gateway as a client on the network calls it. */
final class PlatformApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A signed-in user: the uid and an access token. */
    record Account(String uid, String token) {}

    private final String base;
    private final HttpClient http;

    PlatformApi(String base) {
        this.base = base;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    String base() {
        return base;
    }

    Account register(String username, String nickname) {
        HttpResponse<String> registered = post(
                "/api/v1/auth/register",
                null,
                Map.of("username", username, "password", "Sup3r-Secret!", "nickname", nickname));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return account(registered);
    }

    Account login(String username, String password) {
        HttpResponse<String> answer =
                post("/api/v1/auth/login", null, Map.of("username", username, "password", password));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return account(answer);
    }

    JsonNode json(String path, String token) {
        HttpResponse<String> answer = send(request("GET", path, token, null));
        assertThat(answer.statusCode()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    HttpResponse<String> get(String path, String token) {
        return send(request("GET", path, token, null));
    }

    HttpResponse<String> post(String path, String token, Object body) {
        return send(request("POST", path, token, body));
    }

    /** A request with a JSON body ({@code body} is serialised unless it is already a string), or none. */
    HttpRequest.Builder request(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(
                                        body instanceof String text ? text : JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Account account(HttpResponse<String> answer) {
        JsonNode body = JSON.readTree(answer.body());
        return new Account(
                body.get("user").get("uid").asString(), body.get("accessToken").asString());
    }
}
