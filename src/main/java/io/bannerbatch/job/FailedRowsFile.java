package io.bannerbatch.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.bannerbatch.csv.CsvDialect;
import io.bannerbatch.csv.CsvFiles;
import io.bannerbatch.csv.RawRows;

/**
 * {@code <output>.failed.csv}: the input rows that have a FAILED or REJECTED line, exactly as they were written in the
 * input (its header, its delimiter, its quoting), plus a last column {@code error}, so a person can fix them and run
 * that file. Removed when a run has no failure, so a stale one never lies.
 */
final class FailedRowsFile {

	private FailedRowsFile() {
	}

	static Path path(Path output) {
		return RunSummaries.sibling(output, ".failed.csv");
	}

	static void write(Path input, char delimiter, Path output, Map<Long, String> failures) {
		Path file = path(output);
		if (failures.isEmpty()) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot remove the stale " + file + ": " + ex.getMessage(), ex);
			}
			return;
		}
		String separator = String.valueOf(delimiter);
		String[] lineBreak = { "\n" };
		CsvFiles.writeAtomically(file, (writer) -> RawRows.forEach(input, delimiter, (row) -> {
			if (!row.lineBreak().isEmpty()) {
				lineBreak[0] = row.lineBreak();
			}
			String error = (row.number() == 0) ? "error" : failures.get(row.number());
			if (error != null) {
				try {
					writer.write(row.text() + separator
							+ CsvDialect.output(delimiter).format(CsvDialect.neutralizeFormula(error)) + lineBreak[0]);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}));
	}

}
