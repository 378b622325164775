package io.bannerbatch.reliability;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Inputs made from the bundled sample catalog, and the results files read back with Commons CSV (never split on
 * commas by hand).
 */
final class Catalogs {

	static final Path SAMPLE = Path.of("sample-data/catalog.csv");

	static final Path MAPPING = Path.of("sample-data/mapping.yml");

	/** The sample design has three formats: every row makes three lines. */
	static final int FORMATS = 3;

	private Catalogs() {
	}

	/**
	 * {@code rows} rows cycling through the sample's products, each with its own key ({@code <prefix>-00001}), so no
	 * two rows are the same request. The price (the first text element of the body, whose payload the sandbox's counts
	 * use to label a submission) starts with the prefix and row number: {@code "<prefix> <row> €119.00"}.
	 */
	static Path write(Path file, String prefix, int rows) {
		List<CSVRecord> sample = read(SAMPLE);
		List<String> header = sample.get(0).toList();
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
					CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180)) {
				printer.printRecord(header);
				for (int i = 1; i <= rows; i++) {
					List<String> cells = new ArrayList<>(sample.get(1 + (i - 1) % (sample.size() - 1)).toList());
					cells.set(0, key(prefix, i));
					cells.set(2, prefix + " " + i + " " + cells.get(2));
					printer.printRecord(cells);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	static String key(String prefix, int row) {
		return String.format("%s-%05d", prefix, row);
	}

	/** Every record of a CSV file, header included. */
	static List<CSVRecord> read(Path file) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
				CSVParser parser = CSVParser.builder().setReader(reader).setFormat(CSVFormat.RFC4180).get()) {
			return parser.getRecords();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The lines of a results file, by header name. */
	static List<CSVRecord> results(Path file) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
				CSVParser parser = CSVParser.builder()
					.setReader(reader)
					.setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())
					.get()) {
			return parser.getRecords();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
