package io.bannerbatch.job;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/** The recent runs, from the job repository and the ledger, for {@code status}. */
@Component
public class RunHistory {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final JobRepository jobRepository;

	private final Ledger ledger;

	public RunHistory(JobRepository jobRepository, Ledger ledger) {
		this.jobRepository = jobRepository;
		this.ledger = ledger;
	}

	public String describe(int limit) {
		List<JobInstance> instances = this.jobRepository.getJobInstances(BannerJobConfiguration.JOB_NAME, 0, limit);
		if (instances.isEmpty()) {
			return "No runs yet in this state directory.\n";
		}
		StringBuilder text = new StringBuilder();
		for (JobInstance instance : instances) {
			JobExecution last = this.jobRepository.getLastJobExecution(instance);
			if (last == null) {
				continue;
			}
			Ledger.Counts counts = this.ledger.counts(instance.getInstanceId());
			text.append(String.format("run %d  %-9s  %s  started %s  ended %s%n", instance.getInstanceId(),
					last.getStatus(), last.getJobParameters().getString("input"),
					(last.getStartTime() != null) ? TIME.format(last.getStartTime()) : "-",
					(last.getEndTime() != null) ? TIME.format(last.getEndTime()) : "-"));
			text.append(String.format("    %d rows, %d rejected, %d generation requests, %d banners generated, "
					+ "%d formats failed, %d unfinished; output %s%n", counts.rows(), counts.rejectedRows(),
					counts.generationRequests(), counts.generatedLines(), counts.failedLines(), counts.unfinishedRows(),
					last.getJobParameters().getString("output")));
			if (last.getStatus() != BatchStatus.COMPLETED) {
				text.append("    resume with: ").append(last.getJobParameters().getString("command")).append('\n');
			}
		}
		return text.toString();
	}

}
