package io.bannerbatch.job;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import io.bannerbatch.abyssale.AbyssaleException;
import io.bannerbatch.abyssale.AbyssaleException.ApiUnavailableException;
import io.bannerbatch.abyssale.AbyssaleException.NotFoundException;
import io.bannerbatch.abyssale.AbyssaleException.OutOfCreditsException;
import io.bannerbatch.abyssale.AbyssaleException.RateLimitExceededException;
import io.bannerbatch.abyssale.AbyssaleException.UnauthorizedException;
import io.bannerbatch.csv.InputProblem;
import io.bannerbatch.mapping.MappedRow;
import io.bannerbatch.mapping.Preflight;
import io.bannerbatch.mapping.RunPlan;
import io.bannerbatch.state.RunHeldException;
import io.bannerbatch.state.RunKey;
import io.bannerbatch.state.RunLock;

/**
 * Runs one {@code run} command from start to exit code: finds the run this command is (completed: say so and make no
 * call; left running by a dead process: recover it), checks everything before the first paid call, launches or
 * resumes the job, and turns its outcome into one clear message and an {@link ExitCode}.
 */
@Component
public class BannerRun {

	private static final Log logger = LogFactory.getLog(BannerRun.class);

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final Job bannerJob;

	private final Preflight preflight;

	private final RunContext runContext;

	private final RunSummaries summaries;

	private final StopSignal stop;

	private final Progress progress;

	private final Estimator estimator;

	private final RunLock runLock;

	BannerRun(JobRepository jobRepository, JobOperator jobOperator, Job bannerJob, Preflight preflight,
			RunContext runContext, RunSummaries summaries, StopSignal stop, Progress progress, Estimator estimator,
			RunLock runLock) {
		this.estimator = estimator;
		this.runLock = runLock;
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.bannerJob = bannerJob;
		this.preflight = preflight;
		this.runContext = runContext;
		this.summaries = summaries;
		this.stop = stop;
		this.progress = progress;
	}

	/**
	 * @param draft the plan as {@link Preflight#read} checked it against the files, before this context started
	 */
	public ExitCode run(RunRequest request, Preflight.Draft draft, PrintStream out, PrintStream err) throws Exception {
		if (request.dryRun()) {
			return dryRun(request, this.preflight.check(draft), out);
		}
		RunIdentity identity = RunIdentity.of(request);
		// one lock for every run number: two processes must meet on it before either decides which run to resume
		RunKey key = RunKey.of(BannerJobConfiguration.JOB_NAME, identity.parameters(1, request), RunIdentity.RUN_NUMBER);
		try (RunLock.Lease lease = this.runLock.acquire(key, this.stop::request)) {
			return launch(request, draft, identity, out, err);
		}
		catch (RunHeldException held) {
			err.println(held.getMessage());
			return ExitCode.ALREADY_RUNNING;
		}
	}

	/** Under the run lock: find the run, recover it if its process died, check, launch or resume. */
	private ExitCode launch(RunRequest request, Preflight.Draft draft, RunIdentity identity, PrintStream out,
			PrintStream err) throws Exception {
		long runNumber = 1;
		JobExecution last = null;
		while (true) {
			JobInstance instance = this.jobRepository.getJobInstance(BannerJobConfiguration.JOB_NAME,
					identity.parameters(runNumber, request));
			if (instance == null) {
				break;
			}
			last = this.jobRepository.getLastJobExecution(instance);
			if (last == null || last.getStatus() != BatchStatus.COMPLETED) {
				break;
			}
			if (!request.newRun()) {
				out.println("This run already completed (" + last.getEndTime() + "): results in " + request.output()
						+ "\nNothing to do. Use --new-run to run it again.");
				return ExitCode.COMPLETED;
			}
			runNumber++;
			last = null;
		}
		if (last != null && last.isRunning()) {
			// this process holds the run lock (H2: the database file; PostgreSQL: the advisory lock, which the server
			// releases when its holder dies): the execution's process is gone
			logger.warn("Run " + last.getJobInstance().getInstanceId() + " was left running by a process that no longer"
					+ " exists; recovering it");
			this.jobOperator.recover(last);
		}
		else if (last != null && last.getStatus() == BatchStatus.UNKNOWN) {
			recoverUnknown(last);
		}
		RunPlan plan = this.preflight.check(draft);
		Estimate estimate = this.estimator.estimate(plan, request.limit());
		out.println(estimate.describe()
				+ ((last != null) ? " (resuming: rows already submitted are not submitted again)" : ""));
		printRejections(estimate, 10, out);
		if (request.maxGenerations() >= 0 && estimate.generationRequests() > request.maxGenerations()) {
			throw new InputProblem("This run would make " + estimate.generationRequests()
					+ " generation requests, more than --max-generations=" + request.maxGenerations()
					+ "; nothing was spent. Raise the cap, or use --limit to run part of the input.");
		}
		this.runContext.plan(plan);
		this.progress.expect(estimate.rows(), estimate.generationRequests());
		JobParameters parameters = identity.parameters(runNumber, request);
		JobExecution execution = this.jobOperator.start(this.bannerJob, parameters);
		return outcome(execution, request, out, err);
	}

	/**
	 * A commit whose outcome is unknown (the database connection broke during it) leaves the execution UNKNOWN, which
	 * Spring Batch refuses to restart. Every step of this job is safe to repeat against the ledger, whether that commit
	 * happened or not (submissions are recorded in their own transactions, and a recorded row is never submitted
	 * again), so the execution is marked FAILED and resumed like any other.
	 */
	private void recoverUnknown(JobExecution execution) {
		logger.warn("Run " + execution.getJobInstance().getInstanceId() + " ended in an unknown state (a commit was cut"
				+ " off); resuming it from the ledger");
		for (var step : execution.getStepExecutions()) {
			if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
				step.setStatus(BatchStatus.FAILED);
				this.jobRepository.update(step);
			}
		}
		execution.setStatus(BatchStatus.FAILED);
		this.jobRepository.update(execution);
	}

	/** Everything up to the first paid call: the designs read, every row checked, the estimate; no generation. */
	private ExitCode dryRun(RunRequest request, RunPlan plan, PrintStream out) {
		Estimate estimate = this.estimator.estimate(plan, request.limit());
		out.println(estimate.describe());
		printRejections(estimate, Integer.MAX_VALUE, out);
		out.println("Dry run: nothing was generated.");
		return (estimate.rejected() > 0) ? ExitCode.COMPLETED_WITH_FAILURES : ExitCode.COMPLETED;
	}

	private static void printRejections(Estimate estimate, int most, PrintStream out) {
		List<MappedRow> shown = estimate.rejections().subList(0, Math.min(most, estimate.rejections().size()));
		for (MappedRow rejected : shown) {
			out.println("  rejected: row " + rejected.number() + " (" + rejected.key() + "): " + rejected.rejection());
		}
		if (estimate.rejected() > shown.size()) {
			out.println("  ... and " + (estimate.rejected() - shown.size()) + " more rejected rows (see the results)");
		}
	}

	private ExitCode outcome(JobExecution execution, RunRequest request, PrintStream out, PrintStream err) {
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			RunSummary summary = this.summaries.read(RunSummaries.summaryFile(request.output()));
			out.println(summary.describe());
			out.println("  summary: " + RunSummaries.summaryFile(request.output()));
			out.println("  report:  " + RunSummaries.sibling(request.output(), ".report.html"));
			return (summary.formatsFailed() + summary.rejected() == 0 && "COMPLETED".equals(summary.status()))
					? ExitCode.COMPLETED : ExitCode.COMPLETED_WITH_FAILURES;
		}
		Throwable cause = rootCause(execution.getAllFailureExceptions());
		if (cause instanceof InputProblem problem) {
			err.println(problem.getMessage());
			return ExitCode.BAD_INPUT;
		}
		err.println(explain(cause, execution) + " Run the same command again to resume: rows already submitted are"
				+ " not submitted again.");
		if (cause != null) {
			// INFO: in the log file in full, under the console's threshold
			logger.info("The run failed or stopped", cause);
		}
		return ExitCode.RESUMABLE;
	}

	private String explain(Throwable cause, JobExecution execution) {
		if (this.stop.isRequested() || execution.getStatus() == BatchStatus.STOPPED) {
			return "Stopped: the requests in flight were recorded.";
		}
		if (cause instanceof UnauthorizedException ex) {
			return "The API refused the key (" + ex.apiMessage() + "): set " + "ABYSSALE_API_KEY"
					+ " to a valid key with API access.";
		}
		if (cause instanceof OutOfCreditsException ex) {
			return "The workspace is out of credits (" + ex.apiMessage()
					+ "). The requests already submitted were collected and nothing final was written. Add credits, then"
					+ " run the same command again: it resumes without paying twice for any row.";
		}
		if (cause instanceof RateLimitExceededException ex) {
			return "The API asks to wait until "
					+ DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(ex.retryAt().atZone(ZoneId.systemDefault()))
					+ " (" + ex.apiMessage() + "), longer than --max-retry-wait. A rerun works after that time.";
		}
		if (cause instanceof NotFoundException ex) {
			return "The API no longer finds the design (" + ex.apiMessage() + ").";
		}
		if (cause instanceof ApiUnavailableException ex) {
			return "The API is unavailable after retries (" + ex.apiMessage() + ").";
		}
		if (cause instanceof AbyssaleException ex) {
			return "The API failed: " + ex.getMessage() + ".";
		}
		return "The run failed at " + LocalTime.now().withNano(0) + ": "
				+ ((cause != null) ? cause.getClass().getSimpleName() + ": " + cause.getMessage() : "unknown cause")
				+ " (--debug shows details).";
	}

	private static Throwable rootCause(List<Throwable> failures) {
		for (Throwable failure : failures) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof AbyssaleException || cause instanceof InputProblem) {
					return cause;
				}
			}
		}
		return failures.isEmpty() ? null : failures.get(0);
	}

}
