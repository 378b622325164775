package io.bannerbatch.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.bannerbatch.abyssale.ApiKey;
import io.bannerbatch.csv.InputProblem;
import io.bannerbatch.job.ExitCode;
import io.bannerbatch.job.RunHistory;
import io.bannerbatch.state.StateDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bannerbatch status}: the recent runs, and how to resume one. */
@Command(name = "status", mixinStandardHelpOptions = true,
		description = "Lists the recent runs in the state directory: input, start, end, state, counts, and the command"
				+ " that resumes a failed or stopped run. Makes no API call.")
class StatusCommand implements Callable<Integer> {

	@Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "How many runs. Default: ${DEFAULT-VALUE}")
	int limit;

	@Mixin
	StateOptions state;

	private final Invocation invocation;

	StatusCommand(Invocation invocation) {
		this.invocation = invocation;
	}

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = SpringContexts.start(this.state,
				this.invocation.environment(), Map.of(), ApiKey.of(""))) {
			this.invocation.out().print(context.getBean(RunHistory.class).describe(this.limit));
			return 0;
		}
		catch (SpringContexts.StateInUseException ex) {
			this.invocation.err().println(ex.getMessage());
			return ExitCode.ALREADY_RUNNING.code();
		}
		catch (InputProblem problem) {
			this.invocation.err().println(problem.getMessage());
			return ExitCode.BAD_INPUT.code();
		}
		catch (StateDatabase.StateUnavailableException ex) {
			this.invocation.err().println(ex.getMessage());
			return ExitCode.RESUMABLE.code();
		}
	}

}
