/**
 * The command line (picocli): {@code run}, {@code status}, {@code sandbox}; usage errors, exit codes, and the Spring
 * context each command starts.
 */
package io.bannerbatch.cli;
