package io.bannerbatch.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import io.bannerbatch.abyssale.AbyssaleClient;
import io.bannerbatch.abyssale.AbyssaleException.ApiUnavailableException;
import io.bannerbatch.abyssale.AbyssaleException.FeatureNotInPlanException;
import io.bannerbatch.abyssale.AbyssaleException.InvalidRequestException;
import io.bannerbatch.abyssale.AbyssaleException.OutOfCreditsException;
import io.bannerbatch.abyssale.AbyssaleException.UncertainSubmissionException;
import io.bannerbatch.abyssale.Design;
import io.bannerbatch.abyssale.GenerateRequest;
import io.bannerbatch.mapping.MappedRow;

/**
 * Submits the rows of a chunk, several at once under the client's rate limit. A row already in the ledger is never
 * submitted again; a row left "being submitted" by a process that died is submitted again and counted as uncertain,
 * since its first call may have been billed. A row's own problem (400, a design not in the plan) fails that row; a
 * problem of the run (key refused, a long rate-limit wait, the API down) ends the step once the calls in flight are
 * recorded.
 */
class SubmitWriter implements ItemWriter<MappedRow> {

	private static final Log logger = LogFactory.getLog(SubmitWriter.class);

	private final AbyssaleClient client;

	private final Ledger ledger;

	private final PollSchedule schedule;

	private final RunFlags flags;

	private final StopSignal stop;

	private final ExecutorService calls;

	private final long runId;

	private final Progress progress;

	private final BannerStore bannerStore;

	private final RunContext run;

	private final JobSettings settings;

	SubmitWriter(AbyssaleClient client, Ledger ledger, PollSchedule schedule, RunFlags flags, StopSignal stop,
			ExecutorService calls, long runId, Progress progress, BannerStore bannerStore, RunContext run,
			JobSettings settings) {
		this.bannerStore = bannerStore;
		this.run = run;
		this.settings = settings;
		this.client = client;
		this.ledger = ledger;
		this.schedule = schedule;
		this.flags = flags;
		this.stop = stop;
		this.calls = calls;
		this.runId = runId;
		this.progress = progress;
	}

	@Override
	public void write(Chunk<? extends MappedRow> chunk) throws Exception {
		List<Long> numbers = chunk.getItems().stream().map(MappedRow::number).toList();
		Map<Long, String> known = this.ledger.statuses(this.runId, numbers);
		Map<BannerStore.Request, StoredBanner> stored = reusable(chunk, known);
		AtomicReference<RuntimeException> fatal = new AtomicReference<>();
		List<Future<?>> inFlight = new ArrayList<>();
		List<Ledger.Settled> settled = new ArrayList<>();
		for (MappedRow row : chunk.getItems()) {
			String status = known.get(row.number());
			if (status != null && !Ledger.SUBMITTING.equals(status)) {
				continue;
			}
			if (row.isRejected()) {
				settled.add(new Ledger.Settled(row, null, Map.of()));
				this.progress.rejected();
				continue;
			}
			String notInPlan = this.flags.notInPlanMessage(row.designId());
			if (notInPlan != null) {
				this.ledger.recordIntent(this.runId, row, designUpdatedAt(row), row.formats(), Map.of());
				fail(row, row.formats(), notInPlan);
				continue;
			}
			long designUpdatedAt = designUpdatedAt(row);
			Map<String, StoredBanner> reused = new LinkedHashMap<>();
			for (String format : row.formats()) {
				StoredBanner banner = stored
					.get(new BannerStore.Request(row.designId(), designUpdatedAt, format, row.elementsHash()));
				if (banner != null) {
					reused.put(format, banner);
				}
			}
			if (reused.size() == row.formats().size()) {
				settled.add(new Ledger.Settled(row, designUpdatedAt, reused));
				this.progress.reused(reused.size());
				continue;
			}
			boolean wasInFlight = Ledger.SUBMITTING.equals(status);
			inFlight.add(this.calls.submit(() -> {
				if (fatal.get() == null && !this.stop.isRequested() && this.flags.creditsExhaustedMessage() == null) {
					submit(row, designUpdatedAt, reused, wasInFlight, fatal);
				}
			}));
		}
		this.ledger.recordSettled(this.runId, settled);
		for (Future<?> call : inFlight) {
			try {
				call.get();
			}
			catch (ExecutionException ex) {
				fatal.compareAndSet(null, (ex.getCause() instanceof RuntimeException runtime) ? runtime
						: new IllegalStateException(ex.getCause()));
			}
		}
		if (fatal.get() != null) {
			throw fatal.get();
		}
		if (this.stop.isRequested()) {
			throw new JobInterruptedException("stop requested: the rows submitted so far are recorded");
		}
	}

	/** The stored banners that could serve this chunk's rows: one query per chunk. */
	private Map<BannerStore.Request, StoredBanner> reusable(Chunk<? extends MappedRow> chunk, Map<Long, String> known) {
		if (!this.settings.reuse()) {
			return Map.of();
		}
		Set<String> hashes = new HashSet<>();
		for (MappedRow row : chunk.getItems()) {
			String status = known.get(row.number());
			if (!row.isRejected() && (status == null || Ledger.SUBMITTING.equals(status))) {
				hashes.add(row.elementsHash());
			}
		}
		Instant notBefore = (this.settings.reuseMaxAge() != null) ? Instant.now().minus(this.settings.reuseMaxAge())
				: null;
		return this.bannerStore.find(hashes, notBefore);
	}

	private long designUpdatedAt(MappedRow row) {
		Design design = this.run.plan().designs().get(row.designId());
		return (design != null) ? design.updatedAt() : 0;
	}

	private void submit(MappedRow row, long designUpdatedAt, Map<String, StoredBanner> reused, boolean wasInFlight,
			AtomicReference<RuntimeException> fatal) {
		List<String> formats = row.formats().stream().filter((format) -> !reused.containsKey(format)).toList();
		this.ledger.recordIntent(this.runId, row, designUpdatedAt, formats, reused);
		String notInPlan = this.flags.notInPlanMessage(row.designId());
		if (notInPlan != null) {
			// a row of the same design, in flight beside this one, learnt it: no call can succeed
			fail(row, formats, notInPlan);
			return;
		}
		this.progress.reused(reused.size());
		if (wasInFlight) {
			logger.warn("Row " + row.number() + " (" + row.key() + ") was being submitted when an earlier run stopped; "
					+ "submitting it again, so it may be billed twice");
		}
		try {
			AbyssaleClient.Submission submission = this.client.generate(row.designId(),
					new GenerateRequest(row.elements(), formats, null));
			if (submission.uncertainAttempts() > 0) {
				logger.warn("Row " + row.number() + " (" + row.key() + "): " + submission.uncertainAttempts()
						+ " generate call(s) failed in a way that may still have been billed; retried");
			}
			Instant now = Instant.now();
			this.ledger.recordSubmitted(this.runId, row.number(), submission.generationRequestId(), now,
					this.schedule.firstPoll(now), submission.uncertainAttempts() + (wasInFlight ? 1 : 0));
			this.progress.submitted();
		}
		catch (InvalidRequestException | UncertainSubmissionException ex) {
			fail(row, formats, ex.apiMessage());
		}
		catch (FeatureNotInPlanException ex) {
			this.flags.designNotInPlan(row.designId(), ex.apiMessage());
			fail(row, formats, ex.apiMessage());
		}
		catch (OutOfCreditsException ex) {
			forget(row, wasInFlight);
			this.flags.creditsExhausted(ex);
		}
		catch (ApiUnavailableException ex) {
			// may have reached the API: stays "being submitted", so the rerun knows it may have been billed
			fatal.compareAndSet(null, ex);
		}
		catch (RuntimeException ex) {
			forget(row, wasInFlight);
			fatal.compareAndSet(null, ex);
		}
	}

	private void forget(MappedRow row, boolean wasInFlight) {
		if (!wasInFlight) {
			this.ledger.forgetIntent(this.runId, row.number());
		}
	}

	private void fail(MappedRow row, List<String> formats, String reason) {
		this.ledger.recordFailed(this.runId, row.number(), row.formats(), formats, reason);
		this.progress.failedRow(formats.size());
	}

}
