package io.bannerbatch.csv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The input file, opened for one pass: strict UTF-8 (a BOM is dropped), the header checked, then the data rows. Every
 * problem with the file as a whole is an {@link InputProblem} naming the file and the line.
 */
public final class InputCsv implements AutoCloseable, Iterator<InputRow> {

	private static final int BINARY_SNIFF_BYTES = 8192;

	private final Path file;

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	private final List<String> header;

	private long rowNumber;

	private InputCsv(Path file, CSVParser parser) {
		this.file = file;
		this.parser = parser;
		this.records = parser.iterator();
		this.header = readHeader();
	}

	public static InputCsv open(Path file, char delimiter) {
		InputStream in = openChecked(file);
		try {
			Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT));
			return new InputCsv(file, CSVParser.builder().setReader(reader).setFormat(CsvDialect.input(delimiter)).get());
		}
		catch (IOException ex) {
			throw new InputProblem(file + ": cannot be read (" + ex.getMessage() + ")", ex);
		}
	}

	private static InputStream openChecked(Path file) {
		try {
			if (Files.isDirectory(file)) {
				throw new InputProblem(file + ": is a directory, not a CSV file");
			}
			BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 65536);
			in.mark(BINARY_SNIFF_BYTES);
			byte[] head = in.readNBytes(BINARY_SNIFF_BYTES);
			in.reset();
			if (head.length == 0) {
				in.close();
				throw new InputProblem(file + ": the file is empty; the first line must be a header naming the columns");
			}
			for (byte b : head) {
				if (b == 0) {
					in.close();
					throw new InputProblem(file + ": looks like a binary file, not a CSV (it contains NUL bytes); "
							+ "export the sheet as CSV UTF-8");
				}
			}
			if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
				in.skipNBytes(3);
			}
			return in;
		}
		catch (NoSuchFileException ex) {
			throw new InputProblem(file + ": no such file; check --input", ex);
		}
		catch (IOException ex) {
			throw new InputProblem(file + ": cannot be read (" + ex.getMessage() + "); check its permissions", ex);
		}
	}

	private List<String> readHeader() {
		if (!hasNextRecord()) {
			throw new InputProblem(this.file + ": the file has no header line; the first line must name the columns");
		}
		CSVRecord first = nextRecord();
		List<String> names = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < first.size(); i++) {
			String name = first.get(i).strip();
			if (name.isEmpty()) {
				throw new InputProblem(this.file + ": line 1, column " + (i + 1)
						+ ": the header has an empty column name; name every column (is the first line a header?)");
			}
			Integer before = seen.putIfAbsent(name, i + 1);
			if (before != null) {
				throw new InputProblem(this.file + ": line 1: the header names column \"" + name + "\" twice (columns "
						+ before + " and " + (i + 1) + "); rename one of them");
			}
			names.add(name);
		}
		return List.copyOf(names);
	}

	public Path file() {
		return this.file;
	}

	public List<String> header() {
		return this.header;
	}

	/** Skips rows already read by an earlier execution. */
	public void skip(long rows) {
		for (long i = 0; i < rows && hasNext(); i++) {
			next();
		}
	}

	@Override
	public boolean hasNext() {
		return hasNextRecord();
	}

	@Override
	public InputRow next() {
		if (!hasNextRecord()) {
			throw new NoSuchElementException();
		}
		long line = this.parser.getCurrentLineNumber() + 1;
		CSVRecord record = nextRecord();
		List<String> values = new ArrayList<>(record.size());
		record.forEach(values::add);
		return new InputRow(++this.rowNumber, line, values);
	}

	private boolean hasNextRecord() {
		try {
			return this.records.hasNext();
		}
		catch (UncheckedIOException ex) {
			throw problem(ex.getCause());
		}
	}

	private CSVRecord nextRecord() {
		try {
			return this.records.next();
		}
		catch (UncheckedIOException ex) {
			throw problem(ex.getCause());
		}
	}

	private InputProblem problem(IOException cause) {
		long line = this.parser.getCurrentLineNumber();
		if (cause instanceof CharacterCodingException) {
			return new InputProblem(this.file + ": line " + Math.max(1, line)
					+ ": the file is not valid UTF-8; save it as CSV UTF-8", cause);
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.toString();
		if (message.contains("EOF reached before encapsulated token finished")) {
			return new InputProblem(this.file + ": a quoted field is never closed (it starts on or before line "
					+ Math.max(1, line) + "); close the quote or remove the stray \"", cause);
		}
		if (message.contains("invalid char between encapsulated token and delimiter")) {
			return new InputProblem(this.file + ": line " + Math.max(1, line)
					+ ": text after a closing quote; quote the whole field and double the quotes inside it (\"\")", cause);
		}
		return new InputProblem(this.file + ": line " + Math.max(1, line) + ": cannot be parsed (" + message + ")",
				cause);
	}

	@Override
	public void close() {
		try {
			this.parser.close();
		}
		catch (IOException ex) {
			// nothing was written; closing a reader cannot lose anything
		}
	}

}
