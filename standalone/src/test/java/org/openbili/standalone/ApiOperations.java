package org.openbili.standalone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * HTTP operations as {@code docs/api.md} writes them and as the services' OpenAPI documents list them, keyed the
 * same way so the two can be compared: the method and the path with every parameter name blanked
 * ({@code /api/v1/videos/{bvid}} and {@code /api/v1/videos/{id}} are one path).
 *
 * <p>In the document, an operation is a code span {@code `METHOD[|METHOD…] /path[?query]`}, such as
 * {@code `PUT|DELETE /api/v1/users/{uid}/follow`}. A code span that starts with methods and a path but does not
 * have that shape ({@code `PATCH / DELETE /x`}, {@code `GET /x {body}`}) is reported as malformed rather than
 * skipped; one with a method and no path ({@code `DELETE`}, {@code `PATCH {name?}`}) is prose. Operations under a heading that ends with
 * {@value #OUTSIDE_MARK} (and its subheadings) are served outside the OpenAPI documents (OAuth2 filters, the
 * WebSocket, the gateway itself) and are kept apart. Fenced code blocks are not read.
 */
final class ApiOperations {

    static final String OUTSIDE_MARK = "(not in OpenAPI)";

    private static final String METHOD = "GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS";
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern LOOKS_LIKE_OPERATION =
            Pattern.compile("^(?:" + METHOD + ")(?:\\|(?:" + METHOD + "))*\\s+/.*");
    private static final Pattern OPERATION =
            Pattern.compile("((?:" + METHOD + ")(?:\\|(?:" + METHOD + "))*) (/[A-Za-z0-9._~{}*/-]*)(?:\\?\\S*)?");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*$");
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}/]*}");
    private static final Set<String> OPENAPI_METHODS =
            Set.of("get", "head", "post", "put", "patch", "delete", "options", "trace");

    /** One operation; {@code path} has its parameter names blanked ({@code /api/v1/videos/{}}). */
    record Operation(String method, String path) implements Comparable<Operation> {

        static Operation of(String method, String path) {
            return new Operation(
                    method.toUpperCase(Locale.ROOT), PARAMETER.matcher(path).replaceAll("{}"));
        }

        @Override
        public int compareTo(Operation other) {
            int byPath = path.compareTo(other.path);
            return byPath != 0 ? byPath : method.compareTo(other.method);
        }
    }

    /**
     * What a document lists: the operations to find in the OpenAPI documents, those marked as outside them, and
     * code spans that look like operations but cannot be read as one. Each operation maps to how it was written.
     */
    record Documented(Map<Operation, String> inOpenApi, Map<Operation, String> outside, List<String> malformed) {}

    private ApiOperations() {}

    static Documented fromMarkdown(String markdown) {
        Map<Operation, String> inOpenApi = new LinkedHashMap<>();
        Map<Operation, String> outside = new LinkedHashMap<>();
        List<String> malformed = new ArrayList<>();
        int outsideLevel = 0;
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                int level = heading.group(1).length();
                if (outsideLevel != 0 && level <= outsideLevel) {
                    outsideLevel = 0;
                }
                if (outsideLevel == 0 && heading.group(2).endsWith(OUTSIDE_MARK)) {
                    outsideLevel = level;
                }
                continue;
            }
            Matcher span = CODE_SPAN.matcher(line);
            while (span.find()) {
                String text = span.group(1).strip();
                if (!LOOKS_LIKE_OPERATION.matcher(text).matches()) {
                    continue;
                }
                Matcher operation = OPERATION.matcher(text);
                if (!operation.matches()) {
                    malformed.add(text);
                    continue;
                }
                for (String method : operation.group(1).split("\\|")) {
                    (outsideLevel != 0 ? outside : inOpenApi)
                            .putIfAbsent(Operation.of(method, operation.group(2)), method + " " + operation.group(2));
                }
            }
        }
        return new Documented(inOpenApi, outside, malformed);
    }

    /**
     * The operations of one OpenAPI document, each mapped to how it reads there, except those no client reaches
     * through the gateway: {@code /internal/**} (service-to-service calls) and the servlet container's
     * {@code /error} page.
     */
    static Map<Operation, String> fromOpenApi(JsonNode document) {
        Map<Operation, String> operations = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (path.getKey().startsWith("/internal/") || path.getKey().equals("/error")) {
                continue;
            }
            for (String method : path.getValue().propertyNames()) {
                if (OPENAPI_METHODS.contains(method)) {
                    operations.put(
                            Operation.of(method, path.getKey()), method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return operations;
    }
}
