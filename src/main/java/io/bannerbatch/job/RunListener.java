package io.bannerbatch.job;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

import io.bannerbatch.abyssale.ApiCallCounts;

/** Opens the run in the ledger and adds this execution's API calls to the run's total. */
@Component
class RunListener implements JobExecutionListener {

	private final Ledger ledger;

	private final ApiCallCounts apiCalls;

	RunListener(Ledger ledger, ApiCallCounts apiCalls) {
		this.ledger = ledger;
		this.apiCalls = apiCalls;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		this.ledger.startRun(jobExecution.getJobInstance().getInstanceId());
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		this.ledger.addApiCalls(jobExecution.getJobInstance().getInstanceId(), this.apiCalls.snapshot().calls());
	}

}
