package io.bannerbatch.mapping;

import java.nio.file.Path;
import java.util.List;

/**
 * What the user asked for, before anything is checked.
 *
 * @param input the CSV
 * @param delimiter its delimiter
 * @param mapping the mapping file, or {@code null}
 * @param design the default design, or {@code null}
 * @param formats the default formats, empty for the mapping's or the design's
 * @param keyColumn the key column, or {@code null} for the mapping's or the first column
 */
public record PlanRequest(Path input, char delimiter, Path mapping, String design, List<String> formats,
		String keyColumn) {
}
