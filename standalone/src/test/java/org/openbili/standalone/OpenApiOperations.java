package org.openbili.standalone;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operations of the OpenAPI documents a running platform publishes through its gateway (the ones its Swagger
 * UI shows), with their parameters and request bodies and every schema reference resolved.
 */
final class OpenApiOperations {

    /** Where a parameter goes, its name, whether it must be there, and its schema. */
    record Parameter(String name, String in, boolean required, JsonNode schema) {}

    /** One operation: {@code bodies} maps each accepted content type to its schema (empty: no body). */
    record Operation(
            String service, String method, String path, List<Parameter> parameters, Map<String, JsonNode> bodies) {

        @Override
        public String toString() {
            return service + " " + method + " " + path;
        }
    }

    private OpenApiOperations() {}

    /** Every public operation of every service, in the documents' order; {@code /internal/**} is not public. */
    static List<Operation> of(PlatformApi api) {
        List<Operation> operations = new ArrayList<>();
        for (JsonNode document : api.json("/v3/api-docs/swagger-config", null).get("urls")) {
            String service = document.get("name").asString();
            JsonNode openApi = api.json(document.get("url").asString(), null);
            for (var path : openApi.get("paths").properties()) {
                if (path.getKey().startsWith("/internal/") || path.getKey().equals("/error")) {
                    continue;
                }
                for (var method : path.getValue().properties()) {
                    operations.add(operation(openApi, service, method.getKey(), path.getKey(), method.getValue()));
                }
            }
        }
        return operations;
    }

    private static Operation operation(JsonNode openApi, String service, String method, String path, JsonNode op) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode parameter : op.path("parameters")) {
            JsonNode schema = resolve(openApi, parameter.path("schema"), 0);
            parameters.add(new Parameter(
                    parameter.get("name").asString(),
                    parameter.get("in").asString(),
                    parameter.path("required").asBoolean(false),
                    schema));
        }
        Map<String, JsonNode> bodies = new java.util.LinkedHashMap<>();
        for (var content : op.path("requestBody").path("content").properties()) {
            bodies.put(content.getKey(), resolve(openApi, content.getValue().path("schema"), 0));
        }
        return new Operation(service, method.toUpperCase(Locale.ROOT), path, parameters, bodies);
    }

    /** The schema with every {@code $ref} replaced by what it names (cycles stop at a few levels). */
    static JsonNode resolve(JsonNode openApi, JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 6) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().replace("#/components/schemas/", "");
            return resolve(openApi, openApi.path("components").path("schemas").path(name), depth + 1);
        }
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        if (schema.has("items")) {
            copy.set("items", resolve(openApi, schema.get("items"), depth + 1));
        }
        if (schema.has("properties")) {
            ObjectNode properties = copy.putObject("properties");
            for (var property : schema.get("properties").properties()) {
                properties.set(property.getKey(), resolve(openApi, property.getValue(), depth + 1));
            }
        }
        return copy;
    }
}
