package io.bannerbatch.job;

import org.springframework.stereotype.Component;

import io.bannerbatch.mapping.RunPlan;

/**
 * The checked plan of the run this process executes, handed from the preflight to the steps. The preflight runs
 * before every execution (a restart included), so nothing here needs persisting.
 */
@Component
public class RunContext {

	private volatile RunPlan plan;

	public RunPlan plan() {
		if (this.plan == null) {
			throw new IllegalStateException("the preflight has not run");
		}
		return this.plan;
	}

	void plan(RunPlan plan) {
		this.plan = plan;
	}

}
