package io.bannerbatch.csv;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CsvDialectTests {

	@TempDir
	Path work;

	@ParameterizedTest
	@ValueSource(strings = { "=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "=", "-" })
	void aCellASpreadsheetWouldRunGetsALeadingApostrophe(String cell) {
		assertThat(CsvDialect.neutralizeFormula(cell)).isEqualTo("'" + cell);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Hello", "a=b", "1-2", "#FF0000", "https://x.example/a.png", "'=already", " =1", "\n=1" })
	void anyOtherCellIsLeftAsItIs(String cell) {
		assertThat(CsvDialect.neutralizeFormula(cell)).isEqualTo(cell);
	}

	@Test
	void noCellIsNoCell() {
		assertThat(CsvDialect.neutralizeFormula(null)).isNull();
	}

	@Test
	void theResultsFileReadsBackToTheSameCellsWithFormulasNeutralized() throws IOException {
		List<List<String>> lines = List.of(List.of("1", "=cmd|' /C calc'!A0", "Hello, \"world\"", "two\nlines"),
				List.of("2", "Zürich ☕ \uD83D\uDE00", "+33 1 23", "crlf\r\ninside"),
				List.of("3", "", "-5", "@user"));
		Path target = this.work.resolve("out/results.csv");

		CsvFiles.writeAtomically(target, ',', List.of("row", "key", "a", "b"), (sink) -> lines.forEach(sink::line));

		List<List<String>> read = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(target, StandardCharsets.UTF_8)) {
			for (CSVRecord record : CSVFormat.RFC4180.parse(reader)) {
				read.add(record.toList());
			}
		}
		assertThat(read).containsExactly(List.of("row", "key", "a", "b"),
				List.of("1", "'=cmd|' /C calc'!A0", "Hello, \"world\"", "two\nlines"),
				List.of("2", "Zürich ☕ \uD83D\uDE00", "'+33 1 23", "crlf\r\ninside"), List.of("3", "", "'-5", "'@user"));
		assertThat(this.work.resolve("out")).isDirectoryNotContaining("glob:**.tmp");
	}

	@ParameterizedTest
	@ValueSource(strings = { ",", ";", "|" })
	void aDelimiterIsOneCharacter(String option) {
		assertThat(CsvDialect.parseDelimiter(option)).isEqualTo(option.charAt(0));
	}

	@ParameterizedTest
	@ValueSource(strings = { "\\t", "tab", "TAB", "\t" })
	void aTabCanBeWrittenAsBackslashTOrTab(String option) {
		assertThat(CsvDialect.parseDelimiter(option)).isEqualTo('\t');
	}

	@ParameterizedTest
	@ValueSource(strings = { ";;", "", "\"", "\n" })
	void anythingElseIsRefusedWithTheChoices(String option) {
		assertThatExceptionOfType(InputProblem.class).isThrownBy(() -> CsvDialect.parseDelimiter(option))
			.withMessageContaining("use , or ; or \\t");
	}

}
