package io.agent4j.test;

import io.agent4j.chat.ChatModel;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.test.internal.CassetteChatModel;
import io.agent4j.test.internal.Redaction;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The extension behind {@link AgentTest}: gives each {@link ChatModel} parameter of a test a model
 * backed by its cassette, and after a test that passed checks that the cassette was replayed to its end.
 */
public final class CassetteExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CassetteExtension.class);

    /** Made by JUnit for {@link AgentTest}. */
    public CassetteExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ChatModel.class && context.getTestMethod().isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        AgentTest settings = settings(testClass);
        CassetteMode mode;
        try {
            mode = CassetteMode.choose(context.getConfigurationParameter(CassetteMode.PROPERTY).orElse(null),
                    System.getenv(CassetteMode.ENVIRONMENT));
        } catch (IllegalArgumentException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
        Method method = context.getRequiredTestMethod();
        String name = parameter.findAnnotation(Cassette.class).map(Cassette::value)
                .or(() -> Optional.ofNullable(method.getAnnotation(Cassette.class)).map(Cassette::value))
                .orElse(testClass.getSimpleName() + "/" + method.getName() + ".json");
        Path file = Path.of(settings.cassettes()).resolve(name);
        Redaction redaction;
        try {
            redaction = Redaction.of(List.of(settings.secretsFromEnvironment()), System.getenv(),
                    List.of(settings.redact()));
        } catch (IllegalArgumentException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
        CassetteChatModel model = new CassetteChatModel(file, mode, () -> liveModel(context), redaction);
        models(context).add(model);
        return model;
    }

    /** The {@link AgentTest} of the class, or of the class a {@code @Nested} class is declared in. */
    private static AgentTest settings(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<AgentTest> found = AnnotationSupport.findAnnotation(c, AgentTest.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new ParameterResolutionException(testClass.getName() + " takes a ChatModel parameter from the cassette "
                + "extension but is not annotated @AgentTest.");
    }

    @SuppressWarnings("unchecked")
    private static List<CassetteChatModel> models(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("models", key -> new ArrayList<CassetteChatModel>(),
                List.class);
    }

    private static ChatModel liveModel(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        List<Method> methods = AnnotationSupport.findAnnotatedMethods(testClass, LiveModel.class,
                HierarchyTraversalMode.TOP_DOWN);
        if (methods.isEmpty()) {
            return OpenAiChatModel.fromEnv();
        }
        if (methods.size() > 1) {
            throw new IllegalStateException(testClass.getName() + " has " + methods.size() + " @LiveModel methods "
                    + methods.stream().map(Method::getName).toList() + "; keep one.");
        }
        Method method = methods.get(0);
        if (method.getParameterCount() != 0 || !ChatModel.class.isAssignableFrom(method.getReturnType())) {
            throw new IllegalStateException("@LiveModel method " + method.getName() + " must take no parameters and "
                    + "return a ChatModel.");
        }
        Object target = Modifier.isStatic(method.getModifiers()) ? null : context.getRequiredTestInstance();
        return (ChatModel) ReflectionSupport.invokeMethod(method, target);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<CassetteChatModel> models = models(context);
        if (context.getExecutionException().isEmpty()) {
            models.forEach(CassetteChatModel::checkAllReplayed);
        }
    }

}
