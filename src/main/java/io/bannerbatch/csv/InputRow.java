package io.bannerbatch.csv;

import java.util.List;

/**
 * One data row of the input.
 *
 * @param number 1-based data row number (the header is row 0)
 * @param line the line the row starts on, for messages
 * @param values the cells, as read
 */
public record InputRow(long number, long line, List<String> values) {
}
