package io.bannerbatch.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Who holds a state directory, for the "already running" message: host, process id, since when. */
final class OwnerFile {

	private static final String NAME = "owner";

	private OwnerFile() {
	}

	static void claim(Path stateDir) {
		try {
			Files.writeString(stateDir.toAbsolutePath().resolve(NAME), "process " + ProcessHandle.current().pid()
					+ " on " + hostName() + " since " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			// only used to name the holder in a message
		}
	}

	static String describe(Path stateDir) {
		try {
			return " (held by " + Files.readString(stateDir.resolve(NAME), StandardCharsets.UTF_8).strip() + ")";
		}
		catch (IOException ex) {
			return "";
		}
	}

	static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "unknown host";
		}
	}

}
