package io.agent4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles against agent4j's modules, so
 * that a snippet a user copies works as written.
 *
 * <p>A block is read the way a reader reads it: its {@code package} and {@code import} lines
 * head the file, its top-level types stay top-level, methods and fields shown on their own go
 * into a class, and the statements that remain become the body of a method of that class. The
 * blocks of one page share a package (their {@code package} line's, or one named after the page),
 * so that a page may declare a class once and use it in its later blocks, and different pages may
 * each declare a {@code Weather}.
 *
 * <p>A short block may use, without declaring them, the names a page has just introduced: {@code
 * agent}, {@code store}, {@code executor}, {@code handler}, {@code prompt}, {@code settings} and
 * {@code folder} (see {@link #CONTEXT}); any other name it uses it must declare, and every type it
 * names it must import.
 */
class DocSnippetsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern BLOCK = Pattern.compile("(?m)^```java[ \\t]*\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile(
            "^(@\\w+(\\([^)]*\\))?\\s+)*((public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
                    + "(class|record|interface|enum|@interface)\\s");
    /** The names a block may use without declaring them, and their types. */
    static final Map<String, String> CONTEXT = contextNames();
    private static final Pattern MEMBER = Pattern.compile(
            "^(@\\w+|(public|protected|private|static|final|abstract|synchronized)\\s)");

    private static Map<String, String> contextNames() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("agent", "io.agent4j.Agent");
        names.put("store", "io.agent4j.memory.JdbcConversationStore");
        names.put("executor", "java.util.concurrent.ExecutorService");
        names.put("handler", "io.agent4j.StreamHandler");
        names.put("prompt", "String");
        names.put("settings", "java.util.Map<String, String>");
        names.put("folder", "String");
        return names;
    }

    @Test
    void everyJavaSnippetOfTheDocsCompiles(@TempDir Path classes) throws IOException {
        List<Snippet> snippets = snippets();
        assertThat(snippets).as("java blocks in README.md and docs/").hasSizeGreaterThan(30);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> sources = snippets.stream().<JavaFileObject>map(Snippet::source).toList();
        boolean compiled;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            compiled = javac.getTask(new StringWriter(), files, diagnostics,
                    List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
                            "-proc:none", "-Xlint:none", "-nowarn"),
                    null, sources).call();
        }

        List<String> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(DocSnippetsTest::describe)
                .toList();
        assertThat(errors).as("compile errors in the docs' java blocks").isEmpty();
        assertThat(compiled).isTrue();
    }

    private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
        SnippetSource source = (SnippetSource) diagnostic.getSource();
        String line = source == null ? "" : source.line(diagnostic.getLineNumber());
        String where = source == null ? "?" : source.snippet.where();
        return where + ": " + diagnostic.getMessage(Locale.ROOT) + "\n    at: " + line.strip()
                + "\n--- as compiled ---\n" + (source == null ? "" : source.code);
    }

    /** Every java block of README.md and docs/*.md, in page order. */
    private static List<Snippet> snippets() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<Snippet> snippets = new ArrayList<>();
        for (Path page : pages) {
            String text = Files.readString(page);
            Matcher block = BLOCK.matcher(text);
            while (block.find()) {
                int line = (int) text.substring(0, block.start()).chars().filter(c -> c == '\n').count() + 2;
                snippets.add(new Snippet(page.getFileName().toString(), line, snippets.size() + 1, block.group(1)));
            }
        }
        return snippets;
    }

    /** One java block: the page, the line its code starts on, and the code. */
    record Snippet(String page, int line, int number, String text) {

        String where() {
            return page + ":" + line;
        }

        SnippetSource source() {
            String pkg = null;
            List<String> imports = new ArrayList<>();
            StringBuilder types = new StringBuilder();
            StringBuilder members = new StringBuilder();
            StringBuilder statements = new StringBuilder();
            StringBuilder comment = new StringBuilder();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i];
                String stripped = l.strip();
                if (l.startsWith("package ")) {
                    pkg = l.substring("package ".length(), l.indexOf(';')).strip();
                } else if (l.startsWith("import ")) {
                    imports.add(l);
                } else if (l.startsWith("/**") || l.startsWith("//") || (!comment.isEmpty() && l.startsWith(" *"))) {
                    comment.append(l).append('\n');
                } else if (stripped.isEmpty()) {
                    continue;
                } else if (TYPE.matcher(l).find() || MEMBER.matcher(l).find()) {
                    StringBuilder into = TYPE.matcher(l).find() ? types : members;
                    into.append(comment);
                    comment.setLength(0);
                    i = declaration(lines, i, into);
                } else {
                    statements.append(comment).append(l).append('\n');
                    comment.setLength(0);
                }
            }
            statements.append(comment);

            String packageName = pkg != null ? pkg
                    : "docsnippets." + page.replaceAll("\\.md$", "").replaceAll("[^A-Za-z0-9]", "_").toLowerCase(Locale.ROOT);
            StringBuilder code = new StringBuilder("package ").append(packageName).append(";\n");
            imports.forEach(i -> code.append(i).append('\n'));
            code.append(types);
            if (!members.isEmpty() || !statements.toString().isBlank()) {
                code.append("class Snippet").append(number).append(" {\n").append(members);
                if (!statements.toString().isBlank()) {
                    String body = statements.toString();
                    String parameters = CONTEXT.entrySet().stream()
                            .filter(name -> Pattern.compile("\\b" + name.getKey() + "\\b").matcher(body).find())
                            .filter(name -> !Pattern.compile("[\\w>\\]]\\s+" + name.getKey() + "\\s*[=;]").matcher(body).find())
                            .map(name -> name.getValue() + " " + name.getKey())
                            .collect(Collectors.joining(", "));
                    code.append("void snippet(").append(parameters).append(") throws Exception {\n").append(body)
                            .append("}\n");
                }
                code.append("}\n");
            }
            return new SnippetSource(this, code.toString());
        }

        /** Appends the declaration starting at {@code start} (annotations, header, body) and returns its last line. */
        private static int declaration(String[] lines, int start, StringBuilder into) {
            int depth = 0;
            boolean opened = false;
            for (int i = start; i < lines.length; i++) {
                String l = lines[i];
                into.append(l).append('\n');
                for (char c : code(l).toCharArray()) {
                    if (c == '{') {
                        depth++;
                        opened = true;
                    } else if (c == '}') {
                        depth--;
                    }
                }
                String end = code(l).strip();
                if (depth == 0 && (opened || end.endsWith(";"))) {
                    return i;
                }
            }
            return lines.length - 1;
        }

        /** The line without its string and character literals and its line comment. */
        private static String code(String line) {
            return line.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("'(\\\\.|[^'\\\\])'", "''")
                    .replaceAll("//.*$", "");
        }
    }

    /** A snippet as javac sees it: any public type name is accepted for the one file. */
    static final class SnippetSource extends SimpleJavaFileObject {

        final Snippet snippet;
        final String code;

        SnippetSource(Snippet snippet, String code) {
            super(URI.create("string:///snippet" + snippet.number() + ".java"), Kind.SOURCE);
            this.snippet = snippet;
            this.code = code;
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            return true;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }

        String line(long number) {
            String[] lines = code.split("\n", -1);
            return number >= 1 && number <= lines.length ? lines[(int) number - 1] : "";
        }
    }
}
