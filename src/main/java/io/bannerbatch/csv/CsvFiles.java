package io.bannerbatch.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a CSV file under a temporary name beside its target and moves it into place only once complete, so nobody
 * ever reads half a file. Every cell is protected against running as a spreadsheet formula.
 */
public final class CsvFiles {

	private CsvFiles() {
	}

	/** Receives the lines of a file being written. */
	public interface LineSink {

		void line(List<String> cells);

	}

	public static void writeAtomically(Path target, char delimiter, List<String> header, Consumer<LineSink> lines) {
		writeAtomically(target, (writer) -> {
			try (CSVPrinter printer = new CSVPrinter(writer, CsvDialect.output(delimiter))) {
				printer.printRecord(header.stream().map(CsvDialect::neutralizeFormula));
				lines.accept((cells) -> {
					try {
						printer.printRecord(cells.stream().map(CsvDialect::neutralizeFormula));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
			}
		});
	}

	/** What writes the content of a file. */
	public interface Content {

		void writeTo(Writer writer) throws IOException;

	}

	public static void writeAtomically(Path target, Content content) {
		Path absolute = target.toAbsolutePath();
		Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
		try {
			Files.createDirectories(absolute.getParent());
			try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
				content.writeTo(writer);
			}
			try {
				Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + absolute + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Refuses an output place that cannot be written, before anything is paid for: the results are written only at
	 * the end of the run, so a bad --output found then would have cost every generation.
	 */
	public static void checkWritable(Path target) {
		Path absolute = target.toAbsolutePath();
		Path directory = absolute.getParent();
		if (Files.isDirectory(absolute)) {
			throw new InputProblem("--output=" + target + ": is a directory; give a file name, e.g. --output="
					+ absolute.resolve("results.csv"));
		}
		for (Path above = directory; above != null; above = above.getParent()) {
			if (Files.exists(above) && !Files.isDirectory(above)) {
				throw new InputProblem("--output=" + target + ": " + above
						+ " is a file, not a directory; choose another --output");
			}
		}
		try {
			Files.createDirectories(directory);
			Path probe = Files.createTempFile(directory, ".bannerbatch-", ".probe");
			Files.delete(probe);
		}
		catch (IOException | SecurityException ex) {
			throw new InputProblem("--output=" + target + ": the directory " + directory + " cannot be written ("
					+ reason(ex) + "); choose another --output or fix its permissions", ex);
		}
	}

	private static String reason(Exception ex) {
		if (ex instanceof AccessDeniedException || ex instanceof SecurityException) {
			return "permission denied";
		}
		if (ex instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
			return fileSystem.getReason();
		}
		return String.valueOf(ex.getMessage());
	}

}
