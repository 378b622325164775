package io.bannerbatch.job;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every banner any run generated, keyed by the request that produced it: design, the design's {@code updated_at},
 * format, and the hash of the exact elements sent. A later request that would be identical reuses the banner instead
 * of paying for it again; a design edited in Abyssale (its {@code updated_at} moved) matches nothing older. Looked
 * up a chunk at a time, never loaded whole.
 */
@Repository
class BannerStore {

	private final JdbcTemplate jdbc;

	BannerStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** What would make a banner for this format identical. */
	record Request(String designId, long designUpdatedAt, String format, String elementsHash) {
	}

	/** The stored banners for these requests, generated after {@code notBefore} (or any age when null). */
	Map<Request, StoredBanner> find(Set<String> elementsHashes, Instant notBefore) {
		Map<Request, StoredBanner> found = new HashMap<>();
		if (elementsHashes.isEmpty()) {
			return found;
		}
		// = ANY(array): one index lookup per hash on H2 and PostgreSQL alike, where an IN list of parameters made H2
		// scan the whole store for every chunk
		this.jdbc.query("select design_id, design_updated_at, format, elements_hash, banner_id, file_type, file_url, "
				+ "cdn_url, width, height, generation_request_id, generated_at from bb_banner "
				+ "where elements_hash = any(?) and generated_at >= ?", (statement) -> {
					statement.setArray(1, statement.getConnection().createArrayOf("varchar", elementsHashes.toArray()));
					statement.setTimestamp(2, Timestamp.from((notBefore != null) ? notBefore : Instant.EPOCH));
				}, (rs) -> {
					found.put(new Request(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)),
							new StoredBanner(rs.getString(3), rs.getString(5), rs.getString(6), rs.getString(7),
									rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
									rs.getTimestamp(12).toInstant()));
				});
		return found;
	}

	/** Called inside the ledger's transaction that records the finalized request. */
	void remember(Request request, StoredBanner banner) {
		this.jdbc.update("delete from bb_banner where elements_hash = ? and design_id = ? and design_updated_at = ? "
				+ "and format = ?", request.elementsHash(), request.designId(), request.designUpdatedAt(), request.format());
		this.jdbc.update("insert into bb_banner (design_id, design_updated_at, format, elements_hash, banner_id, file_type, "
				+ "file_url, cdn_url, width, height, generation_request_id, generated_at) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", request.designId(), request.designUpdatedAt(),
				request.format(), request.elementsHash(), banner.bannerId(), banner.fileType(), banner.fileUrl(),
				banner.cdnUrl(), banner.width(), banner.height(), banner.generationRequestId(),
				Timestamp.from(banner.generatedAt()));
	}

	static Set<String> hashes(List<String> hashes) {
		return new HashSet<>(hashes);
	}

}
