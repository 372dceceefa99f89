/**
 * The {@code agent4j} command line, built on picocli: {@link io.agent4j.examples.cli.Main} and its
 * {@code run}, {@code chat}, {@code tools} and {@code examples} subcommands. Exit codes are in
 * {@link io.agent4j.examples.cli.ExitCodes}.
 */
package io.agent4j.examples.cli;
