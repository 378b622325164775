package io.bannerbatch.abyssale;

/**
 * Base of every failure the client reports. Subclasses are named after what the caller must do; each keeps the
 * status and the API's error, and {@link #getMessage()} says them in one line (never the API key).
 */
public class AbyssaleException extends RuntimeException {

	private final int status;

	private final ApiError error;

	public AbyssaleException(String operation, int status, ApiError error) {
		this(operation + ": " + withStatus(status, error.describe(status)), status, error, null);
	}

	protected AbyssaleException(String message, int status, ApiError error, Throwable cause) {
		super(message, cause);
		this.status = status;
		this.error = error;
	}

	private static String withStatus(int status, String description) {
		return description.startsWith("HTTP ") ? description : "HTTP " + status + ": " + description;
	}

	/** The HTTP status, or 0 when no response arrived. */
	public int status() {
		return this.status;
	}

	public ApiError error() {
		return this.error;
	}

	/** The API's own description, for a results line: message, error id and field paths. */
	public String apiMessage() {
		return this.error.describe(this.status);
	}

	/** The request itself is wrong (400, unknown format): the row's fault; fail that row and go on. */
	public static class InvalidRequestException extends AbyssaleException {

		public InvalidRequestException(String operation, int status, ApiError error) {
			super(operation, status, error);
		}

	}

	/** The key is missing, wrong or revoked, or the plan has no API access: stop the run at once. */
	public static class UnauthorizedException extends AbyssaleException {

		public UnauthorizedException(String operation, int status, ApiError error) {
			super(operation, status, error);
		}

	}

	/** The design, request or banner does not exist. */
	public static class NotFoundException extends AbyssaleException {

		public NotFoundException(String operation, int status, ApiError error) {
			super(operation, status, error);
		}

	}

	/** A generation request older than 7 days: its results are gone and polling it again is useless. */
	public static class GoneException extends AbyssaleException {

		public GoneException(String operation, int status, ApiError error) {
			super(operation, status, error);
		}

	}

	/** The design's type is not in the workspace's plan: never retry; fail every row of that design. */
	public static class FeatureNotInPlanException extends AbyssaleException {

		public FeatureNotInPlanException(String operation, int status, ApiError error) {
			super(operation, status, error);
		}

	}

	/** The workspace has no credits left: stop submitting; a rerun after adding credits resumes. */
	public static class OutOfCreditsException extends AbyssaleException {

		public OutOfCreditsException(String operation, int status, ApiError error) {
			super(operation + ": the workspace is out of credits (" + error.describe(status) + ")", status, error,
					null);
		}

	}

	/** The API asks for a wait longer than bannerbatch may wait: stop resumably, rerun after {@link #retryAt()}. */
	public static class RateLimitExceededException extends AbyssaleException {

		private final java.time.Instant retryAt;

		public RateLimitExceededException(String operation, ApiError error, java.time.Instant retryAt) {
			super(operation + ": rate limited until " + retryAt + " (" + error.describe(429) + ")", 429, error, null);
			this.retryAt = retryAt;
		}

		public java.time.Instant retryAt() {
			return this.retryAt;
		}

	}

	/**
	 * 5xx, a timeout, a reset connection or an unreadable body: transient, retried, and after that the run fails
	 * resumably. {@link #mayHaveReachedServer()} tells whether a POST may have been acted on (and billed).
	 */
	public static class ApiUnavailableException extends AbyssaleException {

		private final boolean mayHaveReachedServer;

		public ApiUnavailableException(String operation, int status, ApiError error) {
			super(operation, status, error);
			this.mayHaveReachedServer = true;
		}

		public ApiUnavailableException(String operation, String reason, boolean mayHaveReachedServer,
				Throwable cause) {
			super(operation + ": " + reason, 0, new ApiError(null, reason, java.util.List.of()), cause);
			this.mayHaveReachedServer = mayHaveReachedServer;
		}

		public boolean mayHaveReachedServer() {
			return this.mayHaveReachedServer;
		}

	}

	/** A generate POST whose outcome is unknown, not retried because the user asked not to risk a double charge. */
	public static class UncertainSubmissionException extends AbyssaleException {

		public UncertainSubmissionException(ApiUnavailableException cause) {
			super("submission outcome unknown (" + ((cause.status() > 0) ? "HTTP " + cause.status() : cause.apiMessage())
					+ "); not retried to avoid a double charge", cause.status(), cause.error(), cause);
		}

		@Override
		public String apiMessage() {
			return getMessage();
		}

	}

}
