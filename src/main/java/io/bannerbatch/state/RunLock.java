package io.bannerbatch.state;

/**
 * Exactly one process per run. Taken right before deciding whether to recover or launch a run, held until its exit
 * code is known: an execution left STARTED is recovered only under the lock, so only when its process is gone.
 */
public interface RunLock {

	/**
	 * Takes the run for this process.
	 * @param run the run
	 * @param onLost called once, from another thread, if the lock is lost while held (its database connection broke):
	 * the run must stop, because another process may now take it
	 * @return the lease; close it when the run has ended
	 * @throws RunHeldException when another live process holds the run; its message names the holder
	 */
	Lease acquire(RunKey run, Runnable onLost);

	/** A held run. */
	interface Lease extends AutoCloseable {

		@Override
		void close();

	}

}
