package io.bannerbatch.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InputCsvTests {

	@TempDir
	Path work;

	@Nested
	class WhenTheFileIsGood {

		@Test
		void dropsTheByteOrderMarkSoTheFirstColumnNameIsClean() throws IOException {
			Path file = bytes("bom.csv", concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
					"sku,tb-text_0.payload\nA1,Hello\n".getBytes(StandardCharsets.UTF_8)));

			try (InputCsv csv = InputCsv.open(file, ',')) {
				assertThat(csv.header()).containsExactly("sku", "tb-text_0.payload");
				assertThat(csv.header().get(0)).doesNotContain("\uFEFF");
				assertThat(csv.next().values()).containsExactly("A1", "Hello");
			}
		}

		@ParameterizedTest
		@ValueSource(chars = { ';', '\t', ',', '|' })
		void readsTheDelimiterItIsGiven(char delimiter) throws IOException {
			String d = String.valueOf(delimiter);
			Path file = text("d.csv", "sku" + d + "title" + d + "note\nA1" + d + "\"Hello" + d + " world\"" + d
					+ ((delimiter == ',') ? "\"a;b\tc\"" : "a,b") + "\n");

			try (InputCsv csv = InputCsv.open(file, delimiter)) {
				assertThat(csv.header()).containsExactly("sku", "title", "note");
				assertThat(csv.next().values()).containsExactly("A1", "Hello" + d + " world",
						(delimiter == ',') ? "a;b\tc" : "a,b");
			}
		}

		@Test
		void keepsEmbeddedLineBreaksQuotesAndUnicodeExactly() throws IOException {
			Path file = text("cells.csv", "sku,title\r\nA1,\"Hello, \"\"world\"\"\"\r\nB2,\"Zürich ☕\nsecond line\"\r\n"
					+ "C3,\"crlf\r\ninside\"\r\nD4,  spaces kept  \r\nE5,\uD83D\uDE00 ½ 中文\r\n");

			assertThat(rows(file)).extracting(InputRow::values)
				.containsExactly(List.of("A1", "Hello, \"world\""), List.of("B2", "Zürich ☕\nsecond line"),
						List.of("C3", "crlf\r\ninside"), List.of("D4", "  spaces kept  "), List.of("E5", "\uD83D\uDE00 ½ 中文"));
		}

		@Test
		void numbersRowsAndGivesTheLineEachStartsOn() throws IOException {
			Path file = text("lines.csv", "\nsku,title\nA1,one\nB2,\"two\nlines\"\n\nC3,three\n,\n  ,  \nD4,four");

			List<InputRow> rows = rows(file);

			assertThat(rows).containsExactly(new InputRow(1, 3, List.of("A1", "one")),
					new InputRow(2, 4, List.of("B2", "two\nlines")), new InputRow(3, 7, List.of("C3", "three")),
					new InputRow(4, 10, List.of("D4", "four")));
		}

		@Test
		void givesTheHeaderLineAfterLeadingBlankLines() throws IOException {
			try (InputCsv csv = InputCsv.open(text("blank-first.csv", "\n\r\nsku,title\nA1,x\n"), ',')) {
				assertThat(csv.headerLine()).isEqualTo(3);
			}
		}

		@Test
		void keepsRaggedRowsForTheirRowToBeRejected() throws IOException {
			assertThat(rows(text("ragged.csv", "sku,title,photo\nA1,x\nB2,x,y,z\n"))).extracting(InputRow::values)
				.containsExactly(List.of("A1", "x"), List.of("B2", "x", "y", "z"));
		}

		@Test
		void skipsTheRowsAnEarlierExecutionRead() throws IOException {
			try (InputCsv csv = InputCsv.open(text("skip.csv", "sku\nA1\nB2\nC3\n"), ',')) {
				csv.skip(2);
				assertThat(csv.next()).isEqualTo(new InputRow(3, 4, List.of("C3")));
				assertThat(csv.hasNext()).isFalse();
			}
		}

		@Test
		void acceptsOneColumnWithoutAnotherDelimiterInIt() throws IOException {
			try (InputCsv csv = InputCsv.open(text("one.csv", "sku\nA1\n"), ',')) {
				assertThat(csv.header()).containsExactly("sku");
			}
		}

	}

	@Nested
	class WhenTheFileIsBad {

		@Test
		void anEmptyFileAsksForAHeader() throws IOException {
			assertProblem(text("empty.csv", ""), "empty.csv: the file is empty (0 bytes); the first line must be a header");
		}

		@Test
		void onlyBlankLinesHaveNoHeader() throws IOException {
			assertProblem(text("blank.csv", "\n \n\r\n"), "blank.csv: the file has no header line");
		}

		@Test
		void aDuplicateColumnNamesBothPositions() throws IOException {
			assertProblem(text("dup.csv", "sku,title, title\nA1,x,y\n"),
					"dup.csv: line 1, column 3: the header names column \"title\" twice (columns 2 and 3); rename one");
		}

		@Test
		void anEmptyColumnNameNamesItsColumn() throws IOException {
			assertProblem(text("gap.csv", "sku,,title\n"), "gap.csv: line 1, column 2: the header has an empty column name");
		}

		@Test
		void anUnterminatedQuoteNamesTheLineItOpensOn() throws IOException {
			assertProblem(text("open.csv", "sku,title\nA1,ok\nB2,\"never\nclosed\nC3,x\nD4,y\n"),
					"open.csv: line 3: a quoted field opened on this line is never closed");
		}

		@Test
		void textAfterAClosingQuoteNamesItsLine() throws IOException {
			assertProblem(text("after.csv", "sku,title\nA1,ok\nB2,\"quoted\" tail\n"),
					"after.csv: line 3: text after a closing quote");
		}

		@Test
		void invalidUtf8NamesItsLineColumnAndByte() throws IOException {
			assertProblem(bytes("latin1.csv", "sku,title\nA1,ok\nB2,Z\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1)),
					"latin1.csv: line 3, column 5: the file is not valid UTF-8 (byte 0xFC;");
		}

		@Test
		void invalidUtf8FarIntoTheFileIsLocatedToo() throws IOException {
			StringBuilder content = new StringBuilder("sku,title\n");
			for (int i = 1; i <= 5000; i++) {
				content.append("K").append(i).append(",Zürich ☕ line ").append(i).append('\n');
			}
			byte[] good = content.toString().getBytes(StandardCharsets.UTF_8);
			Path file = bytes("late.csv", concat(good, "K5001,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1)));

			assertProblem(file, "late.csv: line 5002, column 10: the file is not valid UTF-8 (byte 0xE9;");
		}

		@Test
		void aNulByteMeansABinaryFile() throws IOException {
			assertProblem(bytes("x.xlsx", new byte[] { 'P', 'K', 3, 4, 0, 0 }),
					"x.xlsx: looks like a binary file, not a CSV (a NUL byte at byte 5); export the sheet as CSV UTF-8");
		}

		@Test
		void utf16WithAByteOrderMarkIsNamed() throws IOException {
			assertProblem(bytes("u16.csv", concat(new byte[] { (byte) 0xFF, (byte) 0xFE },
					"sku,title\r\n".getBytes(StandardCharsets.UTF_16LE))), "u16.csv: the file is UTF-16");
		}

		@Test
		void utf16WithoutAByteOrderMarkIsNamed() throws IOException {
			assertProblem(bytes("u16be.csv", "sku,title\r\nA1,x\r\n".getBytes(StandardCharsets.UTF_16BE)),
					"u16be.csv: the file is UTF-16");
		}

		@ParameterizedTest
		@CsvSource(delimiter = '|', value = { ",|sku;title;photo|semicolon-delimited: add --delimiter=';'",
				",|sku\ttitle|tab-delimited: add --delimiter='\\t'", ";|sku,title|comma-delimited: add --delimiter=','" })
		void aHeaderOfOneColumnHoldingAnotherDelimiterNamesIt(char delimiter, String header, String advice)
				throws IOException {
			assertProblem(text("one.csv", header.replace("\\t", "\t") + "\nA1\n"), delimiter,
					"one.csv: line 1: the header is one column", advice.replace("\\t", "\\t"));
		}

		@Test
		void aDirectoryIsNotAFile() {
			assertProblem(InputCsvTests.this.work, ',', InputCsvTests.this.work + ": is a directory");
		}

		@Test
		void aMissingFileSaysCheckInput() {
			assertProblem(InputCsvTests.this.work.resolve("gone.csv"), ',', "gone.csv: no such file; check --input");
		}

	}

	private void assertProblem(Path file, String... fragments) {
		assertProblem(file, ',', fragments);
	}

	private static void assertProblem(Path file, char delimiter, String... fragments) {
		assertThatExceptionOfType(InputProblem.class).isThrownBy(() -> {
			try (InputCsv csv = InputCsv.open(file, delimiter)) {
				csv.forEachRemaining((row) -> {
				});
			}
		}).satisfies((problem) -> assertThat(problem.getMessage()).contains(fragments).doesNotContain("\n"));
	}

	private static List<InputRow> rows(Path file) {
		List<InputRow> rows = new ArrayList<>();
		try (InputCsv csv = InputCsv.open(file, ',')) {
			csv.forEachRemaining(rows::add);
		}
		return rows;
	}

	private Path text(String name, String content) throws IOException {
		return Files.writeString(this.work.resolve(name), content, StandardCharsets.UTF_8);
	}

	private Path bytes(String name, byte[] content) throws IOException {
		return Files.write(this.work.resolve(name), content);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] all = new byte[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

}
