/**
 * From columns to element properties: the mapping file, the preflight against each design, and the checks each row
 * passes before it may cost a credit.
 */
package io.bannerbatch.mapping;
