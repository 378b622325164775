package io.bannerbatch.job;

/** The exit codes, for cron and schedulers. */
public enum ExitCode {

	/** Completed, every line GENERATED. */
	COMPLETED(0),
	/** The run failed or was stopped; the same command resumes it. */
	RESUMABLE(1),
	/** Bad command line, configuration or input; nothing was generated. */
	BAD_INPUT(2),
	/** Completed, some lines FAILED or REJECTED. */
	COMPLETED_WITH_FAILURES(3),
	/** Another process is running this run (or holds its state directory). */
	ALREADY_RUNNING(4);

	private final int code;

	ExitCode(int code) {
		this.code = code;
	}

	public int code() {
		return this.code;
	}

}
