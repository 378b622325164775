package io.bannerbatch.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Set;

import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * A run as one 64-bit number, the same on every host and in every version: the first 8 bytes of the SHA-256 of the
 * job name and its identifying parameters (sorted by name). PostgreSQL's advisory locks take a {@code bigint}.
 *
 * @param value the key
 * @param jobName the job the run belongs to
 */
public record RunKey(long value, String jobName) {

	/**
	 * @param ignored identifying parameters that do not make another run, e.g. the run number that
	 * {@code --new-run} moves on: two processes that would pick different numbers for the same input must still meet
	 * on one lock before they decide
	 */
	public static RunKey of(String jobName, JobParameters parameters, String... ignored) {
		Set<String> skip = Set.of(ignored);
		StringBuilder text = new StringBuilder(jobName).append('\n');
		parameters.getIdentifyingParameters()
			.stream()
			.filter((parameter) -> !skip.contains(parameter.name()))
			.sorted(Comparator.comparing(JobParameter::name))
			.forEach((parameter) -> text.append(parameter.name())
				.append('=')
				.append(parameter.type().getName())
				.append(':')
				.append(parameter.value())
				.append('\n'));
		return new RunKey(ByteBuffer.wrap(sha256(text.toString())).getLong(), jobName);
	}

	@Override
	public String toString() {
		return this.jobName + " run " + HexFormat.of().toHexDigits(this.value);
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

}
