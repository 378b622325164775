package io.bannerbatch.job;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.bannerbatch.abyssale.AbyssaleClient;
import io.bannerbatch.abyssale.AbyssaleException.InvalidRequestException;
import io.bannerbatch.abyssale.AbyssaleException.NotFoundException;

/**
 * One export of every banner generated in the run, requested once: its id is recorded the moment it returns and a
 * restart finds it there.
 */
class ExportTasklet implements Tasklet {

	private static final Log logger = LogFactory.getLog(ExportTasklet.class);

	private final AbyssaleClient client;

	private final Ledger ledger;

	private final long runId;

	private final String callbackUrl;

	private final JobSettings.ExportMode mode;

	ExportTasklet(AbyssaleClient client, Ledger ledger, long runId, String callbackUrl, JobSettings.ExportMode mode) {
		this.mode = mode;
		this.client = client;
		this.ledger = ledger;
		this.runId = runId;
		this.callbackUrl = callbackUrl;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		if (this.mode == JobSettings.ExportMode.NONE || this.ledger.exportId(this.runId).isPresent()) {
			return RepeatStatus.FINISHED;
		}
		List<String> bannerIds = this.ledger.generatedBannerIds(this.runId, this.mode == JobSettings.ExportMode.NEW);
		if (bannerIds.isEmpty()) {
			logger.info("No banner was generated: nothing to export");
			return RepeatStatus.FINISHED;
		}
		String exportId;
		try {
			exportId = this.client.export(bannerIds, this.callbackUrl);
		}
		catch (NotFoundException | InvalidRequestException ex) {
			// the banners exist and the results are complete: a refused export must not hold the run hostage
			logger.warn("The export was refused (" + ex.apiMessage() + "); the results are complete without it");
			return RepeatStatus.FINISHED;
		}
		this.ledger.recordExport(this.runId, exportId, bannerIds.size());
		logger.info("Export " + exportId + " requested for " + bannerIds.size() + " banners");
		return RepeatStatus.FINISHED;
	}

}
