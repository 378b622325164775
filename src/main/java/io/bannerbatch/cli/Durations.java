package io.bannerbatch.cli;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;

import picocli.CommandLine.TypeConversionException;

/** Durations as people write them ({@code 15m}, {@code 30s}, {@code 500ms}) or as ISO-8601 ({@code PT15M}). */
final class Durations {

	private Durations() {
	}

	static Duration parse(String text) {
		try {
			return DurationStyle.detectAndParse(text.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new TypeConversionException("'" + text + "' is not a duration; write it like 30s, 15m, 2h or PT15M");
		}
	}

	static String format(Duration duration) {
		return DurationStyle.SIMPLE.print(duration);
	}

}
