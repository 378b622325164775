package io.bannerbatch.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
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

	/** Refuses an output place that cannot be written, before anything is paid for. */
	public static void checkWritable(Path target) {
		Path directory = target.toAbsolutePath().getParent();
		try {
			Files.createDirectories(directory);
			Path probe = Files.createTempFile(directory, ".bannerbatch-", ".probe");
			Files.delete(probe);
		}
		catch (IOException | SecurityException ex) {
			throw new InputProblem(target + ": the output directory " + directory
					+ " cannot be written; choose another --output or fix its permissions", ex);
		}
	}

}
