package io.bannerbatch.mapping;

import java.util.List;
import java.util.Map;

/**
 * A row ready to submit, or rejected with its reason.
 *
 * @param number 1-based data row number
 * @param key the row's key
 * @param designId the design it renders
 * @param formats the formats, in requested order
 * @param elements element → property → value, exactly as sent
 * @param elementsHash SHA-256 of the canonical elements (sorted keys): the identity of the request
 * @param rejection why it may not be sent, or {@code null}
 */
public record MappedRow(long number, String key, String designId, List<String> formats,
		Map<String, Map<String, String>> elements, String elementsHash, String rejection) {

	public boolean isRejected() {
		return this.rejection != null;
	}

}
