package io.bannerbatch.job;

import java.util.List;

/** One line of the results file: one row × format. */
public record ResultLine(long row, String key, String designId, String format, LineStatus status, String bannerId,
		String fileType, String fileUrl, String cdnUrl, String width, String height, String generationRequestId,
		String error, boolean reused) {

	public static final List<String> HEADER = List.of("row", "key", "design_id", "format", "status", "banner_id",
			"file_type", "file_url", "cdn_url", "width", "height", "generation_request_id", "error", "reused");

	public List<String> cells() {
		return List.of(Long.toString(this.row), nonNull(this.key), nonNull(this.designId), nonNull(this.format),
				this.status.name(), nonNull(this.bannerId), nonNull(this.fileType), nonNull(this.fileUrl),
				nonNull(this.cdnUrl), nonNull(this.width), nonNull(this.height), nonNull(this.generationRequestId),
				nonNull(this.error), (this.status == LineStatus.REJECTED) ? "" : Boolean.toString(this.reused));
	}

	private static String nonNull(String value) {
		return (value != null) ? value : "";
	}

}
