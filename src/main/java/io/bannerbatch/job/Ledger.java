package io.bannerbatch.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.bannerbatch.abyssale.GenerationRequest;
import io.bannerbatch.mapping.MappedRow;


/**
 * The submission ledger, keyed by run and row: what was asked, what was paid for, what came back. Every write is its
 * own short transaction, never part of a chunk's: a chunk that rolls back must not forget a request that was paid for.
 * Everything else (resume, the results file, the export, the summary) is derived from it.
 */
@Repository
public class Ledger {

	static final String SUBMITTING = "SUBMITTING";

	static final String SUBMITTED = "SUBMITTED";

	static final String DONE = "DONE";

	static final String FAILED = "FAILED";

	static final String REJECTED = "REJECTED";

	private static final int MAX_TEXT = 4000;

	private static final String INSERT_LINE = "insert into bb_ledger_line (run_id, row_number, format_index, format, "
			+ "status, banner_id, file_type, file_url, cdn_url, width, height, error, reused) "
			+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	private final BannerStore bannerStore;

	Ledger(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, BannerStore bannerStore) {
		this.jdbc = jdbc;
		this.bannerStore = bannerStore;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	void startRun(long runId) {
		this.ownTransaction.executeWithoutResult((tx) -> {
			Integer known = this.jdbc.queryForObject("select count(*) from bb_run where run_id = ?", Integer.class, runId);
			if (known == null || known == 0) {
				this.jdbc.update("insert into bb_run (run_id, started_at) values (?, ?)", runId, now());
			}
		});
	}

	/** Row number → status, for the rows of one chunk: one query. */
	Map<Long, String> statuses(long runId, Collection<Long> rows) {
		Map<Long, String> statuses = new HashMap<>();
		if (rows.isEmpty()) {
			return statuses;
		}
		// a chunk's rows are consecutive: a range uses the primary key, where an IN list of 200 made H2 scan the run
		this.jdbc.query("select row_number, status from bb_ledger_row where run_id = ? and row_number between ? and ?",
				(rs) -> {
					statuses.put(rs.getLong(1), rs.getString(2));
				}, runId, Collections.min(rows), Collections.max(rows));
		statuses.keySet().retainAll(new java.util.HashSet<>(rows));
		return statuses;
	}

	/** A row settled without a call: rejected, or every one of its formats reused from the banner store. */
	record Settled(MappedRow row, Long designUpdatedAt, Map<String, StoredBanner> reused) {
	}

	/**
	 * Records the settled rows of a chunk in one transaction: a nightly run that reuses almost everything spends its
	 * time here, so it is batched.
	 */
	void recordSettled(long runId, List<Settled> settled) {
		if (settled.isEmpty()) {
			return;
		}
		List<Object[]> rowKeys = new ArrayList<>();
		List<Object[]> rows = new ArrayList<>();
		List<Object[]> lines = new ArrayList<>();
		for (Settled each : settled) {
			MappedRow row = each.row();
			rowKeys.add(new Object[] { runId, row.number() });
			rows.add(new Object[] { runId, row.number(), clip(row.key()), row.designId(), String.join("|", row.formats()),
					row.elementsHash(), row.isRejected() ? REJECTED : DONE, clip(row.rejection()), each.designUpdatedAt(),
					"" });
			for (int i = 0; i < row.formats().size(); i++) {
				String format = row.formats().get(i);
				Object[] line = row.isRejected() ? line(format, "REJECTED", row.rejection())
						: reusedLine(each.reused().get(format));
				lines.add(new Object[] { runId, row.number(), i, line[0], line[1], line[2], line[3], line[4], line[5],
						line[6], line[7], line[8], !row.isRejected() });
			}
		}
		this.ownTransaction.executeWithoutResult((tx) -> {
			this.jdbc.batchUpdate("delete from bb_ledger_line where run_id = ? and row_number = ?", rowKeys);
			this.jdbc.batchUpdate("delete from bb_ledger_row where run_id = ? and row_number = ?", rowKeys);
			this.jdbc.batchUpdate("insert into bb_ledger_row (run_id, row_number, row_key, design_id, formats, "
					+ "elements_hash, status, error, design_updated_at, submitted_formats) "
					+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
			this.jdbc.batchUpdate(INSERT_LINE, lines);
		});
	}

	/**
	 * Persist before acting: the row is known as being submitted before the call that may cost a credit, with the
	 * formats it sends; the formats it reuses get their lines now.
	 */
	void recordIntent(long runId, MappedRow row, Long designUpdatedAt, List<String> submittedFormats,
			Map<String, StoredBanner> reused) {
		this.ownTransaction.executeWithoutResult((tx) -> {
			if (this.jdbc.update("update bb_ledger_row set submitted_formats = ? where run_id = ? and row_number = ? "
					+ "and status = ?", String.join("|", submittedFormats), runId, row.number(), SUBMITTING) == 0) {
				insertRow(runId, row, SUBMITTING, null, designUpdatedAt, submittedFormats);
			}
			writeLines(runId, row.number(), row.formats(), List.copyOf(reused.keySet()),
					(format) -> reusedLine(reused.get(format)));
		});
	}

	/** The request certainly did not reach the API (refused key, no credits): as if never tried. */
	void forgetIntent(long runId, long row) {
		this.ownTransaction.executeWithoutResult((tx) -> this.jdbc
			.update("delete from bb_ledger_row where run_id = ? and row_number = ? and status = ?", runId, row, SUBMITTING));
	}

	void recordSubmitted(long runId, long row, String generationRequestId, Instant submittedAt, Instant firstPoll,
			int uncertainAttempts) {
		this.ownTransaction.executeWithoutResult((tx) -> this.jdbc.update(
				"update bb_ledger_row set status = ?, generation_request_id = ?, submitted_at = ?, next_poll_at = ?, "
						+ "uncertain_attempts = uncertain_attempts + ? where run_id = ? and row_number = ?",
				SUBMITTED, generationRequestId, Timestamp.from(submittedAt), Timestamp.from(firstPoll), uncertainAttempts,
				runId, row));
	}

	/** Every format the row sent fails with the same reason (formats it reused keep their lines). */
	void recordFailed(long runId, long row, List<String> formats, List<String> failedFormats, String error) {
		this.ownTransaction.executeWithoutResult((tx) -> {
			this.jdbc.update("update bb_ledger_row set status = ?, error = ?, finalized_at = ? where run_id = ? and row_number = ?",
					FAILED, clip(error), now(), runId, row);
			writeLines(runId, row, formats, failedFormats, (format) -> line(format, "FAILED", error));
		});
	}

	/**
	 * A finalized request: a GENERATED line for each banner, a FAILED line for each format error; each banner also
	 * goes into the banner store, in the same transaction.
	 */
	void recordFinalized(long runId, PendingRequest pending, GenerationRequest result) {
		Instant finalizedAt = Instant.now();
		this.ownTransaction.executeWithoutResult((tx) -> {
			this.jdbc.update(
					"update bb_ledger_row set status = ?, polls = polls + 1, finalized_at = ? where run_id = ? and row_number = ?",
					DONE, Timestamp.from(finalizedAt), runId, pending.row());
			writeLines(runId, pending.row(), pending.formats(), pending.submittedFormats(), (format) -> {
				Object[] line = lineFor(format, result);
				if ("GENERATED".equals(line[1]) && pending.elementsHash() != null) {
					this.bannerStore.remember(
							new BannerStore.Request(pending.designId(), pending.designUpdatedAt(), format,
									pending.elementsHash()),
							new StoredBanner(format, (String) line[2], (String) line[3], (String) line[4],
									(String) line[5], (String) line[6], (String) line[7],
									pending.generationRequestId(), finalizedAt));
				}
				return line;
			});
		});
	}

	void reschedule(long runId, long row, Instant nextPoll) {
		this.ownTransaction.executeWithoutResult((tx) -> this.jdbc.update(
				"update bb_ledger_row set polls = polls + 1, next_poll_at = ? where run_id = ? and row_number = ?",
				Timestamp.from(nextPoll), runId, row));
	}

	List<PendingRequest> dueForPoll(long runId, Instant now, int limit) {
		return this.jdbc.query(
				"select row_number, generation_request_id, formats, submitted_formats, design_id, design_updated_at, "
						+ "elements_hash, submitted_at, polls from bb_ledger_row "
						+ "where run_id = ? and status = ? and next_poll_at <= ? order by next_poll_at, row_number "
						+ "fetch first " + limit + " rows only",
				(rs, i) -> new PendingRequest(rs.getLong(1), rs.getString(2), splitFormats(rs.getString(3)),
						splitFormats(rs.getString(4)), rs.getString(5), rs.getLong(6), rs.getString(7),
						rs.getTimestamp(8).toInstant(), rs.getInt(9)),
				runId, SUBMITTED, Timestamp.from(now));
	}

	Optional<Instant> nextPoll(long runId) {
		Timestamp next = this.jdbc.queryForObject(
				"select min(next_poll_at) from bb_ledger_row where run_id = ? and status = ?", Timestamp.class, runId,
				SUBMITTED);
		return Optional.ofNullable(next).map(Timestamp::toInstant);
	}

	/** The banners of the GENERATED lines, reused ones included unless only the new ones are asked for. */
	List<String> generatedBannerIds(long runId, boolean onlyNew) {
		return this.jdbc.queryForList("select banner_id from bb_ledger_line where run_id = ? and status = 'GENERATED' "
				+ (onlyNew ? "and reused = false " : "") + "order by row_number, format_index", String.class, runId);
	}

	/** Row number → the first reason of its FAILED or REJECTED lines. */
	Map<Long, String> failures(long runId) {
		Map<Long, String> failures = new java.util.LinkedHashMap<>();
		this.jdbc.query("select row_number, error from bb_ledger_line where run_id = ? and status in ('FAILED', "
				+ "'REJECTED') order by row_number, format_index", (rs) -> {
					failures.putIfAbsent(rs.getLong(1), (rs.getString(2) != null) ? rs.getString(2) : "failed");
				}, runId);
		return failures;
	}

	/** The formats of the run's lines, in the order they first appear. */
	List<String> formats(long runId) {
		return this.jdbc.queryForList("select format from bb_ledger_line where run_id = ? and format <> '' "
				+ "group by format order by min(format_index), min(row_number)", String.class, runId);
	}

	Optional<String> exportId(long runId) {
		List<String> ids = this.jdbc.queryForList("select export_id from bb_run where run_id = ? and export_id is not null",
				String.class, runId);
		return ids.stream().findFirst();
	}

	void recordExport(long runId, String exportId, int banners) {
		this.ownTransaction.executeWithoutResult((tx) -> this.jdbc.update(
				"update bb_run set export_id = ?, export_banners = ?, export_requested_at = ? where run_id = ?", exportId,
				banners, now(), runId));
	}

	void addApiCalls(long runId, long calls) {
		this.ownTransaction.executeWithoutResult(
				(tx) -> this.jdbc.update("update bb_run set api_calls = api_calls + ? where run_id = ?", calls, runId));
	}

	long apiCalls(long runId) {
		List<Long> calls = this.jdbc.queryForList("select api_calls from bb_run where run_id = ?", Long.class, runId);
		return calls.isEmpty() ? 0 : calls.get(0);
	}

	/** Every results line of the run, in input order then requested format order, streamed. */
	void forEachLine(long runId, Consumer<ResultLine> consumer) {
		this.jdbc.query((connection) -> {
			var statement = connection.prepareStatement(
					"select r.row_number, r.row_key, r.design_id, l.format, l.status, l.banner_id, l.file_type, "
							+ "l.file_url, l.cdn_url, l.width, l.height, r.generation_request_id, l.error, l.reused "
							+ "from bb_ledger_row r join bb_ledger_line l on l.run_id = r.run_id and l.row_number = r.row_number "
							+ "where r.run_id = ? order by r.row_number, l.format_index");
			statement.setLong(1, runId);
			statement.setFetchSize(1000);
			return statement;
		}, (rs) -> {
			consumer.accept(resultLine(rs));
		});
	}

	/** Lines by status, rows by status: the summary's figures. */
	Counts counts(long runId) {
		Map<String, Long> lines = new HashMap<>();
		this.jdbc.query("select status, count(*) from bb_ledger_line where run_id = ? group by status",
				(rs) -> {
					lines.put(rs.getString(1), rs.getLong(2));
				}, runId);
		Map<String, Long> rows = new HashMap<>();
		this.jdbc.query("select status, count(*) from bb_ledger_row where run_id = ? group by status",
				(rs) -> {
					rows.put(rs.getString(1), rs.getLong(2));
				}, runId);
		Long requests = this.jdbc.queryForObject(
				"select count(*) from bb_ledger_row where run_id = ? and generation_request_id is not null", Long.class,
				runId);
		Long reused = this.jdbc.queryForObject(
				"select count(*) from bb_ledger_line where run_id = ? and status = 'GENERATED' and reused = true",
				Long.class, runId);
		Long uncertain = this.jdbc.queryForObject(
				"select coalesce(sum(uncertain_attempts), 0) from bb_ledger_row where run_id = ?", Long.class, runId);
		return new Counts(rows.values().stream().mapToLong(Long::longValue).sum(), rows.getOrDefault(REJECTED, 0L),
				(requests != null) ? requests : 0, lines.getOrDefault("GENERATED", 0L), lines.getOrDefault("FAILED", 0L),
				lines.getOrDefault("REJECTED", 0L), rows.getOrDefault(SUBMITTING, 0L) + rows.getOrDefault(SUBMITTED, 0L),
				(uncertain != null) ? uncertain : 0, (reused != null) ? reused : 0);
	}

	/**
	 * @param rows rows in the ledger
	 * @param rejectedRows rows never sent
	 * @param generationRequests rows with a generation request
	 * @param generatedLines GENERATED lines
	 * @param failedLines FAILED lines
	 * @param rejectedLines REJECTED lines
	 * @param unfinishedRows rows submitted or being submitted, not finalized
	 * @param uncertainSubmissions retries of a generate call that may each have been billed
	 * @param reusedLines GENERATED lines whose banner came from the store
	 */
	record Counts(long rows, long rejectedRows, long generationRequests, long generatedLines, long failedLines,
			long rejectedLines, long unfinishedRows, long uncertainSubmissions, long reusedLines) {
	}

	/** The run wrote {@code output} and completed: a later run writing the same output compares with it. */
	void recordCompleted(long runId, String output) {
		this.ownTransaction.executeWithoutResult((tx) -> this.jdbc
			.update("update bb_run set output = ?, completed_at = ? where run_id = ?", output, now(), runId));
	}

	Optional<Long> previousCompletedRun(long runId, String output) {
		return this.jdbc
			.queryForList("select run_id from bb_run where output = ? and completed_at is not null and run_id <> ? "
					+ "order by completed_at desc fetch first 1 rows only", Long.class, output, runId)
			.stream()
			.findFirst();
	}

	/** Keys new, changed (another design, formats or elements), unchanged and removed since {@code previous}. */
	Changes changes(long runId, long previous) {
		String keys = "select row_key, max(design_id) d, max(formats) f, max(elements_hash) h from bb_ledger_row "
				+ "where run_id = ? group by row_key";
		Long common = this.jdbc.queryForObject("select count(*) from (" + keys + ") c join (" + keys
				+ ") p on p.row_key = c.row_key", Long.class, runId, previous);
		Long unchanged = this.jdbc.queryForObject("select count(*) from (" + keys + ") c join (" + keys
				+ ") p on p.row_key = c.row_key and coalesce(p.d, '') = coalesce(c.d, '') and p.f = c.f "
				+ "and coalesce(p.h, '') = coalesce(c.h, '')", Long.class, runId, previous);
		Long current = this.jdbc.queryForObject("select count(distinct row_key) from bb_ledger_row where run_id = ?",
				Long.class, runId);
		Long before = this.jdbc.queryForObject("select count(distinct row_key) from bb_ledger_row where run_id = ?",
				Long.class, previous);
		return new Changes(current - common, common - unchanged, unchanged, before - common);
	}

	/** Keys compared with the previous completed run that wrote the same output. */
	record Changes(long added, long changed, long unchanged, long removed) {
	}

	private void insertRow(long runId, MappedRow row, String status, String error, Long designUpdatedAt,
			List<String> submittedFormats) {
		this.jdbc.update(
				"insert into bb_ledger_row (run_id, row_number, row_key, design_id, formats, elements_hash, status, error, "
						+ "design_updated_at, submitted_formats) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				runId, row.number(), clip(row.key()), row.designId(), String.join("|", row.formats()), row.elementsHash(),
				status, clip(error), designUpdatedAt, String.join("|", submittedFormats));
	}

	private interface LineFactory {

		/** format, status, banner id, file type, file URL, CDN URL, width, height, error[, reused]. */
		Object[] line(String format);

	}

	/** (Re)writes the lines of {@code which} formats of a row, each at its index in the row's formats. */
	private void writeLines(long runId, long row, List<String> formats, List<String> which, LineFactory factory) {
		List<Object[]> deletes = new ArrayList<>();
		List<Object[]> inserts = new ArrayList<>();
		for (int i = 0; i < formats.size(); i++) {
			if (!which.contains(formats.get(i))) {
				continue;
			}
			Object[] line = factory.line(formats.get(i));
			boolean reused = line.length > 9 && Boolean.TRUE.equals(line[9]);
			deletes.add(new Object[] { runId, row, i });
			inserts.add(new Object[] { runId, row, i, line[0], line[1], line[2], line[3], line[4], line[5], line[6],
					line[7], line[8], reused });
		}
		this.jdbc.batchUpdate("delete from bb_ledger_line where run_id = ? and row_number = ? and format_index = ?",
				deletes);
		this.jdbc.batchUpdate(INSERT_LINE, inserts);
	}

	private static Object[] reusedLine(StoredBanner banner) {
		return new Object[] { banner.format(), "GENERATED", banner.bannerId(), banner.fileType(), banner.fileUrl(),
				banner.cdnUrl(), banner.width(), banner.height(), null, true };
	}

	private static Object[] line(String format, String status, String error) {
		return new Object[] { format, status, null, null, null, null, null, null, clip(error) };
	}

	static Object[] lineFor(String format, GenerationRequest result) {
		for (GenerationRequest.Banner banner : result.banners()) {
			if (banner.format() != null && format.equals(banner.format().id())) {
				GenerationRequest.BannerFile file = (banner.file() != null) ? banner.file()
						: new GenerationRequest.BannerFile(null, null, null, null);
				return new Object[] { format, "GENERATED", banner.id(), file.type(), file.url(), file.cdnUrl(),
						size(banner.format().width()), size(banner.format().height()), null };
			}
		}
		for (GenerationRequest.FormatError error : result.errors()) {
			if (format.equals(error.templateFormatName())) {
				return line(format, "FAILED", (error.reason() != null) ? error.reason() : "the format failed");
			}
		}
		return line(format, "FAILED", "the API returned neither a banner nor an error for this format");
	}

	private static String size(Double value) {
		if (value == null) {
			return null;
		}
		return (value == Math.rint(value)) ? Long.toString(value.longValue()) : value.toString();
	}

	private static ResultLine resultLine(ResultSet rs) throws SQLException {
		return new ResultLine(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
				LineStatus.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
				rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getBoolean(14));
	}

	static List<String> splitFormats(String joined) {
		return (joined == null || joined.isEmpty()) ? List.of() : List.of(joined.split("\\|"));
	}

	private static String clip(String text) {
		return (text != null && text.length() > MAX_TEXT) ? text.substring(0, MAX_TEXT - 3) + "..." : text;
	}

	private static Timestamp now() {
		return Timestamp.from(Instant.now());
	}

}
