package io.bannerbatch.reliability;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.commons.csv.CSVRecord;

import io.bannerbatch.sandbox.SandboxCounts;

import static org.assertj.core.api.Assertions.assertThat;

/** The promises every run must keep, checked the same way by every reliability test. */
final class Promises {

	private Promises() {
	}

	/**
	 * Nothing lost, nothing doubled: exactly one line per input row and format, each GENERATED or FAILED by the API
	 * (the inputs here have no rejected row), and every GENERATED line with its own banner.
	 */
	static List<CSVRecord> assertOneLinePerRowAndFormat(Path results, String prefix, int rows) {
		List<CSVRecord> lines = Promises.lines(results);
		assertThat(lines).as("lines of %s", results).hasSize(rows * Catalogs.FORMATS);
		Map<String, List<String>> formatsByKey = lines.stream()
			.collect(Collectors.groupingBy((line) -> line.get("key"), TreeMap::new,
					Collectors.mapping((line) -> line.get("format"), Collectors.toList())));
		assertThat(formatsByKey.keySet()).containsExactlyElementsOf(
				IntStream.rangeClosed(1, rows).mapToObj((row) -> Catalogs.key(prefix, row)).toList());
		formatsByKey.forEach((key, formats) -> assertThat(Set.copyOf(formats)).as("formats of %s", key)
			.hasSize(Catalogs.FORMATS)
			.hasSameSizeAs(formats));
		assertThat(lines).extracting((line) -> line.get("status")).isSubsetOf("GENERATED", "FAILED");
		List<String> banners = lines.stream()
			.filter((line) -> line.get("status").equals("GENERATED"))
			.map((line) -> line.get("banner_id"))
			.toList();
		assertThat(banners).doesNotContain("").doesNotHaveDuplicates();
		return lines;
	}

	static List<CSVRecord> lines(Path results) {
		assertThat(results).exists();
		return Catalogs.results(results);
	}

	/** Generation requests the sandbox created for this input's rows (labels start with the prefix). */
	static Map<String, Long> submissions(SandboxCounts counts, String prefix) {
		return counts.submissionsByRequest()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(prefix + " "))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
	}

	/** Paid-for generations beyond the first, for this input's rows. */
	static long duplicates(SandboxCounts counts, String prefix) {
		return submissions(counts, prefix).values().stream().mapToLong((count) -> count - 1).sum();
	}

	/** The input's row number in a submission's label ({@code "<prefix> <row> €119.00 #<hash>"}). */
	static int row(String label, String prefix) {
		String rest = label.substring(prefix.length() + 1);
		return Integer.parseInt(rest.substring(0, rest.indexOf(' ')));
	}

}
