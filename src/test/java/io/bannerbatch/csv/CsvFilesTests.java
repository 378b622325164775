package io.bannerbatch.csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class CsvFilesTests {

	@TempDir
	Path work;

	@Test
	void anOutputInADirectoryNotYetThereIsWritableAndTheDirectoryIsMade() {
		Path target = this.work.resolve("a/b/results.csv");

		assertThatNoException().isThrownBy(() -> CsvFiles.checkWritable(target));
		assertThat(target.getParent()).isEmptyDirectory();
	}

	@Test
	void anOutputUnderARegularFileIsRefused() throws IOException {
		Path file = Files.writeString(this.work.resolve("plain"), "x");

		// a path under a regular file fails for every user, root included, unlike permission bits
		assertThatExceptionOfType(InputProblem.class)
			.isThrownBy(() -> CsvFiles.checkWritable(file.resolve("deeper/results.csv")))
			.withMessage("--output=" + file.resolve("deeper/results.csv") + ": " + file
					+ " is a file, not a directory; choose another --output");
	}

	@Test
	void anOutputThatIsADirectoryIsRefused() {
		assertThatExceptionOfType(InputProblem.class).isThrownBy(() -> CsvFiles.checkWritable(this.work))
			.withMessageStartingWith("--output=" + this.work + ": is a directory; give a file name");
	}

	@Test
	void anExistingOutputFileIsReplacedWhole() throws IOException {
		Path target = Files.writeString(this.work.resolve("results.csv"), "old content that is longer\n");

		CsvFiles.checkWritable(target);
		CsvFiles.writeAtomically(target, (writer) -> writer.write("new\n"));

		assertThat(target).hasContent("new");
		assertThat(this.work).isDirectoryNotContaining("glob:**.{tmp,probe}");
	}

}
