package io.bannerbatch.reliability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A test of the packaged jar in processes of its own: it runs under failsafe, after {@code package}, which names the
 * jar in {@code bannerbatch.jar}. A {@code -Dtest=...} pattern that also matches it in surefire (before the jar
 * exists, or with last build's jar) leaves it to failsafe instead of testing a stale or missing jar.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfSystemProperty(named = "bannerbatch.jar", matches = ".+",
		disabledReason = "runs under failsafe, against the jar that package just built")
@interface PackagedJarTest {

}
