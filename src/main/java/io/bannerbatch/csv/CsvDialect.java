package io.bannerbatch.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/** The one CSV dialect: RFC 4180 quoting, the input's delimiter on the way in, commas on the way out. */
public final class CsvDialect {

	private CsvDialect() {
	}

	/**
	 * Reading: no header handling here, so that the header row can be checked with its line number; empty lines are
	 * records too, so that every record's first line is known (the reader skips them).
	 */
	public static CSVFormat input(char delimiter) {
		return CSVFormat.RFC4180.builder()
			.setDelimiter(delimiter)
			.setIgnoreEmptyLines(false)
			.setIgnoreSurroundingSpaces(false)
			.get();
	}

	/** Writing: RFC 4180 (CRLF, quotes where needed). */
	public static CSVFormat output(char delimiter) {
		return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setQuoteMode(QuoteMode.MINIMAL).get();
	}

	/**
	 * A cell that a spreadsheet would run as a formula ({@code = + - @}, or a tab or carriage return before one) gets
	 * a leading apostrophe, which spreadsheets show as text. The OWASP "CSV injection" advice.
	 */
	public static String neutralizeFormula(String cell) {
		if (cell == null || cell.isEmpty()) {
			return cell;
		}
		char first = cell.charAt(0);
		if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
			return "'" + cell;
		}
		return cell;
	}

	/** {@code \t} on the command line means a tab. */
	public static char parseDelimiter(String option) {
		String value = option.equals("\\t") || option.equalsIgnoreCase("tab") ? "\t" : option;
		if (value.length() != 1 || value.equals("\"") || value.equals("\n") || value.equals("\r")) {
			throw new InputProblem("--delimiter=" + option + " is not a single character: use , or ; or \\t");
		}
		return value.charAt(0);
	}

}
