package io.bannerbatch.csv;

import java.nio.file.Path;

/**
 * Where something is, for a message the user can act on: {@code catalog.csv: line 3, column 5}. Lines and columns
 * count from 1; 0 means not known (the message then names the file, or the line, only).
 *
 * @param file the file
 * @param line the line, from 1, or 0
 * @param column the column on that line (characters for text, fields for a CSV header), from 1, or 0
 */
public record Location(Path file, long line, long column) {

	public static Location of(Path file) {
		return new Location(file, 0, 0);
	}

	public static Location line(Path file, long line) {
		return new Location(file, line, 0);
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(String.valueOf(this.file));
		if (this.line > 0) {
			text.append(": line ").append(this.line);
			if (this.column > 0) {
				text.append(", column ").append(this.column);
			}
		}
		return text.toString();
	}

}
