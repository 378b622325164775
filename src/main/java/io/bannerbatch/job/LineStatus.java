package io.bannerbatch.job;

/** The status of one results line (one row × format). */
public enum LineStatus {

	GENERATED, FAILED, REJECTED

}
