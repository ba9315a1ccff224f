package io.revkv.operator.apiserver;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;

/**
 * The CRD's OpenAPI v3 schema as a JSON Schema (draft 4, which OpenAPI 3.0's schema objects follow), made strict
 * the way {@code kubectl apply} is by default (server-side strict field validation): an object with declared
 * properties and no {@code x-kubernetes-preserve-unknown-fields} refuses a field it does not declare.
 * The {@code x-kubernetes-*} keywords are not JSON Schema and are left to {@link CelRules}.
 */
final class OpenApiValidation {

    private final Schema schema;

    OpenApiValidation(Map<String, Object> openApiV3Schema) {
        Map<String, Object> strict = Json.object(Json.copy(openApiV3Schema));
        declareTypeMeta(strict);
        forbidUnknownFields(strict);
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                .getSchema(Json.write(strict), InputFormat.JSON);
    }

    /** Each error as "path: message", the path in JSON Pointer form (/spec/replicas). */
    List<String> validate(Object resource) {
        List<Error> errors = schema.validate(Json.write(resource), InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    /**
     * The API server validates apiVersion, kind and metadata itself, whatever a CRD's schema says of them; a
     * generated schema leaves them out, so they are declared here before unknown fields are forbidden.
     */
    private static void declareTypeMeta(Map<String, Object> root) {
        Map<String, Object> properties = Json.object(root.computeIfAbsent("properties", k -> new java.util.LinkedHashMap<>()));
        properties.putIfAbsent("apiVersion", Map.of("type", "string"));
        properties.putIfAbsent("kind", Map.of("type", "string"));
        properties.putIfAbsent("metadata", Map.of("type", "object"));
    }

    private static void forbidUnknownFields(Object schemaNode) {
        if (!(schemaNode instanceof Map<?, ?> raw)) {
            return;
        }
        Map<String, Object> node = Json.object(raw);
        if (node.containsKey("properties") && !node.containsKey("additionalProperties")
                && !Boolean.TRUE.equals(node.get("x-kubernetes-preserve-unknown-fields"))) {
            node.put("additionalProperties", false);
        }
        StructuralDefaulting.properties(node).values().forEach(OpenApiValidation::forbidUnknownFields);
        forbidUnknownFields(node.get("items"));
        forbidUnknownFields(node.get("additionalProperties"));
        for (String combinator : List.of("anyOf", "allOf", "oneOf")) {
            if (node.get(combinator) instanceof List<?> options) {
                options.forEach(OpenApiValidation::forbidUnknownFields);
            }
        }
    }
}
