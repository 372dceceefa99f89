package io.agent4j.tool.internal;

import io.agent4j.tool.Tool;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.util.Comparator;
import java.util.List;

/**
 * What to say when a package scanned for tools holds none: the packages beside it that do hold
 * tools, nearest in spelling first. Only the package's parent is scanned (and its grandparent, if
 * the parent has none and the grandparent is not a top-level package), so that the error does not
 * cost a scan of the whole class path.
 */
final class PackageSuggestions {

    private static final int MAX_LISTED = 8;

    private PackageSuggestions() {
    }

    /** {@code "; did you mean com.acme.tools?"}, or the packages nearby that hold tools, or nothing. */
    static String of(String name, ClassLoader loader) {
        for (String scope = parent(name); scope.contains("."); scope = parent(scope)) {
            List<String> packages = withTools(scope, loader);
            if (!packages.isEmpty()) {
                return suggestion(name, packages);
            }
        }
        return "";
    }

    private static String parent(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    private static List<String> withTools(String scope, ClassLoader loader) {
        List<String> roots = ToolScanner.rootsOf(loader, scope);
        ClassGraph classGraph = new ClassGraph().acceptPackages(scope);
        classGraph = roots.isEmpty() ? classGraph.addClassLoader(loader) : classGraph.overrideClasspath(roots);
        try (ScanResult result = classGraph.enableMethodInfo().enableAnnotationInfo().scan()) {
            return result.getClassesWithMethodAnnotation(Tool.class.getName()).stream()
                    .filter(info -> !info.isAbstract() && !info.isInterface())
                    .map(ClassInfo::getPackageName).distinct().sorted().toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static String suggestion(String name, List<String> packages) {
        int nearest = packages.stream().mapToInt(candidate -> distance(name, candidate)).min().orElseThrow();
        if (nearest <= Math.max(2, (name.length() - name.lastIndexOf('.') - 1) / 3)) {
            List<String> closest = packages.stream().filter(candidate -> distance(name, candidate) == nearest).toList();
            return "; did you mean " + String.join(" or ", closest) + "?";
        }
        List<String> listed = packages.stream()
                .sorted(Comparator.comparingInt((String candidate) -> distance(name, candidate))).limit(MAX_LISTED)
                .sorted().toList();
        return "; the packages nearby with tools are " + String.join(", ", listed)
                + (packages.size() > MAX_LISTED ? " and " + (packages.size() - MAX_LISTED) + " more" : "");
    }

    /** The Levenshtein distance: how many characters to insert, delete or replace to turn one into the other. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
