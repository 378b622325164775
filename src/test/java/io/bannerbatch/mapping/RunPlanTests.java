package io.bannerbatch.mapping;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.bannerbatch.abyssale.Design;
import io.bannerbatch.csv.InputRow;

import static org.assertj.core.api.Assertions.assertThat;

class RunPlanTests {

	static final String DESIGN = "5d5f6f6a-1b2c-4d3e-8f90-0123456789ab";

	static final String PRINT = "7e7e7e7e-1b2c-4d3e-8f90-0123456789ab";

	static final String MISSING = "00000000-1b2c-4d3e-8f90-0123456789ab";

	static final List<String> HEADER = List.of("sku", "tb-text_0.payload", "root.background_color",
			"tb-image_0.image_url");

	static final Map<String, Design> DESIGNS = Map.of(DESIGN,
			design(DESIGN, "Product card", "static", "facebook-feed", "instagram-post", "medium-rectangle"), PRINT,
			design(PRINT, "Shelf flyer", "printer", "a4-flyer"));

	@Nested
	class WhenARowIsGood {

		@Test
		void mapsEachColumnToItsElementProperty() {
			MappedRow row = map(plan(HEADER), "A1", "Hello", "#FF0000", "https://img.example/a.png");

			assertThat(row.isRejected()).isFalse();
			assertThat(row.key()).isEqualTo("A1");
			assertThat(row.designId()).isEqualTo(DESIGN);
			assertThat(row.formats()).containsExactly("facebook-feed", "instagram-post");
			assertThat(row.elements()).isEqualTo(Map.of("tb-text_0", Map.of("payload", "Hello"), "root",
					Map.of("background_color", "#FF0000"), "tb-image_0", Map.of("image_url", "https://img.example/a.png")));
		}

		@Test
		void anEmptyOrBlankCellLeavesItsPropertyOut() {
			MappedRow row = map(plan(HEADER), "A1", "Hello", "", "   ");

			assertThat(row.isRejected()).isFalse();
			assertThat(row.elements()).isEqualTo(Map.of("tb-text_0", Map.of("payload", "Hello")));
		}

		@Test
		void sendsTextAsWrittenButColoursAndUrlsWithoutSurroundingSpaces() {
			MappedRow row = map(plan(HEADER), " A1 ", "  two\nlines  ", " #FF0000 ", " https://img.example/a.png\t");

			assertThat(row.key()).isEqualTo("A1");
			assertThat(row.elements()).isEqualTo(Map.of("tb-text_0", Map.of("payload", "  two\nlines  "), "root",
					Map.of("background_color", "#FF0000"), "tb-image_0", Map.of("image_url", "https://img.example/a.png")));
		}

		@Test
		void sendsConstantsOnEveryRowAndACellReplacesItsConstant() {
			RunPlan plan = plan(List.of("sku", "tb-text_0.payload", "root.background_color"),
					spec(Map.of(), Map.of(new ElementProperty("root", "background_color"), "#FFFFFF",
							new ElementProperty("tb-text_0", "color"), "#000000")),
					List.of());

			assertThat(map(plan, "A1", "Hello", "").elements()).isEqualTo(Map.of("tb-text_0",
					Map.of("payload", "Hello", "color", "#000000"), "root", Map.of("background_color", "#FFFFFF")));
			assertThat(map(plan, "B2", "Hello", "#FF0000").elements()).isEqualTo(Map.of("tb-text_0",
					Map.of("payload", "Hello", "color", "#000000"), "root", Map.of("background_color", "#FF0000")));
		}

		@Test
		void takesItsDesignAndFormatsFromItsOwnCells() {
			RunPlan plan = plan(List.of("sku", "design_id", "formats", "tb-text_0.payload", "root.background_color"));

			MappedRow row = map(plan, "P1", PRINT, " a4-flyer | a4-flyer ", "Hello", "cmyk(0,100,100,0)");

			assertThat(row.isRejected()).as(row.rejection()).isFalse();
			assertThat(row.designId()).isEqualTo(PRINT);
			assertThat(row.formats()).containsExactly("a4-flyer");
			assertThat(row.elements().get("root")).containsEntry("background_color", "cmyk(0,100,100,0)");
		}

		@Test
		void emptyDesignAndFormatsCellsFallBackToTheDefaults() {
			RunPlan plan = plan(List.of("sku", "design_id", "formats", "tb-text_0.payload"));

			MappedRow row = map(plan, "A1", "", " ", "Hello");

			assertThat(row.designId()).isEqualTo(DESIGN);
			assertThat(row.formats()).containsExactly("facebook-feed", "instagram-post");
		}

		@Test
		void withoutDefaultFormatsARowGetsEveryFormatOfItsDesign() {
			MappedRow row = map(plan(HEADER, MappingFile.Spec.empty(), List.of()), "A1", "Hello", "", "");

			assertThat(row.formats()).containsExactly("facebook-feed", "instagram-post", "medium-rectangle");
		}

	}

	@Nested
	class WhenARowIsBad {

		@Test
		void aRaggedRowNamesItsLineAndBothCounts() {
			MappedRow row = plan(HEADER).map(new InputRow(4, 9, List.of("A1", "Hello")));

			assertThat(row.rejection()).isEqualTo("line 9 has 2 fields but the header has 4; check the quoting and the "
					+ "delimiter");
			assertThat(row.key()).isEqualTo("A1");
			assertThat(row.formats()).containsExactly("facebook-feed", "instagram-post");
		}

		@Test
		void anEmptyKeyIsRejected() {
			assertThat(map(plan(HEADER), " ", "Hello", "", "").rejection())
				.isEqualTo("the key column \"sku\" is empty; give every row a key");
		}

		@Test
		void aHugeKeyIsRejectedAndShortenedForTheResults() {
			MappedRow row = map(plan(HEADER), "k".repeat(5_000_000), "Hello", "", "");

			assertThat(row.rejection()).startsWith("the key column \"sku\" holds 5000000 characters; a key has at most 200");
			assertThat(row.key()).hasSize(200).endsWith("...");
		}

		@Test
		void aDesignIdThatIsNotAUuidIsRejectedAndNotRecorded() {
			MappedRow row = map(plan(List.of("sku", "design_id", "tb-text_0.payload")), "A1", "product-card", "Hello");

			assertThat(row.rejection()).startsWith("design_id \"product-card\" is not a design id (a UUID such as ");
			assertThat(row.designId()).isNull();
			assertThat(row.formats()).containsExactly("facebook-feed", "instagram-post");
		}

		@Test
		void aDesignIdTheApiDoesNotKnowIsRejectedWithTheApisMessage() {
			MappedRow row = map(plan(List.of("sku", "design_id", "tb-text_0.payload")), "A1", MISSING, "Hello");

			assertThat(row.rejection()).isEqualTo("design_id " + MISSING + " was not found (Design not found); check the "
					+ "id and that the API key's workspace owns it");
		}

		@Test
		void anUnknownFormatNamesTheDesignsFormatsAndShowsOnlyOneUnknownLine() {
			RunPlan plan = plan(List.of("sku", "formats", "tb-text_0.payload"));

			MappedRow row = map(plan, "A1", "facebook-feed|skyscraper|" + "z".repeat(1000) + "|instagram-post", "Hi");

			assertThat(row.rejection()).isEqualTo("format \"skyscraper\" is not in design \"Product card\"; its formats: "
					+ "facebook-feed, instagram-post, medium-rectangle");
			assertThat(row.formats()).containsExactly("facebook-feed", "skyscraper", "instagram-post");
		}

		@Test
		void everyValueProblemOfTheRowIsGivenAtOnce() {
			MappedRow row = map(plan(HEADER), "A1", "x".repeat(2049), "red", "javascript:alert(1)");

			assertThat(row.rejection()).isEqualTo("tb-text_0.payload: text of 2049 characters; at most 2048 are allowed; "
					+ "root.background_color: \"red\" is not a colour; use 6- or 8-digit hex like #1A47FF; "
					+ "tb-image_0.image_url: \"javascript:alert(1)\" is not an absolute http(s) URL");
			assertThat(row.elements()).isEmpty();
			assertThat(row.elementsHash()).isNull();
		}

		@Test
		void aCmykColourIsRejectedOnAScreenDesign() {
			assertThat(map(plan(HEADER), "A1", "Hi", "cmyk(0,100,100,0)", "").rejection())
				.startsWith("root.background_color: \"cmyk(0,100,100,0)\" is not a colour");
		}

	}

	@Nested
	class TheElementsHash {

		@Test
		void isTheSameForTheSameElementsInAnyColumnOrder() {
			RunPlan plan = plan(HEADER);
			RunPlan reordered = plan(List.of("tb-image_0.image_url", "root.background_color", "sku", "tb-text_0.payload"),
					MappingFile.Spec.empty(), List.of("facebook-feed", "instagram-post"), 2);

			MappedRow row = map(plan, "A1", "Hello", "#FF0000", "https://img.example/a.png");
			MappedRow same = map(reordered, "https://img.example/a.png", "#FF0000", "A1", "Hello");

			assertThat(same.key()).isEqualTo("A1");
			assertThat(same.elementsHash()).isEqualTo(row.elementsHash()).hasSize(64);
		}

		@Test
		void differsWhenAnyValueDiffers() {
			RunPlan plan = plan(HEADER);
			String hash = map(plan, "A1", "Hello", "#FF0000", "https://img.example/a.png").elementsHash();

			assertThat(List.of(map(plan, "A1", "Hello!", "#FF0000", "https://img.example/a.png"),
					map(plan, "A1", "Hello", "#FF0001", "https://img.example/a.png"),
					map(plan, "A1", "Hello", "#FF0000", "https://img.example/b.png"),
					map(plan, "A1", "Hello", "", "https://img.example/a.png")))
				.extracting(MappedRow::elementsHash)
				.doesNotContain(hash)
				.doesNotHaveDuplicates();
		}

		@Test
		void differsWhenAValueMovesToAnotherProperty() {
			assertThat(RunPlan.hash(Map.of("tb-text_0", Map.of("payload", "x"))))
				.isNotEqualTo(RunPlan.hash(Map.of("tb-text_0", Map.of("color", "x"))))
				.isNotEqualTo(RunPlan.hash(Map.of("tb-text_1", Map.of("payload", "x"))));
		}

		@Test
		void doesNotDependOnTheKey() {
			RunPlan plan = plan(HEADER);

			assertThat(map(plan, "A1", "Hello", "", "").elementsHash())
				.isEqualTo(map(plan, "B2", "Hello", "", "").elementsHash());
		}

	}

	static RunPlan plan(List<String> header) {
		return plan(header, MappingFile.Spec.empty(), List.of("facebook-feed", "instagram-post"));
	}

	static RunPlan plan(List<String> header, MappingFile.Spec spec, List<String> defaultFormats) {
		return plan(header, spec, defaultFormats, -1);
	}

	static RunPlan plan(List<String> header, MappingFile.Spec spec, List<String> defaultFormats, int keyColumn) {
		Path input = Path.of("catalog.csv");
		String key = (keyColumn >= 0) ? header.get(keyColumn) : null;
		ColumnMapping columns = ColumnMapping.resolve(input, 1, header, spec, key);
		return new RunPlan(new PlanRequest(input, ',', null, DESIGN, defaultFormats, key), columns, DESIGNS,
				Map.of(MISSING, "Design not found"), DESIGN, defaultFormats);
	}

	static MappingFile.Spec spec(Map<String, ElementProperty> columns, Map<ElementProperty, String> constants) {
		return new MappingFile.Spec(null, null, List.of(), columns, new LinkedHashMap<>(constants), Map.of(),
				Path.of("mapping.yml"));
	}

	static MappedRow map(RunPlan plan, String... values) {
		return plan.map(new InputRow(1, 2, List.of(values)));
	}

	static Design design(String id, String name, String type, String... formats) {
		Map<String, Design.Element> elements = new LinkedHashMap<>();
		elements.put("root", new Design.Element("root", "container", Set.of("background_color")));
		elements.put("tb-text_0", new Design.Element("tb-text_0", "text", Set.of("payload", "color")));
		elements.put("tb-image_0", new Design.Element("tb-image_0", "image", Set.of("image_url")));
		elements.put("group_0", new Design.Element("group_0", "group", Set.of()));
		return new Design(id, name, type, 0,
				List.of(formats).stream().map((format) -> new Design.Format(format, 100, 100, "px")).toList(), elements);
	}

}
