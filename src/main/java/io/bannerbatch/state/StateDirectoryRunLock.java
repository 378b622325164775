package io.bannerbatch.state;

/**
 * H2 in the state directory: H2 locks its file, so a second process on the same directory cannot even start (exit 4
 * before this is reached). Holding the database is holding every run in it.
 */
final class StateDirectoryRunLock implements RunLock {

	@Override
	public Lease acquire(RunKey run, Runnable onLost) {
		return () -> {
		};
	}

}
