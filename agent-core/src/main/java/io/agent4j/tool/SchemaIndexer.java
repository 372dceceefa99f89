package io.agent4j.tool;

import io.agent4j.tool.internal.SchemaIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the parameter schemas of the {@link Tool} methods of a compiled classes folder at build
 * time, and the answer schemas of its records, enums and sealed types (and types with
 * {@code @JsonTypeInfo}), and writes them into that folder, beside the classes, under
 * {@code META-INF/agent4j/schemas/}. A JVM that registers those tools, or asks for answers of those
 * types ({@code agent.run(prompt, Invoice.class)}), then reads the schemas instead of making them,
 * which saves the first use of the schema generator (about 150 ms of a cold start). Each schema is
 * used only while every class it was made from (the tool's or the answer's, the types inside them,
 * agent4j's generator) is the same byte for byte; otherwise it is made as usual, so a stale index
 * costs time, never correctness. A type that can have no schema is left out.
 *
 * <p>Run it after compiling, with the classes and their dependencies on the class path, for
 * example with Maven's exec plugin in the {@code process-classes} phase, on the compile class path
 * (the default runtime class path has no {@code provided} agent-core, as in a tool pack):
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>org.codehaus.mojo</groupId>
 *   <artifactId>exec-maven-plugin</artifactId>
 *   <version>3.6.1</version>
 *   <executions>
 *     <execution>
 *       <id>agent4j-schemas</id>
 *       <phase>process-classes</phase>
 *       <goals><goal>java</goal></goals>
 *       <configuration>
 *         <mainClass>io.agent4j.tool.SchemaIndexer</mainClass>
 *         <classpathScope>compile</classpathScope>
 *         <arguments><argument>${project.build.outputDirectory}</argument></arguments>
 *       </configuration>
 *     </execution>
 *   </executions>
 * </plugin>
 * }</pre>
 */
public final class SchemaIndexer {

    private SchemaIndexer() {
    }

    /**
     * Indexes the classes folder given as the only argument.
     *
     * @throws IllegalArgumentException when the argument is missing or not a folder
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: SchemaIndexer CLASSES_FOLDER (e.g. target/classes)");
        }
        Path classes = Path.of(args[0]);
        SchemaIndex.Written written = write(classes);
        System.out.println("agent4j: prepared the schemas of " + written.tools() + " tool(s) and "
                + written.answers() + " answer type(s) in " + classes);
    }

    /**
     * Indexes a classes folder whose classes the thread's context class loader can load, tools and
     * answer types; returns how many tools were indexed.
     *
     * @throws IllegalArgumentException when {@code classes} is not a folder
     */
    public static int index(Path classes) throws IOException {
        return write(classes).tools();
    }

    private static SchemaIndex.Written write(Path classes) throws IOException {
        if (!Files.isDirectory(classes)) {
            throw new IllegalArgumentException(classes + " is not a folder of compiled classes");
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return SchemaIndex.write(classes, loader != null ? loader : SchemaIndexer.class.getClassLoader());
    }
}
