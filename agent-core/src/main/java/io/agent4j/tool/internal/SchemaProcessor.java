package io.agent4j.tool.internal;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import io.agent4j.tool.Tool;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.StandardLocation;

/**
 * Makes the schema index of {@link io.agent4j.tool.SchemaIndexer} while javac compiles, with no
 * configuration: javac finds this processor on the class path (through agent-core's
 * {@code META-INF/services}) and, when the compilation has {@link Tool} methods, it indexes the classes
 * folder once javac has written it. A JVM then reads the tools' schemas instead of making them, which
 * saves the schema generator's first use at start-up.
 *
 * <p>It never fails a compilation: where it cannot work (a compiler that is not javac, classes it
 * cannot load) it says so in a note and the schemas are made at run time, as without it. javac finds
 * processors on the class path by itself up to Java 22; from Java 23 it needs {@code -proc:full} (or
 * agent-core on the processor path). {@code -Aagent4j.schemas=false} turns it off.
 */
public final class SchemaProcessor extends AbstractProcessor {

    /** The option that turns the processor off: {@code -Aagent4j.schemas=false}. */
    public static final String OPTION = "agent4j.schemas";
    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    private boolean tools;
    private boolean hooked;
    /** Where the generator is loaded from once the classes are written: a class path and a parent loader. */
    private URL[] classPath;
    private ClassLoader parent;

    /** Creates the processor; javac calls this. */
    public SchemaProcessor() {
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(Tool.class.getName());
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        if ("false".equalsIgnoreCase(environment.getOptions().get(OPTION))) {
            return;
        }
        ClassLoader own = SchemaProcessor.class.getClassLoader();
        if (own instanceof URLClassLoader urls) {
            // javac's loader for this compilation, closed before the end: its class path, in a loader kept open
            classPath = urls.getURLs();
            parent = own.getParent();
        } else {
            // a loader that outlives the compilation, such as the application's when javac runs in it
            classPath = new URL[0];
            parent = own;
        }
        try {
            JavacTask.instance(environment).addTaskListener(new TaskListener() {
                @Override
                public void finished(TaskEvent event) {
                    if (event.getKind() == TaskEvent.Kind.COMPILATION && tools) {
                        index();
                    }
                }
            });
            hooked = true;
        } catch (RuntimeException | LinkageError e) {
            note("agent4j: the tools' schemas are made at run time: this compiler is not javac (" + e + ")");
        }
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (hooked && !round.processingOver() && !round.getElementsAnnotatedWith(Tool.class).isEmpty()) {
            tools = true;
        }
        return false;
    }

    private void index() {
        try {
            Path classes = Path.of(processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "",
                    "agent4j").toUri()).getParent();
            if (!Files.isDirectory(classes)) {
                return;
            }
            URL[] urls = new URL[classPath.length + 1];
            urls[0] = classes.toUri().toURL();
            System.arraycopy(classPath, 0, urls, 1, classPath.length);
            // a build without an SLF4J provider would read three lines about it from a fresh slf4j-api
            String verbosity = System.getProperty(SLF4J_VERBOSITY);
            if (verbosity == null) {
                System.setProperty(SLF4J_VERBOSITY, "ERROR");
            }
            try (URLClassLoader loader = new URLClassLoader(urls, parent)) {
                // the generator runs in a loader of its own: the one javac gave this processor is closed by now
                Class<?> index = Class.forName(SchemaIndex.class.getName(), true, loader);
                Object written = index.getMethod("write", Path.class, ClassLoader.class).invoke(null, classes, loader);
                Class<?> counts = written.getClass();
                note("agent4j: prepared the schemas of " + counts.getMethod("tools").invoke(written) + " tool(s) and "
                        + counts.getMethod("answers").invoke(written) + " answer type(s) in " + classes);
            } finally {
                if (verbosity == null) {
                    System.clearProperty(SLF4J_VERBOSITY);
                }
            }
        } catch (java.lang.reflect.InvocationTargetException e) {
            note("agent4j: the tools' schemas are made at run time: they could not be prepared while compiling ("
                    + e.getCause() + ")");
        } catch (Exception | LinkageError e) {
            note("agent4j: the tools' schemas are made at run time: they could not be prepared while compiling ("
                    + e + ")");
        }
    }

    private void note(String text) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE, text);
    }
}
