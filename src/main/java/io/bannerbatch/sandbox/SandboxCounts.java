package io.bannerbatch.sandbox;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the sandbox has seen so far: the proof of what a client really did.
 *
 * @param callsByEndpoint calls received per endpoint label ({@code GET /designs}, {@code POST generate},
 * {@code GET generation-request}, {@code POST export}, {@code GET /files}, ...), whatever their answer
 * @param rateLimited calls answered 429 because of the rate limit
 * @param generationRequests generate calls that created a generation request (the billed ones)
 * @param submissionsByRequest billed generate calls per distinct request body, keyed by the first text payload and a
 * short hash of the body: a count above 1 is a row submitted more than once
 * @param exports export calls that created an export
 */
public record SandboxCounts(Map<String, Long> callsByEndpoint, long rateLimited, long generationRequests,
		Map<String, Long> submissionsByRequest, long exports) {

	public SandboxCounts {
		callsByEndpoint = sortedCopy(callsByEndpoint);
		submissionsByRequest = sortedCopy(submissionsByRequest);
	}

	/**
	 * Calls received by one endpoint label, 0 when none.
	 */
	public long calls(String endpoint) {
		return this.callsByEndpoint.getOrDefault(endpoint, 0L);
	}

	/**
	 * The requests submitted more than once, with their counts.
	 */
	public Map<String, Long> duplicateSubmissions() {
		return this.submissionsByRequest.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 1)
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
	}

	/**
	 * The counts as a few lines of text, for a person reading the end of a run.
	 */
	public String describe() {
		StringBuilder text = new StringBuilder("Sandbox counts\n");
		text.append("  calls by endpoint:\n");
		if (this.callsByEndpoint.isEmpty()) {
			text.append("    (none)\n");
		}
		this.callsByEndpoint.forEach((endpoint, count) -> text.append(String.format("    %-24s %d%n", endpoint, count)));
		text.append("  rate limited (429): ").append(this.rateLimited).append('\n');
		Map<String, Long> duplicates = duplicateSubmissions();
		text.append("  generation requests: ")
			.append(this.generationRequests)
			.append(" (")
			.append(this.submissionsByRequest.size())
			.append(" distinct, ")
			.append(duplicates.size())
			.append(" submitted more than once)\n");
		duplicates.entrySet()
			.stream()
			.limit(10)
			.forEach((entry) -> text.append("    ")
				.append(entry.getValue())
				.append(" x ")
				.append(entry.getKey())
				.append('\n'));
		if (duplicates.size() > 10) {
			text.append("    ... and ").append(duplicates.size() - 10).append(" more\n");
		}
		text.append("  exports: ").append(this.exports);
		return text.toString();
	}

	private static Map<String, Long> sortedCopy(Map<String, Long> counts) {
		return Collections.unmodifiableMap((counts != null) ? new TreeMap<>(counts) : new TreeMap<>());
	}

}
