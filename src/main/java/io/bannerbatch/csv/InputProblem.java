package io.bannerbatch.csv;

/**
 * A problem with the user's input or configuration that no retry can fix: a one-line message that names the file,
 * the line or column, and what to do. Ends the run with exit code 2 before anything is paid for.
 */
public class InputProblem extends RuntimeException {

	public InputProblem(String message) {
		super(oneLine(message));
	}

	public InputProblem(String message, Throwable cause) {
		super(oneLine(message), cause);
	}

	public InputProblem(Location where, String message) {
		this(where + ": " + message);
	}

	public InputProblem(Location where, String message, Throwable cause) {
		this(where + ": " + message, cause);
	}

	// cron mails and log greps read one line per problem; a quoted cell may carry line breaks into the message
	private static String oneLine(String message) {
		return (message != null) ? message.replaceAll("\\R", " ") : null;
	}

}
