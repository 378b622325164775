package io.bannerbatch.abyssale;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How bannerbatch talks to the API. Defaults live here and only here; the command line sets them as properties.
 *
 * @param url base URL; the client never knows whether it is Abyssale, WireMock or the sandbox
 * @param rateLimit requests per second across all calls (the documented limit is 5)
 * @param concurrency calls in flight at once; the rate limit, not this, bounds the pace
 * @param connectTimeout connection timeout
 * @param readTimeout how long one response may take
 * @param maxRetries retries of a transient failure (5xx, timeout, connection reset) before the run fails resumably
 * @param retryDelay the first backoff of a transient failure; it doubles, with jitter, up to 30 s
 * @param maxRetryWait the longest {@code Retry-After} waited for; longer stops the run resumably
 * @param retryUncertain whether a generate POST answered 5xx or timed out is retried (it may have been billed)
 */
@ConfigurationProperties("bannerbatch.api")
public record ApiSettings(@DefaultValue("https://api.abyssale.com") URI url, @DefaultValue("5") double rateLimit,
		@DefaultValue("8") int concurrency, @DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("60s") Duration readTimeout, @DefaultValue("6") int maxRetries, @DefaultValue("1s") Duration retryDelay,
		@DefaultValue("5m") Duration maxRetryWait, @DefaultValue("true") boolean retryUncertain) {
}
