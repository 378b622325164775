package io.bannerbatch.abyssale;

import java.net.http.HttpClient;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** Wires the one client, the one limiter and the counts. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiSettings.class)
class AbyssaleClientConfiguration {

	@Bean
	ApiCallCounts apiCallCounts() {
		return new ApiCallCounts();
	}

	@Bean
	RateLimiter rateLimiter(ApiSettings settings, ApiCallCounts counts) {
		return new RateLimiter(settings.rateLimit(), settings.maxRetryWait(), counts);
	}

	/** The key from the environment; a caller that must supply one (the sandbox, a test) registers its own. */
	@Bean
	@ConditionalOnMissingBean
	ApiKey apiKey() {
		return ApiKey.fromEnvironment();
	}

	@Bean
	AbyssaleClient abyssaleClient(RestClient.Builder builder, ApiSettings settings, ApiKey apiKey, JsonMapper json,
			RateLimiter rateLimiter, ApiCallCounts counts) {
		// the JDK client explicitly: Boot would pick Apache's whenever it is on the classpath (tests), and then tests
		// and production would differ
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				// HTTP/1.1: over HTTP/2 every call in flight shares one connection, and one reset would make every
				// generate in flight an uncertain submission
				HttpClient.newBuilder()
					.version(HttpClient.Version.HTTP_1_1)
					.connectTimeout(settings.connectTimeout())
					.build());
		requestFactory.setReadTimeout(settings.readTimeout());
		RestClient http = builder.clone().requestFactory(requestFactory).build();
		return new AbyssaleClient(http, settings, apiKey, json, rateLimiter, counts);
	}

}
