package io.bannerbatch.csv;

/**
 * A problem with the user's input or configuration that no retry can fix: a one-line message that names the file,
 * the line or column, and what to do. Ends the run with exit code 2 before anything is paid for.
 */
public class InputProblem extends RuntimeException {

	public InputProblem(String message) {
		super(message);
	}

	public InputProblem(String message, Throwable cause) {
		super(message, cause);
	}

}
