package io.bannerbatch.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The live counters behind {@link SandboxCounts}, safe to bump from every server thread.
 */
final class Tally {

	private final Map<String, LongAdder> callsByEndpoint = new ConcurrentHashMap<>();

	private final LongAdder rateLimited = new LongAdder();

	private final LongAdder generationRequests = new LongAdder();

	private final Map<String, LongAdder> submissionsByRequest = new ConcurrentHashMap<>();

	private final LongAdder exports = new LongAdder();

	void call(String endpoint) {
		this.callsByEndpoint.computeIfAbsent(endpoint, (key) -> new LongAdder()).increment();
	}

	void rateLimited() {
		this.rateLimited.increment();
	}

	void generationRequest(String requestLabel) {
		this.generationRequests.increment();
		this.submissionsByRequest.computeIfAbsent(requestLabel, (key) -> new LongAdder()).increment();
	}

	void export() {
		this.exports.increment();
	}

	SandboxCounts snapshot() {
		return new SandboxCounts(sums(this.callsByEndpoint), this.rateLimited.sum(), this.generationRequests.sum(),
				sums(this.submissionsByRequest), this.exports.sum());
	}

	private static Map<String, Long> sums(Map<String, LongAdder> counters) {
		return counters.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().sum()));
	}

}
