package org.openbili.video.search;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The search endpoints as a client calls them, over HTTP. */
record SearchApi(int port) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Answer(int status, String contentType, JsonNode body) {

        List<String> bvids() {
            return values("bvid");
        }

        List<String> values(String field) {
            List<String> values = new ArrayList<>();
            body.get("items").forEach(item -> values.add(item.get(field).asString()));
            return values;
        }

        JsonNode item(String bvid) {
            for (JsonNode item : body.get("items")) {
                if (item.get("bvid").asString().equals(bvid)) {
                    return item;
                }
            }
            throw new AssertionError(bvid + " is not among the results: " + body);
        }

        /** The fields a problem answer names as wrong. */
        List<String> badFields() {
            List<String> fields = new ArrayList<>();
            body.get("errors").forEach(error -> fields.add(error.get("field").asString()));
            return fields;
        }
    }

    /** {@code GET /api/v1/search/videos} with the given parameters, as pairs of name and value. */
    Answer videos(String... parameters) {
        return get("/api/v1/search/videos", parameters);
    }

    Answer suggest(String... parameters) {
        return get("/api/v1/search/suggest", parameters);
    }

    private Answer get(String path, String... parameters) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < parameters.length; i += 2) {
            query.append(query.isEmpty() ? "?" : "&")
                    .append(parameters[i])
                    .append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + query))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
