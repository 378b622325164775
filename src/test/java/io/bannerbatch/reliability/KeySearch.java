package io.bannerbatch.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Searches everything a run wrote for the API key, byte by byte, in every encoding a file might hold it in. */
final class KeySearch {

	private static final List<Charset> ENCODINGS = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE,
			StandardCharsets.UTF_16BE);

	private KeySearch() {
	}

	/** Not in these texts (what was printed), nor in any file under {@code directory}; returns the files searched. */
	static List<Path> assertNowhere(String key, Path directory, String... texts) {
		for (String text : texts) {
			assertThat(text).doesNotContain(key);
		}
		List<Path> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(directory)) {
			walk.filter(Files::isRegularFile).forEach(files::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (Path file : files) {
			byte[] content = read(file);
			for (Charset encoding : ENCODINGS) {
				assertThat(indexOf(content, key.getBytes(encoding))).as("the key (%s) in %s", encoding, file)
					.isEqualTo(-1);
			}
		}
		return files;
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int indexOf(byte[] content, byte[] wanted) {
		outer: for (int i = 0; i <= content.length - wanted.length; i++) {
			for (int j = 0; j < wanted.length; j++) {
				if (content[i + j] != wanted[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
