package io.bannerbatch.job;

import java.time.Instant;

/** A banner in the store, as its results line shows it. */
record StoredBanner(String format, String bannerId, String fileType, String fileUrl, String cdnUrl, String width,
		String height, String generationRequestId, Instant generatedAt) {
}
