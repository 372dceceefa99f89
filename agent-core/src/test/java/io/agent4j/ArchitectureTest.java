package io.agent4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package rules of docs/architecture.md, checked on every build ({@link ArchitectureDocTest} keeps the two the same). */
@AnalyzeClasses(packages = "io.agent4j", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule chatKnowsNoProvider = noClasses().that().resideInAPackage("io.agent4j.chat..")
            .should().dependOnClassesThat().resideInAnyPackage("io.agent4j.openai..", "io.agent4j.replay..",
                    "okhttp3..", "io.agent4j.memory..");

    @ArchTest
    static final ArchRule toolKnowsNoHttpNorModel = noClasses().that().resideInAPackage("io.agent4j.tool..")
            .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "io.agent4j.openai..",
                    "io.agent4j.chat..", "io.agent4j.replay..");

    @ArchTest
    static final ArchRule replayKnowsNoProvider = noClasses().that().resideInAPackage("io.agent4j.replay..")
            .should().dependOnClassesThat().resideInAnyPackage("io.agent4j.openai..", "okhttp3..");

    @ArchTest
    static final ArchRule agentLoopKnowsNoProvider = noClasses().that().resideInAPackage("io.agent4j")
            .should().dependOnClassesThat().resideInAnyPackage("io.agent4j.openai..", "okhttp3..");

    @ArchTest
    static final ArchRule coreKnowsNoCommandLine = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("picocli..", "io.agent4j.examples..");

    @ArchTest
    static final ArchRule errorsKnowOnlyMessages = classes().that().resideInAPackage("io.agent4j.errors..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.agent4j.errors..", "io.agent4j.chat",
                    "java..");

    @ArchTest
    static final ArchRule answersKnowNoModelNorLoop = noClasses().that().resideInAPackage("io.agent4j.answer..")
            .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "io.agent4j.openai..",
                    "io.agent4j.chat..", "io.agent4j.replay..", "io.agent4j.memory..", "io.agent4j.guardrail..")
            .orShould().dependOnClassesThat().resideInAPackage("io.agent4j");

    @ArchTest
    static final ArchRule guardrailsKnowOnlyMessagesAndTools = noClasses().that()
            .resideInAPackage("io.agent4j.guardrail..")
            .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "io.agent4j.openai..",
                    "io.agent4j.replay..", "io.agent4j.memory..", "io.agent4j.answer..")
            .orShould().dependOnClassesThat().resideInAPackage("io.agent4j");
}
