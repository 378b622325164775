package io.bannerbatch.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The input file, opened for one pass: strict UTF-8 (a BOM is dropped), the header checked, then the data rows. Blank
 * lines, and rows whose every cell is blank (spreadsheets export those below the data), are skipped. Every problem
 * with the file as a whole is an {@link InputProblem} naming the file and the line.
 */
public final class InputCsv implements AutoCloseable, Iterator<InputRow> {

	private final Path file;

	private final char delimiter;

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	private final List<String> header;

	private final long headerLine;

	private CSVRecord pending;

	private long pendingLine;

	/** The parser's line count once the last record was read: the next record starts on the line after it. */
	private long linesRead;

	private long rowNumber;

	private InputCsv(Path file, char delimiter, CSVParser parser) {
		this.file = file;
		this.delimiter = delimiter;
		this.parser = parser;
		this.records = parser.iterator();
		if (!fetch()) {
			throw new InputProblem(Location.of(file),
					"the file has no header line (only blank lines); the first line must name the columns");
		}
		this.headerLine = this.pendingLine;
		this.header = checkedHeader(this.pending);
		this.pending = null;
	}

	public static InputCsv open(Path file, char delimiter) {
		InputStream in = InputBytes.open(file);
		InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT));
		try {
			return new InputCsv(file, delimiter,
					CSVParser.builder().setReader(reader).setFormat(CsvDialect.input(delimiter)).get());
		}
		catch (IOException ex) {
			throw new InputProblem(Location.of(file), "cannot be read (" + ex.getMessage() + ")", ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(reader);
			throw ex;
		}
	}

	private List<String> checkedHeader(CSVRecord first) {
		if (first.size() == 1) {
			refuseOtherDelimiter(first.get(0));
		}
		List<String> names = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < first.size(); i++) {
			// a second BOM (files concatenated, or a BOM inside quotes) must not become part of a column name
			String name = first.get(i).replace("\uFEFF", "").strip();
			Location where = new Location(this.file, this.headerLine, i + 1);
			if (name.isEmpty()) {
				throw new InputProblem(where,
						"the header has an empty column name; name every column (is the first line a header?)");
			}
			Integer before = seen.putIfAbsent(name, i + 1);
			if (before != null) {
				throw new InputProblem(where, "the header names column \"" + name + "\" twice (columns " + before
						+ " and " + (i + 1) + "); rename one of them");
			}
			names.add(name);
		}
		return List.copyOf(names);
	}

	/** A header of one column that holds another delimiter is a file read with the wrong one. */
	private void refuseOtherDelimiter(String only) {
		for (char other : new char[] { ',', ';', '\t', '|' }) {
			if (other != this.delimiter && only.indexOf(other) >= 0) {
				String option = (other == '\t') ? "--delimiter='\\t'" : "--delimiter='" + other + "'";
				throw new InputProblem(Location.line(this.file, this.headerLine), "the header is one column, \""
						+ abbreviate(only) + "\"; the file looks " + name(other) + "-delimited: add " + option);
			}
		}
	}

	private static String name(char delimiter) {
		return switch (delimiter) {
			case '\t' -> "tab";
			case ';' -> "semicolon";
			case '|' -> "pipe";
			default -> "comma";
		};
	}

	public Path file() {
		return this.file;
	}

	public List<String> header() {
		return this.header;
	}

	/** The line the header is on (after any leading blank lines). */
	public long headerLine() {
		return this.headerLine;
	}

	/** Skips rows already read by an earlier execution. */
	public void skip(long rows) {
		for (long i = 0; i < rows && hasNext(); i++) {
			next();
		}
	}

	@Override
	public boolean hasNext() {
		return fetch();
	}

	@Override
	public InputRow next() {
		if (!fetch()) {
			throw new NoSuchElementException();
		}
		List<String> values = new ArrayList<>(this.pending.size());
		this.pending.forEach(values::add);
		this.pending = null;
		return new InputRow(++this.rowNumber, this.pendingLine, values);
	}

	/** Reads ahead to the next record that is not blank, noting the line it starts on. */
	private boolean fetch() {
		while (this.pending == null) {
			long startLine = this.linesRead + 1;
			CSVRecord record;
			try {
				if (!this.records.hasNext()) {
					return false;
				}
				record = this.records.next();
			}
			catch (UncheckedIOException ex) {
				throw problem(ex.getCause(), startLine);
			}
			this.linesRead = this.parser.getCurrentLineNumber();
			if (!isBlank(record)) {
				this.pending = record;
				this.pendingLine = startLine;
			}
		}
		return true;
	}

	static boolean isBlank(CSVRecord record) {
		for (String value : record) {
			if (!value.isBlank()) {
				return false;
			}
		}
		return true;
	}

	private InputProblem problem(IOException cause, long startLine) {
		if (cause instanceof CharacterCodingException) {
			String located = InputBytes.describeFirstMalformed(this.file);
			return new InputProblem((located != null) ? located
					: this.file + ": the file is not valid UTF-8; save it as CSV UTF-8", cause);
		}
		String message = String.valueOf(cause.getMessage());
		String lower = message.toLowerCase(Locale.ROOT);
		if (lower.contains("eof reached before encapsulated token finished")) {
			return new InputProblem(Location.line(this.file, startLine), "a quoted field opened on this line is never "
					+ "closed; close the quote, or double a quote inside a quoted field (\"\")", cause);
		}
		if (lower.contains("invalid char") && lower.contains("between encapsulated token and delimiter")) {
			return new InputProblem(Location.line(this.file, this.parser.getCurrentLineNumber()),
					"text after a closing quote; quote the whole field and double the quotes inside it (\"\")", cause);
		}
		return new InputProblem(Location.line(this.file, startLine), "cannot be parsed (" + message + ")", cause);
	}

	private static String abbreviate(String value) {
		return (value.length() > 60) ? value.substring(0, 57) + "..." : value;
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// nothing was written; closing a reader cannot lose anything
		}
	}

	@Override
	public void close() {
		closeQuietly(this.parser);
	}

}
