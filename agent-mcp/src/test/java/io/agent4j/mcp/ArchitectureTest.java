package io.agent4j.mcp;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;

/** The package rules of agent-mcp (docs/architecture.md), checked on every build. */
@AnalyzeClasses(packages = "io.agent4j.mcp", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** What the client and the server share knows neither of them, so each can use it alone. */
    @ArchTest
    static final ArchRule theSharedPackagesKnowNoServer = noClasses().that()
            .resideInAnyPackage("io.agent4j.mcp", "io.agent4j.mcp.internal")
            .should().dependOnClassesThat().resideInAnyPackage("io.agent4j.mcp.server..");

    /** What the client and the server share knows no client either. */
    @ArchTest
    static final ArchRule theSharedPackagesKnowNoClient = noClasses().that()
            .resideInAnyPackage("io.agent4j.mcp", "io.agent4j.mcp.internal")
            .should().dependOnClassesThat().resideInAnyPackage("io.agent4j.mcp.client..");

    /** The two directions are independent: neither knows the other. */
    @ArchTest
    static final ArchRule theClientKnowsNoServer = noClasses().that().resideInAPackage("io.agent4j.mcp.client..")
            .should().dependOnClassesThat().resideInAnyPackage("io.agent4j.mcp.server..");

    /** The two directions are independent: neither knows the other. */
    @ArchTest
    static final ArchRule theServerKnowsNoClient = noClasses().that().resideInAPackage("io.agent4j.mcp.server..")
            .should().dependOnClassesThat().resideInAnyPackage("io.agent4j.mcp.client..");

    /** Users see synchronous APIs of agent4j's own types: no SDK or Reactor type in a public signature. */
    @ArchTest
    static final ArchRule noSdkNorReactorInThePublicApi = codeUnits().that().arePublic()
            .and().areDeclaredInClassesThat().arePublic()
            .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
            .should(new ArchCondition<JavaCodeUnit>("use no SDK, Reactor or servlet type in their signature") {
                @Override
                public void check(JavaCodeUnit unit, ConditionEvents events) {
                    List<JavaClass> types = new ArrayList<>(unit.getRawParameterTypes());
                    types.add(unit.getRawReturnType());
                    for (JavaClass type : types) {
                        String name = type.getName();
                        if (name.startsWith("io.modelcontextprotocol.") || name.startsWith("reactor.")
                                || name.startsWith("jakarta.servlet.") || name.startsWith("org.apache.catalina.")) {
                            events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " uses " + name));
                        }
                    }
                }
            });

    /** Tomcat is optional: one class knows it, reached only after the check that it is on the class path. */
    @ArchTest
    static final ArchRule onlyTheContainerKnowsTomcat = noClasses().that()
            .haveNameNotMatching("io\\.agent4j\\.mcp\\.server\\.TomcatContainer(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.catalina..", "org.apache.tomcat..",
                    "org.apache.coyote..");

    /** What this module needs of agent-core is its API: an {@code internal} package may change in any release. */
    @ArchTest
    static final ArchRule noOtherModulesInternals = noClasses().should().dependOnClassesThat(
            resideInAPackage("io.agent4j..internal..").and(not(resideInAPackage("io.agent4j.mcp.."))));
}
