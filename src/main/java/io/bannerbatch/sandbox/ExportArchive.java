package io.bannerbatch.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * One accepted export: the banners found, when it was asked for and when its ZIP is ready.
 */
record ExportArchive(String id, List<Banner> banners, Instant requestedAt, Instant generatedAt, String callbackUrl) {

	boolean isReadyAt(Instant now) {
		return !now.isBefore(this.generatedAt);
	}

}
