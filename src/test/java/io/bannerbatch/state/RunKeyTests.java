package io.bannerbatch.state;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/** The run's lock key: the same on every host and in every version, and only for the same run. */
class RunKeyTests {

	static JobParametersBuilder run(String output) {
		return new JobParametersBuilder().addString("input.sha256", "ab12")
			.addString("design", "5d5f6f6a")
			.addString("output", output)
			.addLong("limit", 0L)
			.addLong("run.number", 1L)
			.addString("command", "java -jar bannerbatch.jar run ...", false);
	}

	static RunKey key(JobParameters parameters) {
		return RunKey.of("bannerbatch", parameters, "run.number");
	}

	@Test
	void isAFixedFunctionOfTheJobNameAndTheIdentifyingParameters() {
		// a fixed value (the first 8 bytes of the SHA-256 of "bannerbatch\ndesign=java.lang.String:5d5f6f6a\n
		// input.sha256=java.lang.String:ab12\nlimit=java.lang.Long:0\noutput=java.lang.String:/data/out.csv\n", computed
		// apart): a key computed differently by another host or another version would let two runners in
		assertThat(key(run("/data/out.csv").toJobParameters()).value()).isEqualTo(0xdcd934a62e9cca4aL);
	}

	@Test
	void ignoresTheRunNumberAndTheParametersThatDoNotIdentifyTheRun() {
		RunKey first = key(run("/data/out.csv").toJobParameters());

		assertThat(key(run("/data/out.csv").addLong("run.number", 7L).toJobParameters())).isEqualTo(first);
		assertThat(key(run("/data/out.csv").addString("command", "another command", false).toJobParameters()))
			.isEqualTo(first);
	}

	@Test
	void differsForAnotherOutputOrAnotherJob() {
		RunKey first = key(run("/data/out.csv").toJobParameters());

		assertThat(key(run("/data/other.csv").toJobParameters()).value()).isNotEqualTo(first.value());
		assertThat(RunKey.of("another-job", run("/data/out.csv").toJobParameters(), "run.number").value())
			.isNotEqualTo(first.value());
	}

}
