package io.bannerbatch.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.bannerbatch.abyssale.AbyssaleClient;
import io.bannerbatch.abyssale.AbyssaleException.GoneException;
import io.bannerbatch.abyssale.AbyssaleException.NotFoundException;
import io.bannerbatch.abyssale.GenerationRequest;

/**
 * Polls the generation requests in the ledger that are due, a round at a time (each round is a transaction, so a
 * stop lands between rounds), until none is left. A request is polled when the {@link PollSchedule} says so, never
 * before: all calls share the one rate limit.
 */
class CollectTasklet implements Tasklet {

	static final String TIMED_OUT = "timed out";

	static final String GONE = "the generation request's results expired (Abyssale keeps them 7 days); "
			+ "run again with --new-run to generate this row anew";

	private static final Duration IDLE_WAIT = Duration.ofMillis(500);

	private final AbyssaleClient client;

	private final Ledger ledger;

	private final PollSchedule schedule;

	private final StopSignal stop;

	private final ExecutorService calls;

	private final long runId;

	private final int roundSize;

	private final Duration generationTimeout;

	private final Progress progress;

	CollectTasklet(AbyssaleClient client, Ledger ledger, PollSchedule schedule, StopSignal stop, ExecutorService calls,
			long runId, int concurrency, Duration generationTimeout, Progress progress) {
		this.client = client;
		this.ledger = ledger;
		this.schedule = schedule;
		this.stop = stop;
		this.calls = calls;
		this.runId = runId;
		this.roundSize = Math.max(1, concurrency) * 4;
		this.generationTimeout = generationTimeout;
		this.progress = progress;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		if (this.stop.isRequested()) {
			throw new JobInterruptedException("stop requested: the requests collected so far are recorded");
		}
		List<PendingRequest> due = this.ledger.dueForPoll(this.runId, Instant.now(), this.roundSize);
		if (due.isEmpty()) {
			Optional<Instant> next = this.ledger.nextPoll(this.runId);
			if (next.isEmpty()) {
				return RepeatStatus.FINISHED;
			}
			Duration wait = Duration.between(Instant.now(), next.get());
			Thread.sleep(Math.max(1, Math.min(wait.toMillis(), IDLE_WAIT.toMillis())));
			return RepeatStatus.CONTINUABLE;
		}
		List<Future<?>> polls = new ArrayList<>();
		for (PendingRequest pending : due) {
			polls.add(this.calls.submit(() -> poll(pending)));
		}
		RuntimeException fatal = null;
		for (Future<?> poll : polls) {
			try {
				poll.get();
			}
			catch (ExecutionException ex) {
				if (fatal == null) {
					fatal = (ex.getCause() instanceof RuntimeException runtime) ? runtime
							: new IllegalStateException(ex.getCause());
				}
			}
		}
		if (fatal != null) {
			throw fatal;
		}
		contribution.incrementReadCount();
		return RepeatStatus.CONTINUABLE;
	}

	private void poll(PendingRequest pending) {
		GenerationRequest result;
		try {
			result = this.client.generationRequest(pending.generationRequestId());
		}
		catch (GoneException ex) {
			fail(pending, GONE);
			return;
		}
		catch (NotFoundException ex) {
			fail(pending, "generation request " + pending.generationRequestId() + " not found (" + ex.apiMessage() + ")");
			return;
		}
		Instant now = Instant.now();
		this.schedule.learn(pending.polls() == 0, result.finalized());
		if (result.finalized()) {
			this.ledger.recordFinalized(this.runId, pending, result);
			long generated = pending.submittedFormats()
				.stream()
				.filter((format) -> result.banners()
					.stream()
					.anyMatch((banner) -> banner.format() != null && format.equals(banner.format().id())))
				.count();
			this.progress.finalized(generated, pending.submittedFormats().size() - generated);
		}
		else if (now.isAfter(pending.submittedAt().plus(this.generationTimeout))) {
			fail(pending, TIMED_OUT);
		}
		else {
			this.ledger.reschedule(this.runId, pending.row(), this.schedule.nextPoll(now, pending.polls() + 1));
		}
	}

	private void fail(PendingRequest pending, String reason) {
		this.ledger.recordFailed(this.runId, pending.row(), pending.formats(), pending.submittedFormats(), reason);
		this.progress.failedRow(pending.submittedFormats().size());
	}

}
