package io.bannerbatch.job;

import java.time.Instant;
import java.util.List;

/**
 * A submitted row whose generation request is not finalized yet.
 *
 * @param row the row number
 * @param generationRequestId the request to poll
 * @param formats every format of the row, in requested order (the results lines)
 * @param submittedFormats the formats this request generates; the others were reused
 * @param designId the design
 * @param designUpdatedAt the design's {@code updated_at} when the row was submitted
 * @param elementsHash the hash of the elements sent
 * @param submittedAt when the request was accepted
 * @param polls polls so far
 */
record PendingRequest(long row, String generationRequestId, List<String> formats, List<String> submittedFormats,
		String designId, long designUpdatedAt, String elementsHash, Instant submittedAt, int polls) {
}
