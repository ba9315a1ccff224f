package io.revkv.operator.apiserver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Admission of a KVCluster as the API server does it for a CRD: default, then validate against the OpenAPI schema,
 * then the CEL rules, only on an object the schema accepted (so values have the types the rules expect). An empty list means
 * the object would be stored.
 */
public final class ApiServer {

    private final Map<String, Object> schema;
    private final OpenApiValidation openApi;
    private final CelRules celRules;

    public ApiServer(Path crdFile) {
        this.schema = Crd.load(crdFile).openApiV3Schema();
        this.openApi = new OpenApiValidation(schema);
        this.celRules = new CelRules(schema);
    }

    /** The object as it would be stored: defaults applied. */
    public Object defaulted(Object resource) {
        Object copy = Json.copy(resource);
        StructuralDefaulting.apply(schema, copy);
        return copy;
    }

    public List<String> create(Object resource) {
        return admit(resource, null);
    }

    /** @param stored the object as stored (already defaulted) */
    public List<String> update(Object stored, Object resource) {
        return admit(resource, stored);
    }

    private List<String> admit(Object resource, Object stored) {
        Object defaulted = defaulted(resource);
        List<String> errors = new ArrayList<>(openApi.validate(defaulted));
        if (errors.isEmpty()) {
            errors.addAll(celRules.validate(defaulted, stored));
        }
        return errors;
    }
}
