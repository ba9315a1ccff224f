package io.revkv.operator.apiserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The checked-in CRD file: the one served version's OpenAPI schema. */
public record Crd(Map<String, Object> openApiV3Schema) {

    public static Crd load(Path file) {
        try {
            Map<String, Object> crd = Json.object(Json.parseYaml(Files.readString(file)));
            Map<String, Object> spec = Json.object(crd.get("spec"));
            List<?> versions = (List<?>) spec.get("versions");
            if (versions.size() != 1) {
                throw new IllegalStateException("expected one version in " + file + ", found " + versions.size());
            }
            Map<String, Object> schema = Json.object(Json.object(versions.get(0)).get("schema"));
            return new Crd(Json.object(schema.get("openAPIV3Schema")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
