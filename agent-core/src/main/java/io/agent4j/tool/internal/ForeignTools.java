package io.agent4j.tool.internal;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.tool.Tool;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/**
 * Methods annotated with another framework's {@code @Tool} (LangChain4j's, Spring AI's, any
 * annotation named {@code Tool}): agent4j does not read them, and registering nothing for them
 * would fail silently, so they are refused with the fix. Recognised by name, so that no other
 * framework is needed on the class path.
 */
final class ForeignTools {

    static final String LANGCHAIN4J = "dev.langchain4j.agent.tool.Tool";
    static final String SPRING_AI = "org.springframework.ai.tool.annotation.Tool";

    private ForeignTools() {
    }

    /** Whether an annotation of this class name is a {@code @Tool} other than agent4j's. */
    static boolean isForeign(String annotationName) {
        if (annotationName.equals(Tool.class.getName())) {
            return false;
        }
        int start = Math.max(annotationName.lastIndexOf('.'), annotationName.lastIndexOf('$')) + 1;
        return annotationName.substring(start).equals("Tool");
    }

    /** The name of the foreign {@code @Tool} that {@code method} carries, or null when it carries none. */
    static String foreignAnnotation(Method method) {
        for (Annotation annotation : method.getDeclaredAnnotations()) {
            String name = annotation.annotationType().getName();
            if (isForeign(name)) {
                return name;
            }
        }
        return null;
    }

    /** The refusal of a method that carries the foreign {@code annotation} and no {@link Tool} of agent4j. */
    static ToolRegistrationException refusal(Method method, String annotation) {
        return new ToolRegistrationException(ToolMethod.describe(method) + " is annotated with " + annotation
                + ", which agent4j does not read: use " + Tool.class.getName() + hint(annotation)
                + " (keep both annotations if the other framework still needs its own).");
    }

    private static String hint(String name) {
        return switch (name) {
            case LANGCHAIN4J -> " instead, @Tool(\"the same description\"), and @Param(\"...\") for @P";
            case SPRING_AI -> " instead, @Tool(\"the description\"), and @Param(\"...\") for @ToolParam";
            default -> " instead, @Tool(\"what it does\")";
        };
    }
}
