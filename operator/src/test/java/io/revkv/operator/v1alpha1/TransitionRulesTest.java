package io.revkv.operator.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Changes to a stored KVCluster: what the CRD's transition rules (oldSelf) refuse, and what they let through. */
class TransitionRulesTest {

    static Stream<Arguments> updates() {
        return Stream.of(
                update("growing the volumes", "storage: {size: 8Gi}", "storage: {size: 16Gi}", null),
                update("the same size written another way", "storage: {size: 1Gi}", "storage: {size: 1024Mi}", null),
                update("shrinking the volumes", "storage: {size: 16Gi}", "storage: {size: 8Gi}",
                        "spec.storage.size: storage.size may grow but never shrink"),
                update("shrinking by a byte", "storage: {size: 1Gi}", "storage: {size: '1073741823'}",
                        "spec.storage.size: storage.size may grow but never shrink"),
                update("shrinking the default size", "{}", "storage: {size: 4Gi}",
                        "spec.storage.size: storage.size may grow but never shrink"),
                update("changing the storage class", "storage: {storageClassName: standard}",
                        "storage: {storageClassName: fast-ssd}", "spec.storage.storageClassName: storage.storageClassName is immutable"),
                update("naming a class where the default was used", "{}", "storage: {storageClassName: fast-ssd}",
                        "spec.storage.storageClassName: storage.storageClassName is immutable"),
                update("dropping the class", "storage: {storageClassName: standard}", "storage: {size: 8Gi}",
                        "spec.storage.storageClassName: storage.storageClassName is immutable"),
                update("keeping the class while growing", "storage: {storageClassName: standard, size: 8Gi}",
                        "storage: {storageClassName: standard, size: 9Gi}", null),
                update("scaling and changing compaction", "replicas: 3", "replicas: 5\ncompaction: {mode: Revision, retention: '500'}", null),
                update("an update still checks the other rules", "replicas: 3",
                        "compaction: {mode: Revision, retention: 1h}", "spec.compaction.retention"),
                update("a patch upgrade", "version: 0.1.0", "version: 0.1.7", null),
                update("a patch downgrade, as etcd allows", "version: 0.1.7", "version: 0.1.2", null),
                update("one minor step up, any patch", "version: 0.1.9", "version: 0.2.0", null),
                update("one minor step up to a pre-release", "version: 1.4.2", "version: 1.5.0-rc.1", null),
                update("from a pre-release to its release", "version: 1.5.0-rc.1", "version: 1.5.0", null),
                update("two-digit minors compare as numbers", "version: 0.9.3", "version: 0.10.0", null),
                update("the default version, one step up", "{}", "version: 0.2.0", null),
                update("an unrelated change keeps the version", "version: 0.3.1", "version: 0.3.1\nreplicas: 5", null),
                update("two minor steps up", "version: 0.1.0", "version: 0.3.0",
                        "spec.version: cannot change version from 0.1.0 to 0.3.0: upgrade one minor version at a time"),
                update("a minor downgrade", "version: 0.2.4", "version: 0.1.9",
                        "spec.version: cannot change version from 0.2.4 to 0.1.9"),
                update("a major upgrade", "version: 0.9.0", "version: 1.0.0",
                        "spec.version: cannot change version from 0.9.0 to 1.0.0"),
                update("a major downgrade", "version: 1.0.0", "version: 0.1.0",
                        "a minor downgrade or a major version change is not supported"),
                update("from the default version two steps up", "{}", "version: 0.3.0",
                        "spec.version: cannot change version from 0.1.0 to 0.3.0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void updates(String scenario, String storedSpec, String newSpec, String expectedError) {
        Object stored = Admission.API_SERVER.defaulted(Admission.kvcluster(storedSpec));
        assertThat(Admission.API_SERVER.create(stored)).as("the stored object is valid").isEmpty();

        List<String> errors = Admission.API_SERVER.update(stored, Admission.kvcluster(newSpec));

        if (expectedError == null) {
            assertThat(errors).as(scenario).isEmpty();
        } else {
            assertThat(errors).as(scenario).anySatisfy(error -> assertThat(error).contains(expectedError));
        }
    }

    private static Arguments update(String scenario, String stored, String updated, String expectedError) {
        return Arguments.of(scenario, stored, updated, expectedError);
    }
}
