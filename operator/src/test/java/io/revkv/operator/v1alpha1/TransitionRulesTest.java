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
                        "compaction: {mode: Revision, retention: 1h}", "spec.compaction.retention"));
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
