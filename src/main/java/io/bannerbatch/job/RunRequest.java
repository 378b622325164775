package io.bannerbatch.job;

import java.nio.file.Path;

import io.bannerbatch.mapping.PlanRequest;

/**
 * One {@code run} as the user asked for it.
 *
 * @param plan input, mapping, design, formats, key column, delimiter
 * @param output the results file
 * @param exportCallbackUrl passed to the export, or {@code null}
 * @param newRun start afresh when the same run already completed
 * @param command the command that resumes this run, shown by {@code status} (never holds a secret)
 * @param limit only the first rows, or 0 for all
 * @param dryRun check and estimate only: no paid call
 * @param maxGenerations refuse a run that would make more generation requests, or -1 for no cap
 */
public record RunRequest(PlanRequest plan, Path output, String exportCallbackUrl, boolean newRun, String command,
		long limit, boolean dryRun, long maxGenerations) {
}
