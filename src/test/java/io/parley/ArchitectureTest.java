package io.parley;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.parley.plan.IdempotencyKeys;
import io.parley.plan.PlanRepository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** A pure core and a thin shell: the directions of dependency, kept by a test rather than by hope. */
@AnalyzeClasses(packages = "io.parley", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theCoreKnowsNothingOfTheShell = noClasses()
            .that().resideInAnyPackage("io.parley.model..", "io.parley.engine..", "io.parley.analysis..", "io.parley.optimize..")
            .should().dependOnClassesThat().resideInAnyPackage("io.parley.api..");

    @ArchTest
    static final ArchRule theCoreUsesNoFramework = noClasses()
            .that().resideInAnyPackage("io.parley.model..", "io.parley.engine..", "io.parley.analysis..", "io.parley.optimize..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "jakarta..", "io.quarkus..", "com.fasterxml..", "org.jboss..", "io.smallrye..", "io.vertx..");

    @ArchTest
    static final ArchRule theModelDoesNotReachIntoTheEngine = noClasses()
            .that().resideInAPackage("io.parley.model..")
            .should().dependOnClassesThat().resideInAPackage("io.parley.engine..");

    @ArchTest
    static final ArchRule theEngineKnowsNoAnalysis = noClasses()
            .that().resideInAnyPackage("io.parley.model..", "io.parley.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("io.parley.analysis..", "io.parley.optimize..");

    @ArchTest
    static final ArchRule orToolsLivesInOptimize = noClasses()
            .that().resideOutsideOfPackage("io.parley.optimize..")
            .should().dependOnClassesThat().resideInAPackage("com.google.ortools..");

    @ArchTest
    static final ArchRule hipparchusLivesInAnalysis = noClasses()
            .that().resideOutsideOfPackage("io.parley.analysis..")
            .should().dependOnClassesThat().resideInAPackage("org.hipparchus..");

    @ArchTest
    static final ArchRule onlyTheStoreKnowsJpa = noClasses()
            .that().resideOutsideOfPackage("io.parley.store..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..");

    @ArchTest
    static final ArchRule onlyTheShellSpeaksHttp = noClasses()
            .that().resideOutsideOfPackage("io.parley.api..")
            .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..");

    /** plan/ says what it needs of a store (PlanRepository); store/ implements it: the dependency points inwards. */
    @ArchTest
    static final ArchRule plansKnowNoStore = noClasses()
            .that().resideInAPackage("io.parley.plan..")
            .should().dependOnClassesThat().resideInAPackage("io.parley.store..");

    /** The whole core, plans included, is reached from the shell and the store, never the other way. */
    @ArchTest
    static final ArchRule theCoreKnowsNoStoreNorShell = noClasses()
            .that().resideInAnyPackage("io.parley.model..", "io.parley.engine..", "io.parley.analysis..",
                    "io.parley.optimize..", "io.parley.plan..", "io.parley.jobs..")
            .should().dependOnClassesThat().resideInAnyPackage("io.parley.store..", "io.parley.api..", "io.parley.ops..");

    /** The ports plan/ declares (PlanRepository, IdempotencyKeys) are the store's to implement. */
    @ArchTest
    static final ArchRule theStoreImplementsThePlansPorts = classes()
            .that().implement(PlanRepository.class).or().implement(IdempotencyKeys.class)
            .should().resideInAPackage("io.parley.store..");

    /** The shell changes plans through PlanService (transactions, deadlock retries), never through the port. */
    @ArchTest
    static final ArchRule theShellUsesPlansThroughTheirService = noClasses()
            .that().resideInAPackage("io.parley.api..")
            .should().dependOnClassesThat().areAssignableTo(PlanRepository.class)
            .orShould().dependOnClassesThat().areAssignableTo(IdempotencyKeys.class);

    @ArchTest
    static final ArchRule theShellReachesTheStoreOnlyThroughPlans = noClasses()
            .that().resideInAPackage("io.parley.api..")
            .should().dependOnClassesThat().resideInAPackage("io.parley.store..");

    /** Panache is JPA too: its queries, sorts and pages stay in the store. */
    @ArchTest
    static final ArchRule onlyTheStoreKnowsPanache = noClasses()
            .that().resideOutsideOfPackage("io.parley.store..")
            .should().dependOnClassesThat().resideInAnyPackage("io.quarkus.hibernate..", "io.quarkus.panache..");

    /**
     * The domain's documents (scenario and plan JSON, analysis requests, CSV tables) are read and written
     * with Jackson alone: the shell turns what they throw into HTTP answers, so they know neither it nor a framework.
     */
    @ArchTest
    static final ArchRule documentsKnowNoShellNorFramework = noClasses()
            .that().resideInAPackage("io.parley.document..")
            .should().dependOnClassesThat().resideInAnyPackage("io.parley.api..", "io.parley.store..", "io.parley.ops..",
                    "jakarta..", "io.quarkus..", "io.smallrye..", "io.vertx..", "org.jboss..");

    /** The core's values have formats; the values do not know them. */
    @ArchTest
    static final ArchRule theCoreKnowsNoDocumentFormat = noClasses()
            .that().resideInAnyPackage("io.parley.model..", "io.parley.engine..", "io.parley.analysis..",
                    "io.parley.optimize..", "io.parley.plan..")
            .should().dependOnClassesThat().resideInAPackage("io.parley.document..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.parley.(*)..").should().beFreeOfCycles();
}
