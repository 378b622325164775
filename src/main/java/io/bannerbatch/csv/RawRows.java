package io.bannerbatch.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The input's records as the text they were written with (quotes, delimiters and all, without the line break), so
 * that a file of failed rows can give them back unchanged. Commons CSV knows where each record starts; this reader
 * keeps the characters it hands the parser until the next record starts.
 */
public final class RawRows {

	private RawRows() {
	}

	/**
	 * A record as written.
	 *
	 * @param number 0 for the header, then the data rows from 1
	 * @param text the record's text, without its line break
	 * @param lineBreak the line break that ended it ({@code \r\n} or {@code \n}), empty at the end of the file
	 */
	public record RawRow(long number, String text, String lineBreak) {
	}

	/**
	 * Calls {@code consumer} with each record as it was written.
	 * Blank records are skipped and not counted, as {@link InputCsv} does, so the numbers are the results' rows.
	 */
	public static void forEach(Path file, char delimiter, Consumer<RawRow> consumer) {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] bom = in.readNBytes(3);
			boolean hasBom = bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB
					&& (bom[2] & 0xFF) == 0xBF;
			Recording recording = new Recording(new InputStreamReader(
					hasBom ? in : new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(bom), in),
					StandardCharsets.UTF_8));
			try (CSVParser parser = CSVParser.builder().setReader(recording).setFormat(CsvDialect.input(delimiter)).get()) {
				Iterator<CSVRecord> records = parser.iterator();
				long number = 0;
				CSVRecord previous = null;
				while (records.hasNext()) {
					CSVRecord record = records.next();
					if (previous != null) {
						String text = recording.take(previous.getCharacterPosition(), record.getCharacterPosition());
						if (!InputCsv.isBlank(previous)) {
							consumer.accept(raw(number++, text));
						}
					}
					previous = record;
				}
				if (previous != null && !InputCsv.isBlank(previous)) {
					consumer.accept(raw(number, recording.take(previous.getCharacterPosition(), recording.end())));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Splits the record's text from the first line break after it (blank lines after it belong to nobody). */
	private static RawRow raw(long number, String text) {
		int end = text.length();
		while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
			end--;
		}
		String breaks = text.substring(end);
		String lineBreak = breaks.startsWith("\r\n") ? "\r\n" : breaks.startsWith("\n") ? "\n"
				: breaks.startsWith("\r") ? "\r" : "";
		return new RawRow(number, text.substring(0, end), lineBreak);
	}

	/** Remembers what it read from {@code forget}-able position on. */
	private static final class Recording extends Reader {

		private final Reader delegate;

		private final StringBuilder kept = new StringBuilder();

		private long keptFrom;

		Recording(Reader delegate) {
			this.delegate = delegate;
		}

		@Override
		public int read(char[] buffer, int offset, int length) throws IOException {
			int read = this.delegate.read(buffer, offset, length);
			if (read > 0) {
				this.kept.append(buffer, offset, read);
			}
			return read;
		}

		long end() throws IOException {
			char[] rest = new char[8192];
			while (read(rest, 0, rest.length) > 0) {
				// drain: the last record runs to the end of the file
			}
			return this.keptFrom + this.kept.length();
		}

		/** The text between two positions; forgets everything before the end. */
		String take(long from, long to) {
			String text = this.kept.substring((int) (from - this.keptFrom), (int) (to - this.keptFrom));
			this.kept.delete(0, (int) (to - this.keptFrom));
			this.keptFrom = to;
			return text;
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

	}

}
