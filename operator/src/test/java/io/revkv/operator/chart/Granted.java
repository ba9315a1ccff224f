package io.revkv.operator.chart;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Comparator;

/**
 * What the rendered RBAC lets one service account do, as the API server's authorizer reads it: per namespace, the
 * rules of the Roles (or ClusterRoles) bound there to the account, and cluster-wide ("*"), those of the ClusterRoles
 * bound by ClusterRoleBindings. Wildcards are not expanded: a rule with "*" fails least privilege anyway.
 */
final class Granted {

    static final String CLUSTER_WIDE = "*";

    private Granted() {
    }

    static Map<String, Set<Permission>> to(RenderedChart chart, String serviceAccount, String namespace) {
        Map<String, Set<Permission>> granted = new TreeMap<>();
        for (ClusterRoleBinding binding : chart.all(ClusterRoleBinding.class)) {
            if (binds(binding.getSubjects(), serviceAccount, namespace)) {
                add(granted, CLUSTER_WIDE, rules(chart, binding.getRoleRef(), null));
            }
        }
        for (RoleBinding binding : chart.all(RoleBinding.class)) {
            if (binds(binding.getSubjects(), serviceAccount, namespace)) {
                String in = binding.getMetadata().getNamespace();
                add(granted, in, rules(chart, binding.getRoleRef(), in));
            }
        }
        return granted;
    }

    private static boolean binds(List<Subject> subjects, String serviceAccount, String namespace) {
        return subjects.stream().anyMatch(s -> "ServiceAccount".equals(s.getKind())
                && serviceAccount.equals(s.getName()) && namespace.equals(s.getNamespace()));
    }

    private static List<PolicyRule> rules(RenderedChart chart, RoleRef ref, String namespace) {
        if ("ClusterRole".equals(ref.getKind())) {
            return chart.all(ClusterRole.class).stream().filter(r -> r.getMetadata().getName().equals(ref.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError("bound ClusterRole not rendered: " + ref))
                    .getRules();
        }
        return chart.all(Role.class).stream().filter(r -> r.getMetadata().getName().equals(ref.getName())
                        && r.getMetadata().getNamespace().equals(namespace))
                .findFirst().orElseThrow(() -> new AssertionError("bound Role not rendered in " + namespace + ": " + ref))
                .getRules();
    }

    private static void add(Map<String, Set<Permission>> granted, String namespace, List<PolicyRule> rules) {
        Set<Permission> permissions = granted.computeIfAbsent(namespace,
                n -> new TreeSet<>(Comparator.comparing(Permission::toString)));
        for (PolicyRule rule : rules) {
            if (rule.getResourceNames() != null && !rule.getResourceNames().isEmpty()) {
                throw new AssertionError("resourceNames are not modelled here: " + rule);
            }
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        permissions.add(new Permission(group, resource, verb));
                    }
                }
            }
        }
    }
}
