package io.bannerbatch.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PropertyRulesTests {

	static final ElementProperty BACKGROUND = new ElementProperty("root", "background_color");

	static final ElementProperty STROKE = new ElementProperty("tb-text_0", "stroke_color");

	static final ElementProperty IMAGE = new ElementProperty("tb-image_0", "image_url");

	static final ElementProperty PAYLOAD = new ElementProperty("tb-text_0", "payload");

	@ParameterizedTest
	@ValueSource(strings = { "#1A47FF", "#1a47ff", "#1A47FF80", "linear-gradient(0% 0% 100% 0%,0% #0a68ff 1,100% #ff0000 1)" })
	void hexAndGradientColoursAreAcceptedOnEveryDesign(String colour) {
		assertThat(PropertyRules.problem(BACKGROUND, colour, false)).isNull();
		assertThat(PropertyRules.problem(STROKE, colour, true)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "cmyk(0,100,100,0)", "CMYK(0, 100, 100, 0)", "cmyk(0.5,1,2,3)", "cmyka(0,100,100,0,1)" })
	void cmykColoursAreAcceptedOnPrintDesignsOnly(String colour) {
		assertThat(PropertyRules.problem(BACKGROUND, colour, true)).isNull();
		assertThat(PropertyRules.problem(BACKGROUND, colour, false)).isEqualTo("root.background_color: \"" + colour
				+ "\" is not a colour; use 6- or 8-digit hex like #1A47FF");
	}

	@ParameterizedTest
	@ValueSource(strings = { "red", "#FFF", "#1A47F", "#1A47FF8", "1A47FF", "rgb(255,0,0)", "cmyk(0,100,100)", "#GGGGGG" })
	void anythingElseIsNotAColour(String colour) {
		assertThat(PropertyRules.problem(BACKGROUND, colour, true)).isEqualTo("root.background_color: \"" + colour
				+ "\" is not a colour; use 6- or 8-digit hex like #1A47FF or cmyk(c,m,y,k) / cmyka(c,m,y,k,a)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://img.example/a.png", "http://img.example/a.png?w=1&h=2", "HTTPS://IMG.EXAMPLE/A.PNG",
			"https://img.example/zürich.png" })
	void absoluteHttpUrlsAreAccepted(String url) {
		assertThat(PropertyRules.problem(IMAGE, url, false)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "javascript:alert(1)", "file:///etc/passwd", "/images/a.png", "images/a.png",
			"ftp://img.example/a.png", "https:///a.png", "data:image/png;base64,iVBORw0KGgo=", "//img.example/a.png" })
	void otherUrlsAreRefused(String url) {
		assertThat(PropertyRules.problem(IMAGE, url, false))
			.isEqualTo("tb-image_0.image_url: \"" + url + "\" is not an absolute http(s) URL");
	}

	@Test
	void aUrlWithASpaceSaysHowToWriteIt() {
		assertThat(PropertyRules.problem(IMAGE, "https://img.example/a b.png", false))
			.endsWith("is not an absolute http(s) URL (write a space as %20)");
	}

	@Test
	void aPayloadOf2048CharactersIsAcceptedAnd2049Refused() {
		assertThat(PropertyRules.problem(PAYLOAD, "x".repeat(2048), false)).isNull();
		assertThat(PropertyRules.problem(PAYLOAD, "x".repeat(2049), false))
			.isEqualTo("tb-text_0.payload: text of 2049 characters; at most 2048 are allowed");
	}

	@Test
	void aPayloadCountsAnEmojiAsOneCharacter() {
		assertThat(PropertyRules.problem(PAYLOAD, "\uD83D\uDE00".repeat(2048), false)).isNull();
		assertThat(PropertyRules.problem(PAYLOAD, "\uD83D\uDE00".repeat(2049), false)).contains("text of 2049 characters");
	}

	@Test
	void aLongValueIsAbbreviatedInTheReasonWithoutSplittingAnEmoji() {
		String problem = PropertyRules.problem(BACKGROUND, "a".repeat(76) + "\uD83D\uDE00".repeat(10), false);

		assertThat(problem).startsWith("root.background_color: \"" + "a".repeat(76) + "...\"");
	}

	@Test
	void coloursAndUrlsAreSentWithoutTheSpacesAroundThem() {
		assertThat(PropertyRules.check(BACKGROUND, "  #FF0000 ", false).value()).isEqualTo("#FF0000");
		assertThat(PropertyRules.check(IMAGE, "\thttps://img.example/a.png ", false).value())
			.isEqualTo("https://img.example/a.png");
		assertThat(PropertyRules.check(PAYLOAD, "  spaced  ", false).value()).isEqualTo("  spaced  ");
	}

	@Test
	void propertiesWithoutADocumentedRuleAreLeftToTheApi() {
		assertThat(PropertyRules.problem(new ElementProperty("tb-text_0", "font_size"), "huge", false)).isNull();
	}

}
