package io.bannerbatch.job;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import io.bannerbatch.abyssale.AbyssaleClient;
import io.bannerbatch.abyssale.ApiSettings;
import io.bannerbatch.csv.InputRow;
import io.bannerbatch.mapping.MappedRow;

/**
 * The bannerbatch job, in pipeline order: submit → collect → credits → export → results. Every step is safe to
 * repeat against the ledger, so every step may run again on a restart ({@code allowStartIfComplete}); the step names
 * are stored in the job repository and must never change.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobSettings.class)
class BannerJobConfiguration {

	static final String JOB_NAME = "bannerbatch";

	private static final String RUN_ID = "#{stepExecution.jobExecution.jobInstance.instanceId}";

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService apiCalls(ApiSettings settings) {
		AtomicInteger threads = new AtomicInteger();
		return Executors.newFixedThreadPool(Math.max(1, settings.concurrency()), (task) -> {
			Thread thread = new Thread(task, "api-call-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Bean
	PollSchedule pollSchedule(JobSettings settings) {
		return new PollSchedule(settings);
	}

	// 1. submit: read the input, map and check each row, submit it once

	@Bean
	@StepScope
	InputRowReader inputRows(@Value("#{jobParameters['input']}") String input,
			@Value("#{jobParameters['delimiter']}") String delimiter, @Value("#{jobParameters['limit']}") Long limit,
			RunFlags flags) {
		return new InputRowReader(Path.of(input), delimiter.charAt(0), (limit != null) ? limit : 0, flags);
	}

	@Bean
	@StepScope
	SubmitWriter submissions(AbyssaleClient client, Ledger ledger, PollSchedule schedule, RunFlags flags,
			StopSignal stop, ExecutorService apiCalls, @Value(RUN_ID) long runId, Progress progress,
			BannerStore bannerStore, RunContext run, JobSettings settings) {
		return new SubmitWriter(client, ledger, schedule, flags, stop, apiCalls, runId, progress, bannerStore, run,
				settings);
	}

	@Bean
	Step submit(JobRepository jobRepository, PlatformTransactionManager transactionManager, JobSettings settings,
			InputRowReader inputRows, RunContext run, SubmitWriter submissions) {
		return new StepBuilder("submit", jobRepository).<InputRow, MappedRow>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(inputRows)
			.processor((row) -> run.plan().map(row))
			.writer(submissions)
			.allowStartIfComplete(true)
			.build();
	}

	// 2. collect: poll every submitted request until it is finalized or times out

	@Bean
	@StepScope
	CollectTasklet collectRequests(AbyssaleClient client, Ledger ledger, PollSchedule schedule, StopSignal stop,
			ExecutorService apiCalls, ApiSettings api, JobSettings settings, @Value(RUN_ID) long runId,
			Progress progress) {
		return new CollectTasklet(client, ledger, schedule, stop, apiCalls, runId, api.concurrency(),
				settings.generationTimeout(), progress);
	}

	@Bean
	Step collect(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CollectTasklet collectRequests) {
		return new StepBuilder("collect", jobRepository).tasklet(collectRequests, transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	// 3. credits: out of credits, the paid requests were collected; now end resumably, with nothing final written

	@Bean
	Step credits(JobRepository jobRepository, PlatformTransactionManager transactionManager, RunFlags flags) {
		return new StepBuilder("credits", jobRepository).tasklet((contribution, chunkContext) -> {
			if (flags.creditsExhausted() != null) {
				throw flags.creditsExhausted();
			}
			return RepeatStatus.FINISHED;
		}, transactionManager).allowStartIfComplete(true).build();
	}

	// 4. export: one export of every banner generated, requested once

	@Bean
	@StepScope
	ExportTasklet exportBanners(AbyssaleClient client, Ledger ledger, @Value(RUN_ID) long runId,
			@Value("#{jobParameters['export.callback.url']}") String callbackUrl, JobSettings settings) {
		return new ExportTasklet(client, ledger, runId, (callbackUrl == null || callbackUrl.isEmpty()) ? null : callbackUrl,
				settings.export());
	}

	@Bean
	Step export(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ExportTasklet exportBanners) {
		return new StepBuilder("export", jobRepository).tasklet(exportBanners, transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	// 5. results: the results file and the summary, from the ledger, moved into place when complete

	@Bean
	@StepScope
	ResultsTasklet writeResults(Ledger ledger, RunSummaries summaries, @Value(RUN_ID) long runId,
			@Value("#{jobParameters['output']}") String output,
			@Value("#{stepExecution.jobExecution.startTime}") LocalDateTime started,
			@Value("#{jobParameters['input']}") String input, @Value("#{jobParameters['delimiter']}") String delimiter) {
		Instant start = (started != null) ? started.atZone(ZoneId.systemDefault()).toInstant() : Instant.now();
		return new ResultsTasklet(ledger, summaries, runId, Path.of(output), start, Path.of(input), delimiter.charAt(0));
	}

	@Bean
	Step results(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ResultsTasklet writeResults) {
		return new StepBuilder("results", jobRepository).tasklet(writeResults, transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	Job bannerJob(JobRepository jobRepository, RunListener runListener, Step submit, Step collect, Step credits,
			Step export, Step results) {
		return new JobBuilder(JOB_NAME, jobRepository).listener(runListener)
			.start(submit)
			.next(collect)
			.next(credits)
			.next(export)
			.next(results)
			.build();
	}

}
