package io.bannerbatch.abyssale;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/** The JSON examples under {@code __files/abyssale/}, served over HTTP with the status they come with. */
final class Fixtures {

	private Fixtures() {
	}

	static ResponseDefinitionBuilder fixture(int status, String name) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBodyFile("abyssale/" + name);
	}

	static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

}
