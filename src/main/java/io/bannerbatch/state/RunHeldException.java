package io.bannerbatch.state;

/** Another live process holds the run: this one does nothing and exits 4. The message names the holder. */
public class RunHeldException extends RuntimeException {

	RunHeldException(String message) {
		super(message);
	}

}
