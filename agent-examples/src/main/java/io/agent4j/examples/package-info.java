/**
 * Example agents, each a short class that names its instructions and tools, listed in
 * {@link io.agent4j.examples.Examples} so the {@code agent4j} command line can run them by name.
 */
package io.agent4j.examples;
