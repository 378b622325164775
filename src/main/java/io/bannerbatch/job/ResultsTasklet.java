package io.bannerbatch.job;

import java.nio.file.Path;
import java.time.Instant;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.bannerbatch.csv.CsvFiles;

/**
 * Writes the results file from the ledger, in input order then requested format order, and the summary beside it.
 * Both appear only when complete.
 */
class ResultsTasklet implements Tasklet {

	private final Ledger ledger;

	private final RunSummaries summaries;

	private final long runId;

	private final Path output;

	private final Instant started;

	ResultsTasklet(Ledger ledger, RunSummaries summaries, long runId, Path output, Instant started) {
		this.ledger = ledger;
		this.summaries = summaries;
		this.runId = runId;
		this.output = output;
		this.started = started;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		CsvFiles.writeAtomically(this.output, ',', ResultLine.HEADER,
				(sink) -> this.ledger.forEachLine(this.runId, (line) -> {
					sink.line(line.cells());
					contribution.incrementWriteCount(1);
				}));
		this.summaries.write(this.summaries.summarize(this.runId, this.output, this.started),
				RunSummaries.summaryFile(this.output));
		this.ledger.recordCompleted(this.runId, this.output.toString());
		return RepeatStatus.FINISHED;
	}

}
