/**
 * The CSV files: reading the input (UTF-8, with or without a BOM, any delimiter) and writing the results, in one
 * dialect.
 */
package io.bannerbatch.csv;
