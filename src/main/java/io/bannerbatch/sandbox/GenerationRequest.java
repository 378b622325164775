package io.bannerbatch.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One accepted generate call. Its outcome (which formats fail, how long it takes) is drawn when it is submitted;
 * time alone finalizes it.
 */
record GenerationRequest(String id, Design design, Instant submittedAt, Duration duration, List<Banner> banners,
		List<FormatError> errors, String callbackUrl) {

	Instant finalizesAt() {
		return this.submittedAt.plus(this.duration);
	}

	boolean isFinalizedAt(Instant now) {
		return !now.isBefore(finalizesAt());
	}

	boolean isExpiredAt(Instant now, Duration expireAfter) {
		return expireAfter != null && now.isAfter(this.submittedAt.plus(expireAfter));
	}

	record FormatError(String templateFormatName, String reason) {
	}

}
