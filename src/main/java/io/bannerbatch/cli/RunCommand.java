package io.bannerbatch.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.bannerbatch.abyssale.ApiCallCounts;
import io.bannerbatch.abyssale.AbyssaleException;
import io.bannerbatch.abyssale.ApiKey;
import io.bannerbatch.csv.CsvDialect;
import io.bannerbatch.csv.CsvFiles;
import io.bannerbatch.mapping.Preflight;
import io.bannerbatch.csv.InputProblem;
import io.bannerbatch.job.BannerRun;
import io.bannerbatch.job.ExitCode;
import io.bannerbatch.job.Progress;
import io.bannerbatch.job.RunRequest;
import io.bannerbatch.job.StopSignal;
import io.bannerbatch.mapping.PlanRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import io.bannerbatch.sandbox.SandboxOptions;

/** {@code bannerbatch run}: the job. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Generates one banner per row and format of a CSV, writes the results, requests one export.",
				"The API key is read from the environment variable ABYSSALE_API_KEY only.",
				"Running the same command again resumes a failed or stopped run; rows already submitted are never "
						+ "submitted again." },
		exitCodeListHeading = "Exit codes:%n",
		exitCodeList = { "0:completed, every line GENERATED", "1:failed or stopped; the same command resumes it",
				"2:bad command line, configuration or input; nothing generated",
				"3:completed, some lines FAILED or REJECTED", "4:another process is running this run" })
class RunCommand implements Callable<Integer> {

	@Option(names = "--input", required = true, paramLabel = "FILE", description = "The CSV, UTF-8 (a BOM is fine).")
	Path input;

	@Option(names = "--output", paramLabel = "FILE",
			description = "The results CSV. Default: <input name without .csv>.results.csv in the current directory.")
	Path output;

	@Option(names = "--design", paramLabel = "UUID",
			description = "The design (template) id. Optional when the mapping names one or every row has a design_id.")
	String design;

	@Option(names = "--formats", paramLabel = "NAME", split = ",",
			description = "Format names, comma-separated. Default: every format of the design.")
	List<String> formats = new ArrayList<>();

	@Option(names = "--mapping", paramLabel = "FILE", description = "YAML mapping of columns to element properties.")
	Path mapping;

	@Option(names = "--key-column", paramLabel = "NAME", description = "The column that identifies a row. Default: the first column.")
	String keyColumn;

	@Option(names = "--delimiter", paramLabel = "C", defaultValue = ",",
			description = "The input's delimiter: , ; or \\t. Default: ${DEFAULT-VALUE}")
	String delimiter;

	@Option(names = "--api-url", paramLabel = "URL", defaultValue = "https://api.abyssale.com",
			description = "The API's base URL. Default: ${DEFAULT-VALUE}")
	String apiUrl;

	@Option(names = "--rate-limit", paramLabel = "N", defaultValue = "5",
			description = "Requests per second across all calls. Default: ${DEFAULT-VALUE} (the documented limit).")
	double rateLimit;

	@Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
			description = "Calls in flight at once; the rate limit sets the pace. Default: ${DEFAULT-VALUE}")
	int concurrency;

	@Option(names = "--generation-timeout", paramLabel = "DURATION", defaultValue = "15m",
			description = "A generation not finalized this long after submission is FAILED (timed out). Default: ${DEFAULT-VALUE}")
	Duration generationTimeout;

	@Option(names = "--max-retry-wait", paramLabel = "DURATION", defaultValue = "5m",
			description = "The longest Retry-After to wait for; a longer one stops the run resumably. Default: ${DEFAULT-VALUE}")
	Duration maxRetryWait;

	@Option(names = "--no-retry-uncertain",
			description = "Do not retry a generate call answered 5xx or timed out (it may have been billed): fail the row instead.")
	boolean noRetryUncertain;

	@Option(names = "--export-callback-url", paramLabel = "URL", description = "Passed as the export's callback_url.")
	String exportCallbackUrl;

	@Option(names = "--dry-run",
			description = "Check everything and print the estimate and the rejected rows; generate nothing. "
					+ "Exit 0, or 3 when rows would be rejected.")
	boolean dryRun;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "0",
			description = "Process only the first N rows (a preview). Default: every row.")
	long limit;

	@Option(names = "--max-generations", paramLabel = "N", defaultValue = "-1",
			description = "Refuse (exit 2, nothing spent) a run that would make more than N generation requests.")
	long maxGenerations;

	@Option(names = "--no-reuse",
			description = "Generate every row anew, even when a banner for the identical request is already stored.")
	boolean noReuse;

	@Option(names = "--reuse-max-age", paramLabel = "DURATION",
			description = "Do not reuse stored banners older than this (for image URLs that keep their name when the "
					+ "picture changes). Default: any age.")
	Duration reuseMaxAge;

	@Option(names = "--export", paramLabel = "all|new|none", defaultValue = "all",
			description = "Which banners the export holds: all (reused ones too: the whole catalog), new (generated in "
					+ "this run), none. Default: ${DEFAULT-VALUE}")
	String export;

	@Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "30s",
			description = "When not on a terminal (cron), print one progress line this often. Default: ${DEFAULT-VALUE}")
	Duration progressInterval;

	@Option(names = "--new-run", description = "Run again an input that already completed (a failed or stopped run is still resumed).")
	boolean newRun;

	@Option(names = "--sandbox",
			description = "Run against the built-in offline emulator, started in this process on a free port (any "
					+ "ABYSSALE_API_KEY, or none). Its options below.")
	boolean sandbox;

	@Mixin
	StateOptions state;

	@Mixin
	SandboxOptions sandboxOptions;

	@Spec
	CommandSpec spec;

	private final Invocation invocation;

	RunCommand(Invocation invocation) {
		this.invocation = invocation;
	}

	@Override
	public Integer call() {
		PrintStream out = this.invocation.out();
		PrintStream err = this.invocation.err();
		ApiKey apiKey = ApiKey.of(this.invocation.variable(ApiKey.ENVIRONMENT_VARIABLE));
		if (this.sandbox) {
			return DemoSandbox.run(this.sandboxOptions, !this.spec.commandLine().getParseResult().hasMatchedOption("--port"),
					apiKey, out, (key, url) -> execute(key, url, out, err), this.output(), err);
		}
		if (apiKey.isMissing()) {
			err.println(ApiKey.ENVIRONMENT_VARIABLE + " is not set: export " + ApiKey.ENVIRONMENT_VARIABLE
					+ "=<your key> (Abyssale: Settings → API), then run the same command again.");
			return ExitCode.BAD_INPUT.code();
		}
		return execute(apiKey, this.apiUrl, out, err);
	}

	int execute(ApiKey apiKey, String apiUrl, PrintStream out, PrintStream err) {
		try {
			RunRequest request = request();
			// everything the files alone can tell, before a Spring context and a database are started
			if (Files.exists(request.output()) && Files.isSameFile(request.output(), request.plan().input())) {
				throw new InputProblem("--output=" + request.output() + ": is the input file; choose another --output");
			}
			CsvFiles.checkWritable(request.output());
			Preflight.Draft draft = Preflight.read(request.plan());
			try (ConfigurableApplicationContext context = SpringContexts.start(this.state,
					this.invocation.environment(), properties(apiUrl), apiKey)) {
				OwnerFile.claim(this.state.stateDir);
				StopSignals.install(context.getBean(StopSignal.class), err);
				try (ProgressDisplay progress = ProgressDisplay.start(context.getBean(Progress.class),
						context.getBean(ApiCallCounts.class), out, this.progressInterval)) {
					return context.getBean(BannerRun.class).run(request, draft, out, err).code();
				}
			}
		}
		catch (InputProblem problem) {
			err.println(problem.getMessage());
			debug(problem, err);
			return ExitCode.BAD_INPUT.code();
		}
		catch (AbyssaleException.UnauthorizedException ex) {
			// refused before anything was submitted: a configuration problem, not a run to resume
			err.println("The API refused the key (" + ex.apiMessage() + "): set " + ApiKey.ENVIRONMENT_VARIABLE
					+ " to a valid key with API access. Nothing was generated.");
			debug(ex, err);
			return ExitCode.BAD_INPUT.code();
		}
		catch (SpringContexts.StateInUseException ex) {
			err.println(ex.getMessage());
			debug(ex, err);
			return ExitCode.ALREADY_RUNNING.code();
		}
		catch (Exception ex) {
			err.println("bannerbatch failed: " + ex.getMessage() + " (--debug shows details). Run the same command again"
					+ " to resume.");
			debug(ex, err);
			return ExitCode.RESUMABLE.code();
		}
	}

	private Path output() {
		return ((this.output != null) ? this.output : Path.of(stem(this.input) + ".results.csv")).toAbsolutePath()
			.normalize();
	}

	private RunRequest request() {
		if (!java.util.Set.of("all", "new", "none").contains(this.export.toLowerCase(java.util.Locale.ROOT))) {
			throw new InputProblem("--export=" + this.export + ": use all, new or none");
		}
		char delimiterChar = CsvDialect.parseDelimiter(this.delimiter);
		Path outputPath = output();
		PlanRequest plan = new PlanRequest(this.input.toAbsolutePath().normalize(), delimiterChar,
				(this.mapping != null) ? this.mapping.toAbsolutePath().normalize() : null, this.design,
				List.copyOf(this.formats), this.keyColumn);
		if (this.limit < 0) {
			throw new InputProblem("--limit=" + this.limit + ": give a number of rows, 1 or more");
		}
		return new RunRequest(plan, outputPath.toAbsolutePath().normalize(), this.exportCallbackUrl, this.newRun,
				CommandText.current(), this.limit, this.dryRun, this.maxGenerations);
	}

	private Map<String, String> properties(String apiUrl) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("bannerbatch.api.url", apiUrl);
		properties.put("bannerbatch.api.rate-limit", Double.toString(this.rateLimit));
		properties.put("bannerbatch.api.concurrency", Integer.toString(this.concurrency));
		properties.put("bannerbatch.api.max-retry-wait", Durations.format(this.maxRetryWait));
		properties.put("bannerbatch.api.retry-uncertain", Boolean.toString(!this.noRetryUncertain));
		properties.put("bannerbatch.job.generation-timeout", Durations.format(this.generationTimeout));
		properties.put("bannerbatch.job.reuse", Boolean.toString(!this.noReuse));
		if (this.reuseMaxAge != null) {
			properties.put("bannerbatch.job.reuse-max-age", Durations.format(this.reuseMaxAge));
		}
		properties.put("bannerbatch.job.export", this.export);
		return properties;
	}

	private static String stem(Path input) {
		String name = input.getFileName().toString();
		return name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
	}

	private void debug(Exception ex, PrintStream err) {
		if (this.state.debug) {
			ex.printStackTrace(err);
		}
	}

}
