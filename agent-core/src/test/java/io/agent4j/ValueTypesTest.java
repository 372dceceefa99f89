package io.agent4j;

import static com.tngtech.archunit.base.DescribedPredicate.anyElementThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noConstructors;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.Usage;
import java.util.Optional;

/**
 * The value types of the API can grow without breaking their callers (docs/architecture.md, "Decisions"):
 * the ones that grow with the OpenAI API are final classes with builders, and {@code Optional} is what
 * agent4j hands out, never what a caller must wrap to construct a value.
 */
@AnalyzeClasses(packages = "io.agent4j", importOptions = ImportOption.DoNotIncludeTests.class)
class ValueTypesTest {

    /**
     * No public or protected constructor of a public type outside an {@code internal} package takes an
     * {@code Optional}; a caller passes null instead. Records are covered too: a public record's canonical
     * constructor is public, so an {@code Optional} component is an {@code Optional} parameter.
     */
    @ArchTest
    static final ArchRule noOptionalToConstruct = noConstructors().that().areNotPrivate().and().areNotPackagePrivate()
            .and().areDeclaredInClassesThat().arePublic()
            .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
            .should().haveRawParameterTypes(anyElementThat(equivalentTo(Optional.class)));

    /** A parameter the API adds is a new builder method, not a new record component every caller must pass. */
    @ArchTest
    static final ArchRule growingValuesAreFinalClasses = classes().that()
            .belongToAnyOf(ChatOptions.class, Usage.class, AgentResult.class)
            .should().notBeRecords().andShould().haveModifier(JavaModifier.FINAL);
}
