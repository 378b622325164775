package io.bannerbatch.mapping;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.bannerbatch.csv.InputProblem;
import io.bannerbatch.csv.Location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ColumnMappingTests {

	static final Path INPUT = Path.of("catalog.csv");

	static final Path MAPPING = Path.of("mapping.yml");

	static final ElementProperty PAYLOAD = new ElementProperty("tb-text_0", "payload");

	@Test
	void mapsHeaderColumnsNamedElementDotPropertyAndTheMappingsColumns() {
		ColumnMapping columns = resolve(List.of("sku", "title", "design_id", "formats", "root.background_color", "notes"),
				mapping(Map.of("title", PAYLOAD)), null);

		assertThat(columns.columns()).containsOnly(Map.entry(1, PAYLOAD),
				Map.entry(4, new ElementProperty("root", "background_color")));
		assertThat(columns.keyColumn()).isZero();
		assertThat(columns.designColumn()).isEqualTo(2);
		assertThat(columns.formatsColumn()).isEqualTo(3);
		assertThat(columns.origin(PAYLOAD)).isEqualTo("mapping.yml: line 4, column 10: columns.title → tb-text_0.payload");
	}

	@Test
	void aMappedColumnMissingFromTheHeaderNamesTheMappingLineAndTheNearestColumn() {
		assertThatExceptionOfType(InputProblem.class)
			.isThrownBy(() -> resolve(List.of("sku", "title"), mapping(Map.of("titel", PAYLOAD)), null))
			.withMessage("mapping.yml: line 4, column 10: column \"titel\" is not in the header of catalog.csv (did you "
					+ "mean \"title\"?) (line 1: sku, title); fix the name, or remove the line");
	}

	@Test
	void twoColumnsSettingOnePropertyAreRefused() {
		assertThatExceptionOfType(InputProblem.class)
			.isThrownBy(() -> resolve(List.of("sku", "title", "tb-text_0.payload"), mapping(Map.of("title", PAYLOAD)), null))
			.withMessage("catalog.csv: line 1, column 3: column tb-text_0.payload: sets tb-text_0.payload, as does "
					+ "mapping.yml: line 4, column 10: columns.title → tb-text_0.payload; keep one of them");
	}

	@Test
	void aKeyColumnMissingFromTheHeaderNamesTheOption() {
		assertThatExceptionOfType(InputProblem.class)
			.isThrownBy(() -> resolve(List.of("sku", "tb-text_0.payload"), MappingFile.Spec.empty(), "SKU "))
			.withMessage("--key-column=SKU : the key column \"SKU \" is not in the header of catalog.csv (did you mean "
					+ "\"sku\"?) (line 1: sku, tb-text_0.payload)");
	}

	@Test
	void aHeaderMappingNothingAsksWhetherItIsAHeader() {
		assertThatExceptionOfType(InputProblem.class)
			.isThrownBy(() -> resolve(List.of("A1", "Hello", "#FF0000", "https://img.example/a.png"),
					MappingFile.Spec.empty(), null))
			.withMessageStartingWith("catalog.csv: line 1: no column maps to a design element; is this line a header?");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tb-text_0.payload", "root.background_color", "Logo_1.image_url",
			"group.inner.tb-text_0.font_size" })
	void theseLookLikeElementProperties(String name) {
		assertThat(ElementProperty.looksLikeOne(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://img.example/a.png", "sku;tb-text_0.payload", "3.14", "v1.2", "name@example.com",
			"Mr. Smith", "title", "payload.", ".payload", "#FF0000.x" })
	void theseDoNot(String name) {
		assertThat(ElementProperty.looksLikeOne(name)).isFalse();
	}

	private static ColumnMapping resolve(List<String> header, MappingFile.Spec spec, String keyOption) {
		return ColumnMapping.resolve(INPUT, 1, header, spec, keyOption);
	}

	private static MappingFile.Spec mapping(Map<String, ElementProperty> columns) {
		Map<String, Location> locations = new LinkedHashMap<>();
		columns.keySet().forEach((column) -> locations.put("columns." + column, new Location(MAPPING, 4, 10)));
		return new MappingFile.Spec(null, null, List.of(), columns, Map.of(), locations, MAPPING);
	}

}
