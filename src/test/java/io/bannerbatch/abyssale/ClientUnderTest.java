package io.bannerbatch.abyssale;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The client wired as {@link AbyssaleClientConfiguration} wires it (the JDK HTTP client, one limiter, one set of
 * counts) against a test server, with waits sized for tests. A test changes only the settings its situation needs.
 */
final class ClientUnderTest {

	/** Long and unlike any other text in a message, so that finding it anywhere proves a leak. */
	static final String API_KEY = "sk-live-7f3a9c1e52b84d6f";

	private final String baseUrl;

	private double rateLimit = 1000;

	private int maxRetries = 2;

	private Duration maxRetryWait = Duration.ofSeconds(3);

	private boolean retryUncertain = true;

	private Duration readTimeout = Duration.ofSeconds(10);

	private final ApiCallCounts counts = new ApiCallCounts();

	private AbyssaleClient client;

	private ClientUnderTest(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	static ClientUnderTest against(String baseUrl) {
		return new ClientUnderTest(baseUrl);
	}

	ClientUnderTest rateLimit(double requestsPerSecond) {
		this.rateLimit = requestsPerSecond;
		return this;
	}

	ClientUnderTest maxRetries(int maxRetries) {
		this.maxRetries = maxRetries;
		return this;
	}

	ClientUnderTest maxRetryWait(Duration maxRetryWait) {
		this.maxRetryWait = maxRetryWait;
		return this;
	}

	ClientUnderTest retryUncertain(boolean retryUncertain) {
		this.retryUncertain = retryUncertain;
		return this;
	}

	ClientUnderTest readTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
		return this;
	}

	AbyssaleClient client() {
		if (this.client == null) {
			ApiSettings settings = new ApiSettings(URI.create(this.baseUrl), this.rateLimit, 1, Duration.ofSeconds(1),
					this.readTimeout, this.maxRetries, Duration.ofMillis(10), this.maxRetryWait, this.retryUncertain);
			JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
					HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build());
			requestFactory.setReadTimeout(settings.readTimeout());
			// strict on purpose: tolerance of unknown fields must come from the records, not from a lenient mapper
			JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
			this.client = new AbyssaleClient(RestClient.builder().requestFactory(requestFactory).build(), settings,
					ApiKey.of(API_KEY), json, new RateLimiter(this.rateLimit, this.maxRetryWait, this.counts), this.counts);
		}
		return this.client;
	}

	ApiCallCounts.Snapshot counts() {
		return this.counts.snapshot();
	}

}
