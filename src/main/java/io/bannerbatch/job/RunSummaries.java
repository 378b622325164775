package io.bannerbatch.job;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.bannerbatch.abyssale.ApiCallCounts;
import io.bannerbatch.csv.CsvFiles;

/** Builds a run's summary from the ledger, and writes it beside the results. */
@Component
public class RunSummaries {

	private final Ledger ledger;

	private final ApiCallCounts apiCalls;

	private final JsonMapper json;

	public RunSummaries(Ledger ledger, ApiCallCounts apiCalls, JsonMapper json) {
		this.ledger = ledger;
		this.apiCalls = apiCalls;
		this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
	}

	RunSummary summarize(long runId, Path output, Instant started) {
		Ledger.Counts counts = this.ledger.counts(runId);
		ApiCallCounts.Snapshot calls = this.apiCalls.snapshot();
		String status = (counts.failedLines() + counts.rejectedLines() == 0) ? "COMPLETED" : "COMPLETED_WITH_FAILURES";
		return new RunSummary(status, counts.rows(), counts.rejectedRows(), counts.generationRequests(),
				counts.generatedLines(), counts.failedLines(), this.ledger.exportId(runId).orElse(null),
				this.ledger.apiCalls(runId) + calls.calls(), Duration.between(started, Instant.now()).toMillis() / 1000.0,
				output.toString(), new RunSummary.RateLimited(calls.rateLimitedRetryAfter(), calls.rateLimitedCeiling(),
						calls.rateLimitedCredits()),
				counts.uncertainSubmissions(), counts.reusedLines(),
				this.ledger.previousCompletedRun(runId, output.toString())
					.map((previous) -> this.ledger.changes(runId, previous))
					.map((c) -> new RunSummary.Changes(c.added(), c.changed(), c.unchanged(), c.removed()))
					.orElse(null));
	}

	RunSummary read(Path file) {
		return this.json.readValue(file.toFile(), RunSummary.class);
	}

	void write(RunSummary summary, Path file) {
		CsvFiles.writeAtomically(file, (writer) -> writer.write(this.json.writeValueAsString(summary) + "\n"));
	}

	public static Path summaryFile(Path output) {
		return sibling(output, ".summary.json");
	}

	/** {@code catalog.results.csv} → {@code catalog.results<suffix>}: where every file of a run's output goes. */
	public static Path sibling(Path output, String suffix) {
		String name = output.getFileName().toString();
		String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4)
				: name;
		return output.resolveSibling(stem + suffix);
	}

}
