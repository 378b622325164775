/**
 * The HTML report beside the results file: the run's figures, the problems to fix, and a thumbnail grid of the
 * banners. Knows nothing of the job; the job hands it records.
 */
package io.bannerbatch.report;
