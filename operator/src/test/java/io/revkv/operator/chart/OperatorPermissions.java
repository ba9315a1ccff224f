package io.revkv.operator.chart;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.revkv.operator.reconcile.KVClusterReconciler;
import io.revkv.operator.v1alpha1.KVCluster;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.TreeSet;
import java.util.Comparator;

/**
 * What the operator's code does to the API, read from the code itself: the reconciler's {@link RBACRule}s, its
 * workflow's dependents (each one's resource type and the SDK interfaces it implements), the primary resource as the
 * SDK and the executor use it, and the Lease of leader election.
 */
final class OperatorPermissions {

    private static final Comparator<Permission> ORDER = Comparator.comparing(Permission::toString);

    private OperatorPermissions() {
    }

    /** In every namespace the operator watches. */
    static Set<Permission> inWatchedNamespaces() {
        Set<Permission> required = new TreeSet<>(ORDER);
        for (RBACRule rule : KVClusterReconciler.class.getAnnotationsByType(RBACRule.class)) {
            for (String group : rule.apiGroups()) {
                for (String resource : rule.resources()) {
                    for (String verb : rule.verbs()) {
                        required.add(new Permission(group, resource, verb));
                    }
                }
            }
        }
        for (Dependent dependent : KVClusterReconciler.class.getAnnotation(Workflow.class).dependents()) {
            required.addAll(dependent(dependent.type()));
        }
        required.addAll(primary());
        return required;
    }

    /** In the operator's own namespace, with leader election on: fabric8's LeaseLock gets, creates and replaces. */
    static Set<Permission> leaderElection() {
        Set<Permission> lease = new TreeSet<>(ORDER);
        for (String verb : new String[] {"get", "create", "update"}) {
            lease.add(new Permission("coordination.k8s.io", "leases", verb));
        }
        return lease;
    }

    /**
     * The KVCluster: the SDK's informer lists and watches it, the executor gets the latest; its status is patched by
     * the SDK (UpdateControl.patchStatus) and updated by the executor (ObjectActions); the owned Pods' references
     * block the owner's deletion, which needs update on its finalizers. No finalizer of its own: the reconciler is no
     * Cleaner, so the object itself is never written.
     */
    private static Set<Permission> primary() {
        String group = HasMetadata.getGroup(KVCluster.class);
        String plural = HasMetadata.getPlural(KVCluster.class);
        return Set.of(new Permission(group, plural, "get"), new Permission(group, plural, "list"),
                new Permission(group, plural, "watch"), new Permission(group, plural + "/status", "patch"),
                new Permission(group, plural + "/status", "update"),
                new Permission(group, plural + "/finalizers", "update"));
    }

    /** A dependent's informer gets, lists and watches; a Creator creates (server-side apply creates by patch too). */
    private static Set<Permission> dependent(Class<?> type) {
        Class<? extends HasMetadata> resource = resourceType(type);
        String group = HasMetadata.getGroup(resource);
        String plural = HasMetadata.getPlural(resource);
        Set<Permission> permissions = new TreeSet<>(ORDER);
        for (String verb : new String[] {"get", "list", "watch"}) {
            permissions.add(new Permission(group, plural, verb));
        }
        if (Creator.class.isAssignableFrom(type)) {
            permissions.add(new Permission(group, plural, "create"));
            permissions.add(new Permission(group, plural, "patch"));
        }
        if (Updater.class.isAssignableFrom(type)) {
            permissions.add(new Permission(group, plural, "update"));
            permissions.add(new Permission(group, plural, "patch"));
        }
        if (Deleter.class.isAssignableFrom(type)) {
            permissions.add(new Permission(group, plural, "delete"));
        }
        return permissions;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends HasMetadata> resourceType(Class<?> type) {
        for (Type t = type.getGenericSuperclass(); t != null; ) {
            if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                    && KubernetesDependentResource.class.isAssignableFrom(raw)) {
                return (Class<? extends HasMetadata>) p.getActualTypeArguments()[0];
            }
            t = t instanceof Class<?> c ? c.getGenericSuperclass()
                    : ((Class<?>) ((ParameterizedType) t).getRawType()).getGenericSuperclass();
        }
        throw new IllegalArgumentException(type + " is not a Kubernetes dependent");
    }
}
