package io.agent4j.opentelemetry;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rules of agent-opentelemetry in docs/architecture.md, checked on every build ({@link ArchitectureDocTest} keeps the two the same). */
@AnalyzeClasses(packages = "io.agent4j.opentelemetry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** What this module needs of another is that module's API: an {@code internal} package may change in any release. */
    @ArchTest
    static final ArchRule noOtherModulesInternals = noClasses().should().dependOnClassesThat(
            resideInAPackage("io.agent4j..internal..").and(not(resideInAPackage("io.agent4j.opentelemetry.."))));
}
