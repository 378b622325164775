/**
 * The Spring Batch job: submit, collect, export, write results; the ledger that makes every step safe to repeat; run
 * identity, recovery and exit codes.
 */
package io.bannerbatch.job;
