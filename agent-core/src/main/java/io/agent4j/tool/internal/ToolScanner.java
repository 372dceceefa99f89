package io.agent4j.tool.internal;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.tool.Tool;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ClassInfoList;
import io.github.classgraph.MethodInfo;
import io.github.classgraph.ScanResult;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Finds classes with {@link Tool} methods with ClassGraph and creates their instances. */
public final class ToolScanner {

    private ToolScanner() {
    }

    /**
     * Scans {@code classGraph} (already limited to a class path) and returns the tool methods of
     * every class found, loaded through {@code loader}.
     *
     * @throws ToolRegistrationException when a class has a method annotated with another
     *     framework's {@code @Tool} only
     */
    public static List<ToolMethod> scan(ClassGraph classGraph, ClassLoader loader) {
        try (ScanResult result = scanned(classGraph)) {
            refuseForeignTools(result.getAllClasses(), loader);
            return toolsFound(result, loader);
        }
    }

    /**
     * Scans {@code classGraph} (already limited to {@code packages}) and returns the tool methods of
     * every class found, loaded through {@code loader}.
     *
     * @throws ToolRegistrationException when one of the packages holds no tool, saying what it holds,
     *     or when a class has a method annotated with another framework's {@code @Tool} only
     */
    public static List<ToolMethod> scanPackages(ClassGraph classGraph, ClassLoader loader, List<String> packages) {
        try (ScanResult result = scanned(classGraph)) {
            ClassInfoList classes = result.getAllClasses().filter(info -> !info.isAnonymousInnerClass());
            refuseForeignTools(classes, loader);
            List<ToolMethod> found = toolsFound(result, loader);
            for (String name : packages) {
                if (found.stream().noneMatch(tool -> inPackage(tool.method().getDeclaringClass().getName(), name))) {
                    throw nothingIn(name, classes.filter(info -> inPackage(info.getName(), name)), loader);
                }
            }
            return found;
        }
    }

    private static ScanResult scanned(ClassGraph classGraph) {
        return classGraph.enableMethodInfo().enableAnnotationInfo().scan();
    }

    private static List<ToolMethod> toolsFound(ScanResult result, ClassLoader loader) {
        List<ToolMethod> found = new ArrayList<>();
        for (ClassInfo info : result.getClassesWithMethodAnnotation(Tool.class.getName())) {
            if (info.isAbstract() || info.isInterface() || info.isAnnotation()) {
                continue;
            }
            found.addAll(toolsOf(load(info.getName(), loader)));
        }
        return found;
    }

    private static boolean inPackage(String className, String packageName) {
        return className.startsWith(packageName + ".");
    }

    /** Loads each class that has a method with only a foreign {@code @Tool}, which then fails with the fix. */
    private static void refuseForeignTools(ClassInfoList classes, ClassLoader loader) {
        for (ClassInfo info : classes) {
            for (MethodInfo method : info.getDeclaredMethodInfo()) {
                if (!method.hasAnnotation(Tool.class.getName()) && method.getAnnotationInfo().stream()
                        .anyMatch(annotation -> ForeignTools.isForeign(annotation.getName()))) {
                    annotatedMethods(load(info.getName(), loader));
                }
            }
        }
    }

    private static ToolRegistrationException nothingIn(String name, ClassInfoList classes, ClassLoader loader) {
        StringBuilder message = new StringBuilder("Scanning for tools ");
        if (classes.isEmpty()) {
            message.append("found no classes in package ").append(name).append(" on the class path: check its "
                    + "spelling, and that the classes are on the class path");
        } else {
            message.append("found ").append(classes.size()).append(classes.size() == 1 ? " class" : " classes")
                    .append(" in ").append(name).append(", none with a public ").append(Tool.class.getName())
                    .append(" method");
            List<String> abstractOnes = classes.filter(info -> info.isAbstract() || info.isInterface())
                    .filter(info -> info.hasMethodAnnotation(Tool.class.getName())).getNames();
            if (!abstractOnes.isEmpty()) {
                message.append(" that can be instantiated (").append(String.join(", ", abstractOnes))
                        .append(" declare tools but are abstract: make a concrete subclass)");
            }
            message.append(": annotate the methods the model may call with @Tool(\"what it does\")");
        }
        String suggestion = PackageSuggestions.of(name, loader);
        message.append(suggestion).append(suggestion.endsWith("?") ? "" : ".");
        return new ToolRegistrationException(message.toString());
    }

    /**
     * The class path roots (directories or jars) of {@code loader} that hold any of the packages.
     * Scanning only those keeps the cost of a scan independent of the size of the class path
     * (measured on agent-examples: about 7 ms warm instead of 42 ms). Empty when none could be
     * found, for example with jars built without directory entries.
     */
    public static List<String> rootsOf(ClassLoader loader, String... packages) {
        Set<String> roots = new LinkedHashSet<>();
        for (String name : packages) {
            String path = name.replace('.', '/');
            try {
                for (URL url : Collections.list(loader.getResources(path))) {
                    String location = url.toString();
                    if (location.startsWith("jar:") && location.contains("!/")) {
                        roots.add(location.substring("jar:".length(), location.indexOf("!/")));
                    } else if (location.startsWith("file:") && location.endsWith(path)) {
                        roots.add(location.substring(0, location.length() - path.length()));
                    } else {
                        return List.of();
                    }
                }
            } catch (IOException e) {
                return List.of();
            }
        }
        return List.copyOf(roots);
    }

    /** The tool methods of a class, bound to a new instance when any of them is not static. */
    public static List<ToolMethod> toolsOf(Class<?> type) {
        List<Method> methods = annotatedMethods(type);
        boolean needsInstance = methods.stream().anyMatch(m -> !Modifier.isStatic(m.getModifiers()));
        Object instance = needsInstance ? instantiate(type) : null;
        return methods.stream().map(m -> ToolMethod.of(Modifier.isStatic(m.getModifiers()) ? null : instance, m))
                .toList();
    }

    /** The tool methods of an object: its instance and static {@link Tool} methods. */
    public static List<ToolMethod> toolsOf(Object target) {
        return annotatedMethods(target.getClass()).stream()
                .map(m -> ToolMethod.of(Modifier.isStatic(m.getModifiers()) ? null : target, m))
                .toList();
    }

    private static List<Method> annotatedMethods(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Tool.class) && !Modifier.isPublic(method.getModifiers())) {
                    throw new ToolRegistrationException("@Tool method " + ToolMethod.describe(method)
                            + " must be public.");
                }
                String foreign = method.isSynthetic() ? null : ForeignTools.foreignAnnotation(method);
                if (foreign != null && ToolMethod.annotation(method) == null) {
                    throw ForeignTools.refusal(method, foreign);
                }
            }
        }
        List<Method> methods = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (!method.isSynthetic() && !method.isBridge() && ToolMethod.annotation(method) != null) {
                methods.add(method);
            }
        }
        methods.sort((a, b) -> a.getName().compareTo(b.getName()));
        return methods;
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ToolRegistrationException("Cannot load tool class " + name + ": " + e, e);
        }
    }

    private static Object instantiate(Class<?> type) {
        try {
            Constructor<?> constructor = type.getConstructor();
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new ToolRegistrationException("Tool class " + type.getName()
                    + " has @Tool instance methods but no public no-argument constructor: add one, "
                    + "or create the object yourself and pass it to Toolbox.of(...).");
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ToolRegistrationException("Cannot create tool class " + type.getName() + ": "
                    + cause, cause);
        }
    }
}
