package io.agent4j.test;

import static com.tngtech.archunit.base.DescribedPredicate.anyElementThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noConstructors;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Optional;

/** agent-test keeps agent-core's rule for values (its {@code ValueTypesTest}): {@code Optional} is only handed out. */
@AnalyzeClasses(packages = "io.agent4j.test", importOptions = ImportOption.DoNotIncludeTests.class)
class ValueTypesTest {

    /** No public or protected constructor of the kit's API takes an {@code Optional}, a record's canonical one included. */
    @ArchTest
    static final ArchRule noOptionalToConstruct = noConstructors().that().areNotPrivate().and().areNotPackagePrivate()
            .and().areDeclaredInClassesThat().arePublic()
            .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
            .should().haveRawParameterTypes(anyElementThat(equivalentTo(Optional.class)));
}
