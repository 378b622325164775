package io.bannerbatch.job;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.bannerbatch.csv.CsvFiles;
import io.bannerbatch.report.HtmlReport;
import io.bannerbatch.report.ReportData;
import io.bannerbatch.report.ReportLine;

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

	private final Path input;

	private final char delimiter;

	ResultsTasklet(Ledger ledger, RunSummaries summaries, long runId, Path output, Instant started, Path input,
			char delimiter) {
		this.input = input;
		this.delimiter = delimiter;
		this.ledger = ledger;
		this.summaries = summaries;
		this.runId = runId;
		this.output = output;
		this.started = started;
	}

	private ReportData reportData(RunSummary summary) {
		LinkedHashMap<String, String> figures = new LinkedHashMap<>();
		figures.put("Status", summary.status());
		figures.put("Rows", Long.toString(summary.rows()));
		figures.put("Rejected rows", Long.toString(summary.rejected()));
		figures.put("Generation requests", Long.toString(summary.generationRequests()));
		figures.put("Banners", Long.toString(summary.bannersGenerated()));
		figures.put("Reused", Long.toString(summary.bannersReused()));
		figures.put("Failed formats", Long.toString(summary.formatsFailed()));
		if (summary.changes() != null) {
			figures.put("Since the last run", summary.changes().added() + " new, " + summary.changes().changed()
					+ " changed, " + summary.changes().removed() + " removed");
		}
		figures.put("API calls", Long.toString(summary.apiCalls()));
		figures.put("Elapsed", String.format("%.1f s", summary.elapsedSeconds()));
		return new ReportData("bannerbatch: " + this.output.getFileName(), figures, summary.exportId(),
				this.output.toString(), this.ledger.formats(this.runId));
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		CsvFiles.writeAtomically(this.output, ',', ResultLine.HEADER,
				(sink) -> this.ledger.forEachLine(this.runId, (line) -> {
					sink.line(line.cells());
					contribution.incrementWriteCount(1);
				}));
		FailedRowsFile.write(this.input, this.delimiter, this.output, this.ledger.failures(this.runId));
		RunSummary summary = this.summaries.summarize(this.runId, this.output, this.started);
		this.summaries.write(summary, RunSummaries.summaryFile(this.output));
		HtmlReport.write(RunSummaries.sibling(this.output, ".report.html"), reportData(summary),
				(sink) -> this.ledger.forEachLine(this.runId, (line) -> sink.accept(new ReportLine(line.row(), line.key(),
						line.format(), line.status().name(), line.bannerId(), line.fileUrl(), line.cdnUrl(), line.width(),
						line.height(), line.error(), line.reused()))));
		this.ledger.recordCompleted(this.runId, this.output.toString());
		return RepeatStatus.FINISHED;
	}

}
