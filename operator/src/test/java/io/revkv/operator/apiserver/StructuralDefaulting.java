package io.revkv.operator.apiserver;

import java.util.List;
import java.util.Map;

/**
 * The API server's defaulting of a structural schema: a property absent from an object that is present takes the
 * schema's {@code default} (a deep copy), and defaulting goes on inside it, so {@code storage: default {}} then
 * fills {@code storage.size}. Maps ({@code additionalProperties}) and list items are defaulted entry by entry.
 */
final class StructuralDefaulting {

    private StructuralDefaulting() {
    }

    static void apply(Map<String, Object> schema, Object value) {
        if (value instanceof Map<?, ?> raw) {
            Map<String, Object> object = Json.object(raw);
            Map<String, Object> properties = properties(schema);
            properties.forEach((name, propertySchema) -> {
                Map<String, Object> ps = Json.object(propertySchema);
                if (!object.containsKey(name) && ps.containsKey("default")) {
                    object.put(name, Json.copy(ps.get("default")));
                }
                if (object.containsKey(name)) {
                    apply(ps, object.get(name));
                }
            });
            if (schema.get("additionalProperties") instanceof Map<?, ?> valueSchema) {
                object.values().forEach(v -> apply(Json.object(valueSchema), v));
            }
        } else if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            list.forEach(v -> apply(Json.object(items), v));
        }
    }

    static Map<String, Object> properties(Map<String, Object> schema) {
        Object properties = schema.get("properties");
        return properties == null ? Map.of() : Json.object(properties);
    }
}
