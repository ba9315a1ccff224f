package io.revkv.store;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.mvcc.WriteTxn;
import org.junit.jupiter.api.Test;

/** The design map's rules, checked: the write path's direction, and that only the applier changes the store. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.revkv.store");

    @Test
    void packagesFollowTheWritePath() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("io.revkv.store.api..")
                .layer("compactor").definedBy("io.revkv.store.compactor..")
                .layer("corrupt").definedBy("io.revkv.store.corrupt..")
                .layer("metrics").definedBy("io.revkv.store.metrics..")
                .layer("raft").definedBy("io.revkv.store.raft..")
                .layer("watch").definedBy("io.revkv.store.watch..")
                .layer("apply").definedBy("io.revkv.store.apply..")
                .layer("snapshot").definedBy("io.revkv.store.snapshot..")
                .layer("lease").definedBy("io.revkv.store.lease..")
                .layer("alarm").definedBy("io.revkv.store.alarm..")
                .layer("membership").definedBy("io.revkv.store.membership..")
                .layer("mvcc").definedBy("io.revkv.store.mvcc..")
                .layer("backend").definedBy("io.revkv.store.backend..")
                .layer("errors").definedBy("io.revkv.store.errors..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("compactor").mayNotBeAccessedByAnyLayer()
                .whereLayer("corrupt").mayNotBeAccessedByAnyLayer()
                .whereLayer("metrics").mayNotBeAccessedByAnyLayer()
                .whereLayer("raft").mayOnlyBeAccessedByLayers("api", "compactor", "corrupt", "metrics")
                .whereLayer("watch").mayOnlyBeAccessedByLayers("api")
                .whereLayer("apply").mayOnlyBeAccessedByLayers("api", "raft")
                .whereLayer("snapshot").mayOnlyBeAccessedByLayers("api")
                .whereLayer("lease").mayOnlyBeAccessedByLayers("api", "raft", "apply")
                .whereLayer("alarm").mayOnlyBeAccessedByLayers("api", "raft", "apply")
                .whereLayer("membership").mayOnlyBeAccessedByLayers("api", "raft", "apply", "corrupt", "snapshot")
                .whereLayer("mvcc").mayOnlyBeAccessedByLayers("api", "raft", "apply", "compactor", "corrupt", "metrics",
                        "snapshot", "watch")
                .whereLayer("backend").mayOnlyBeAccessedByLayers("api", "mvcc", "lease", "metrics", "alarm", "snapshot",
                        "membership")
                // errors has no rule of its own: every layer throws its entries.
                .check(CLASSES);
    }

    /** The error table sits below every layer that throws from it, so it may not reach back into any of them. */
    @Test
    void theErrorTableDependsOnNothingOfTheStore() {
        noClasses().that().resideInAPackage("io.revkv.store.errors..")
                .should().dependOnClassesThat(resideInAPackage("io.revkv.store..")
                        .and(resideOutsideOfPackage("io.revkv.store.errors..")))
                .check(CLASSES);
    }

    /**
     * The member assembles and opens the parts and hands each out as a bean; the API and the metrics depend on the
     * parts they use, so that the member does not become a locator every service reaches through.
     */
    @Test
    void servicesDependOnPartsNotOnTheMember() {
        noClasses().that().resideInAnyPackage("io.revkv.store.api..", "io.revkv.store.metrics..")
                .should().dependOnClassesThat().belongToAnyOf(Member.class)
                .check(CLASSES);
    }

    /** The watchable store decorates the store the applier writes: its write txns only pass the applier's calls on. */
    @Test
    void onlyTheApplierWritesTheMvccStore() {
        noClasses().that().resideOutsideOfPackages("io.revkv.store.apply..", "io.revkv.store.mvcc..",
                        "io.revkv.store.watch..")
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a write to the MVCC store",
                        call -> call.getTargetOwner().isAssignableTo(WriteTxn.class)
                                || (call.getTargetOwner().isAssignableTo(KvStore.class)
                                        && (call.getName().equals("write") || call.getName().equals("compact")))))
                .check(CLASSES);
    }
}
