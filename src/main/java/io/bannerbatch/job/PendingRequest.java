package io.bannerbatch.job;

import java.time.Instant;
import java.util.List;

/** A submitted row whose generation request is not finalized yet. */
record PendingRequest(long row, String generationRequestId, List<String> formats, Instant submittedAt, int polls) {
}
