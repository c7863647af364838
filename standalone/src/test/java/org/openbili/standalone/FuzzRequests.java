package org.openbili.standalone;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Malformed requests for an OpenAPI operation, drawn from one seeded {@link Random}, so a run is reproducible from
 * its seed: wrong types, missing and extra fields, huge and odd
 * strings, bad ids and cursors, malformed bodies, wrong content types, with and without a token. Path
 * parameters are often real ids, so the checks behind a found entity run too.
 */
final class FuzzRequests {

    /** What a request may name or carry: real ids of the platform, and a signed-in user's token. */
    record Context(String base, Map<String, List<String>> knownValues, String userToken) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Values known to break parsers and checks, mixed in with the random ones. */
    private static final List<String> ODD_TEXT = List.of(
            "",
            " ",
            "null",
            "0",
            "-1",
            "99999999999999999999999",
            "1e309",
            "NaN",
            "true",
            "../../../../etc/passwd",
            "..%2F..%2Fetc",
            "<script>alert(1)</script>",
            "' OR '1'='1",
            "\u0000",
            "\uFEFF",
            "\uD800",
            "🙂𠜎",
            "BV1xx411c7mD",
            "BV1" + "1".repeat(40),
            "eyJhbGciOiJub25lIn0.e30.",
            "%ff",
            "${jndi:ldap://x}");

    private static final long[] ODD_LONGS = {
        0,
        1,
        -1,
        2,
        50,
        51,
        Integer.MAX_VALUE,
        Integer.MAX_VALUE + 1L,
        Integer.MIN_VALUE,
        Long.MAX_VALUE,
        Long.MIN_VALUE
    };
    private static final double[] ODD_DOUBLES = {
        0.5, -0.0, 1e308, -1e308, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, 3.14159
    };

    private final Random random;
    private final Context context;

    FuzzRequests(long seed, Context context) {
        this.random = new Random(seed);
        this.context = context;
    }

    /** Any characters (surrogates too), printable ASCII, Chinese, very long, or a known odd value. */
    private String text() {
        return switch (random.nextInt(5)) {
            case 0 -> characters(random.nextInt(41), 0, Character.MAX_CODE_POINT);
            case 1 -> characters(random.nextInt(301), ' ', '~');
            case 2 -> characters(random.nextInt(31), '\u4e00', '\u9fa5');
            case 3 -> "a".repeat(5_000 + random.nextInt(95_000));
            default -> ODD_TEXT.get(random.nextInt(ODD_TEXT.size()));
        };
    }

    /**
     * Text for a path or query value, kept short enough (encoded) that the request line stays under the gateway's
     * 4 KB limit: longer lines are refused before any service sees them (a 414 problem, tested in the gateway's
     * RefusedRequestsIntegrationTests), and the JDK client, reusing a kept-alive connection, now and then never
     * reads that 414 although the gateway sent it.
     */
    private String urlText() {
        String value = text();
        return encode(value).length() <= 300 ? value : characters(random.nextInt(30), 0, Character.MAX_CODE_POINT);
    }

    private String characters(int length, int from, int to) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(from + random.nextInt(to - from + 1));
        }
        return text.toString();
    }

    private long aLong() {
        return random.nextInt(3) == 0 ? ODD_LONGS[random.nextInt(ODD_LONGS.length)] : random.nextLong();
    }

    private double aDouble() {
        return random.nextInt(3) == 0 ? ODD_DOUBLES[random.nextInt(ODD_DOUBLES.length)] : random.nextGaussian() * 1e6;
    }

    HttpRequest next(OpenApiOperations.Operation operation) {
        StringBuilder path = new StringBuilder();
        for (String segment : operation.path().substring(1).split("/")) {
            path.append('/');
            if (segment.startsWith("{") && segment.endsWith("}")) {
                path.append(encode(pathValue(segment.substring(1, segment.length() - 1))));
            } else {
                path.append(segment);
            }
        }
        String query = query(operation);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        java.net.URI.create(context.base() + path + (query.isEmpty() ? "" : "?" + query)))
                .timeout(java.time.Duration.ofSeconds(30));
        token().ifPresent(token -> request.header("Authorization", token));
        if (random.nextInt(10) == 0) {
            request.header("Accept", pick("application/xml", "text/html", "*/*", "application/json;q=0.1"));
        }
        body(operation, request);
        return request.build();
    }

    private java.util.Optional<String> token() {
        return switch (random.nextInt(6)) {
            case 0 -> java.util.Optional.empty();
            case 1 -> java.util.Optional.of("Bearer " + characters(random.nextInt(200), '!', '~'));
            case 2 -> java.util.Optional.of(pick("Basic YWRtaW46YWRtaW4=", "Bearer", "bearer  x", "Token abc"));
            case 3 -> java.util.Optional.of("Bearer " + tampered(context.userToken()));
            default -> java.util.Optional.of("Bearer " + context.userToken());
        };
    }

    /** A real id of the kind the name suggests, or anything at all. */
    private String pathValue(String name) {
        List<String> known = context.knownValues().getOrDefault(name, List.of());
        if (!known.isEmpty() && random.nextInt(10) < 6) {
            return known.get(random.nextInt(known.size()));
        }
        return random.nextBoolean() ? urlText() : Long.toString(aLong());
    }

    private String query(OpenApiOperations.Operation operation) {
        List<String> pairs = new ArrayList<>();
        for (OpenApiOperations.Parameter parameter : operation.parameters()) {
            if (!parameter.in().equals("query") || random.nextInt(10) < 3) {
                continue;
            }
            int repeat = "array".equals(parameter.schema().path("type").asString()) ? 1 + random.nextInt(3) : 1;
            for (int i = 0; i < repeat; i++) {
                pairs.add(encode(parameter.name()) + "=" + encode(scalar(itemSchema(parameter.schema()), true)));
            }
        }
        if (random.nextInt(5) == 0) {
            pairs.add(encode(urlText()) + "=" + encode(urlText()));
        }
        if (random.nextInt(25) == 0) {
            pairs.add("x=%ff%fe");
        }
        return String.join("&", pairs);
    }

    private static JsonNode itemSchema(JsonNode schema) {
        return schema.has("items") ? schema.get("items") : schema;
    }

    private void body(OpenApiOperations.Operation operation, HttpRequest.Builder request) {
        String method = operation.method();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
            return;
        }
        Map.Entry<String, JsonNode> declared = operation.bodies().isEmpty()
                ? null
                : List.copyOf(operation.bodies().entrySet())
                        .get(random.nextInt(operation.bodies().size()));
        int shape = random.nextInt(20);
        String contentType = declared == null ? "application/json" : declared.getKey();
        String body;
        if (declared == null && shape < 14) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
            return;
        } else if (shape < 11) {
            body = json(declared == null ? NODES.objectNode() : declared.getValue(), 0)
                    .toString();
        } else if (shape < 14) {
            body = pick("[]", "null", "0", "\"x\"", "[{}]", "{}", "{\"a\":" + "[".repeat(3000));
        } else if (shape < 16) {
            body = pick("{", "{\"a\":}", "not json", "{\"a\":1,,}", "\u0000\u0001", "{'a':1}");
        } else if (shape < 18) {
            contentType = pick(
                    "text/plain",
                    "application/xml",
                    "multipart/form-data",
                    "multipart/form-data; boundary=x",
                    "application/x-www-form-urlencoded",
                    "image/png");
            body = random.nextBoolean()
                    ? "<a>1</a>"
                    : "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nab\r\n--x--";
        } else {
            body = "{\"text\":\"" + "长".repeat(200_000 + random.nextInt(100_000)) + "\"}";
        }
        request.header("Content-Type", contentType);
        request.method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    /** A value for the schema that is right now and then, and often of another type, missing or odd. */
    private JsonNode json(JsonNode schema, int depth) {
        String type = schema.path("type").asString("object");
        if (depth > 4) {
            return NODES.nullNode();
        }
        int twist = random.nextInt(10);
        if (twist == 0) {
            return NODES.nullNode();
        }
        if (twist == 1) {
            return wrongType(type);
        }
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                for (var property : schema.path("properties").properties()) {
                    if (random.nextInt(10) >= 3) {
                        object.set(property.getKey(), json(property.getValue(), depth + 1));
                    }
                }
                if (random.nextInt(5) == 0) {
                    object.put(text(), text());
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int size = random.nextInt(10) == 0 ? 200 + random.nextInt(800) : random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(json(schema.path("items"), depth + 1));
                }
                yield array;
            }
            case "integer" -> NODES.numberNode(aLong());
            case "number" -> NODES.numberNode(aDouble());
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.stringNode(scalar(schema));
        };
    }

    private JsonNode wrongType(String type) {
        return switch (random.nextInt(4)) {
            case 0 -> type.equals("string") ? NODES.numberNode(aLong()) : NODES.stringNode("x");
            case 1 -> NODES.arrayNode().add(1).add("a");
            case 2 -> NODES.objectNode().put("a", 1);
            default -> NODES.booleanNode(true);
        };
    }

    /** A text form for a query or path value: of the schema's type or enum now and then, else anything. */
    private String scalar(JsonNode schema) {
        return scalar(schema, false);
    }

    private String scalar(JsonNode schema, boolean inUrl) {
        JsonNode values = schema.path("enum");
        if (values.isArray() && !values.isEmpty() && random.nextBoolean()) {
            return values.get(random.nextInt(values.size())).asString();
        }
        return switch (schema.path("type").asString("string")) {
            case "integer" -> random.nextBoolean() ? Long.toString(aLong()) : inUrl ? urlText() : text();
            case "number" -> random.nextBoolean() ? Double.toString(aDouble()) : inUrl ? urlText() : text();
            case "boolean" -> pick("true", "false", "yes", "", "1");
            default -> inUrl ? urlText() : text();
        };
    }

    /** The token with its signature changed: well formed, not valid. */
    private String tampered(String token) {
        int dot = token.lastIndexOf('.');
        return token.substring(0, dot + 1) + new StringBuilder(token.substring(dot + 1)).reverse();
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
