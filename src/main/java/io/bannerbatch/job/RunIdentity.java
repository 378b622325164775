package io.bannerbatch.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import io.bannerbatch.csv.InputProblem;

/**
 * What makes two runs the same run: the input's content, the design, formats, mapping (its content), key column,
 * delimiter and output path, plus a run number that {@code --new-run} moves on. These are the identifying job
 * parameters: no incrementer, so the same command finds the same job instance and resumes it.
 */
record RunIdentity(String inputHash, String mappingHash, String design, String formats, String keyColumn,
		String delimiter, String output, long limit) {

	static final String RUN_NUMBER = "run.number";

	static RunIdentity of(RunRequest request) {
		var plan = request.plan();
		return new RunIdentity(sha256(plan.input()), (plan.mapping() != null) ? sha256(plan.mapping()) : "",
				(plan.design() != null) ? plan.design() : "", String.join(",", plan.formats()),
				(plan.keyColumn() != null) ? plan.keyColumn() : "", String.valueOf(plan.delimiter()),
				request.output().toString(), request.limit());
	}

	JobParameters parameters(long runNumber, RunRequest request) {
		return new JobParametersBuilder().addString("input.sha256", this.inputHash)
			.addString("mapping.sha256", this.mappingHash)
			.addString("design", this.design)
			.addString("formats", this.formats)
			.addString("key.column", this.keyColumn)
			.addString("delimiter", this.delimiter)
			.addString("output", this.output)
			.addLong("limit", this.limit)
			.addLong(RUN_NUMBER, runNumber)
			.addString("input", request.plan().input().toString(), false)
			.addString("mapping", (request.plan().mapping() != null) ? request.plan().mapping().toString() : "", false)
			.addString("export.callback.url", (request.exportCallbackUrl() != null) ? request.exportCallbackUrl() : "",
					false)
			.addString("command", request.command(), false)
			.toJobParameters();
	}

	private static String sha256(Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (IOException ex) {
			throw new InputProblem(file + ": cannot be read (" + ex.getMessage() + ")", ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

}
