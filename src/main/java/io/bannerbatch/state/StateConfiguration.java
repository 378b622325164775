package io.bannerbatch.state;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The run lock that fits the state database: PostgreSQL's advisory lock, or H2's file lock. */
@Configuration(proxyBeanMethods = false)
class StateConfiguration {

	@Bean
	RunLock runLock(Environment environment) {
		String url = environment.getProperty("spring.datasource.url", "");
		if (url.startsWith(StateDatabase.POSTGRESQL_PREFIX)) {
			return PostgresRunLock.of(url, environment.getProperty("spring.datasource.username"),
					environment.getProperty("spring.datasource.password"));
		}
		return new StateDirectoryRunLock();
	}

}
