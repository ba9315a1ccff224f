package io.revkv.operator.apiserver;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@code x-kubernetes-validations} rule of a schema, evaluated where the API server evaluates it: on each
 * value present at the rule's place in the object, with {@code self} that value. A transition rule (one that
 * names {@code oldSelf}) runs only on an update and only where the old object had a value at the same place
 * (unless {@code optionalOldSelf}); map entries are matched by key, list items are not matched (as for lists that
 * are not {@code x-kubernetes-list-type: map}). A false rule reports its messageExpression, else its message, at
 * the rule's path plus its fieldPath, as {@code spec.storage.size: storage.size may grow but never shrink}.
 */
final class CelRules {

    private static final Object ABSENT = new Object();

    private final Map<String, Object> schema;
    private final KubernetesCel cel = new KubernetesCel();
    private final Map<String, CelRuntime.Program> programs = new HashMap<>();

    CelRules(Map<String, Object> schema) {
        this.schema = schema;
    }

    /** @param old the stored object on an update, null on a create */
    List<String> validate(Object resource, Object old) {
        List<String> errors = new ArrayList<>();
        walk(schema, resource, old == null ? ABSENT : old, "", errors);
        return errors;
    }

    private void walk(Map<String, Object> node, Object value, Object old, String path, List<String> errors) {
        if (node.get("x-kubernetes-validations") instanceof List<?> rules) {
            for (Object rule : rules) {
                check(Json.object(rule), value, old, path, errors);
            }
        }
        if (value instanceof Map<?, ?> object) {
            Map<String, Object> oldObject = old instanceof Map<?, ?> o ? Json.object(o) : Map.of();
            StructuralDefaulting.properties(node).forEach((name, propertySchema) -> {
                if (object.containsKey(name)) {
                    walk(Json.object(propertySchema), object.get(name), oldObject.getOrDefault(name, ABSENT),
                            path.isEmpty() ? name : path + "." + name, errors);
                }
            });
            if (node.get("additionalProperties") instanceof Map<?, ?> valueSchema) {
                object.forEach((key, v) -> walk(Json.object(valueSchema), v, oldObject.getOrDefault(key, ABSENT),
                        path + "[" + key + "]", errors));
            }
        } else if (value instanceof List<?> list && node.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < list.size(); i++) {
                walk(Json.object(items), list.get(i), ABSENT, path + "[" + i + "]", errors);
            }
        }
    }

    private void check(Map<String, Object> rule, Object value, Object old, String path, List<String> errors) {
        String expression = (String) rule.get("rule");
        boolean transition = expression.contains("oldSelf");
        if (transition && old == ABSENT && !Boolean.TRUE.equals(rule.get("optionalOldSelf"))) {
            return;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("self", value);
        if (transition && old != ABSENT) {
            variables.put("oldSelf", old);
        }
        String at = path + (rule.get("fieldPath") instanceof String fieldPath ? fieldPath : "");
        try {
            Object result = KubernetesCel.eval(program(expression), variables);
            if (!Boolean.TRUE.equals(result)) {
                errors.add(at + ": " + message(rule, variables));
            }
        } catch (CelEvaluationException e) {
            errors.add(at + ": " + expression + ": " + e.getMessage());
        }
    }

    private String message(Map<String, Object> rule, Map<String, Object> variables) throws CelEvaluationException {
        if (rule.get("messageExpression") instanceof String messageExpression) {
            return (String) KubernetesCel.eval(program(messageExpression), variables);
        }
        if (rule.get("message") instanceof String message) {
            return message;
        }
        return "failed rule: " + rule.get("rule");
    }

    private CelRuntime.Program program(String expression) {
        return programs.computeIfAbsent(expression, cel::compile);
    }
}
