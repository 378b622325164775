package io.bannerbatch;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.bannerbatch.cli.Cli;

/**
 * bannerbatch: a CSV in, Abyssale banners out. {@code main} parses the command line first and starts Spring only for
 * a command that needs it.
 */
@SpringBootApplication
public class BannerBatchApplication {

	public static void main(String[] args) {
		System.exit(Cli.execute(args));
	}

}
