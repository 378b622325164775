package io.bannerbatch.sandbox;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The options as a command mixes them in: defaults, parsing, and the help text.
 */
class SandboxOptionsTests {

	@Command(name = "sandbox", mixinStandardHelpOptions = true)
	static class SandboxCommand {

		@Mixin
		SandboxOptions sandbox;

	}

	private static SandboxSettings parse(String... args) {
		SandboxCommand command = new SandboxCommand();
		new CommandLine(command).parseArgs(args);
		return command.sandbox.toSettings();
	}

	@Test
	void defaultsToTheSettingsDefaultsOnPort8089() {
		assertThat(parse()).isEqualTo(SandboxSettings.defaults().withPort(8089));
	}

	@Test
	void readsEveryOption() {
		SandboxSettings settings = parse("--port=0", "--sandbox-rate-limit=2.5", "--sandbox-min-duration=500ms",
				"--sandbox-max-duration=PT2S", "--sandbox-format-failure-rate=0.1", "--sandbox-server-error-rate=0.2",
				"--sandbox-slow-call-rate=0.3", "--sandbox-slow-call-delay=1m30s", "--sandbox-seed=7",
				"--api-style=DOCUMENTED", "--sandbox-api-key=secret", "--sandbox-credits-after=100",
				"--sandbox-expire-after=7d", "--sandbox-not-in-plan=animated,video");
		assertThat(settings).isEqualTo(new SandboxSettings(0, 2.5, Duration.ofMillis(500), Duration.ofSeconds(2), 0.1,
				0.2, 0.3, Duration.ofSeconds(90), 7, ApiStyle.DOCUMENTED, "secret", 100, Duration.ofDays(7),
				Set.of("animated", "video")));
	}

	@Test
	void rejectsADurationItCannotRead() {
		assertThatIllegalArgumentException().isThrownBy(() -> SandboxOptions.DurationConverter.parse("5 seconds"))
			.withMessageContaining("500ms");
		assertThat(new CommandLine(new SandboxCommand()).execute("--sandbox-min-duration=soon")).isEqualTo(2);
	}

	@Test
	void rejectsAMinimumAboveTheMaximum() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse("--sandbox-min-duration=5s", "--sandbox-max-duration=1s"))
			.withMessageContaining("maxDuration");
	}

	@Test
	void showsEveryDefaultInTheHelp() {
		String usage = new CommandLine(new SandboxCommand()).getUsageMessage().replaceAll("\\s+", " ");
		assertThat(usage).contains("--sandbox-rate-limit", "Default: 5.", "Default: 1s.", "Default: 6s.",
				"Default: current.", "Default: never.", "Default: none.", "Default: 8089.", "Default: 42.");
		assertThat(usage).doesNotContain("${DEFAULT-VALUE}", "Default: null");
	}

}
