package io.bannerbatch.sandbox;

import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * One format of a design (one page of a multi-page print design), as generated and rendered.
 *
 * @param id the format name used in {@code template_format_names}
 * @param width the width in {@code unit}, as the design file writes it (an integer in px, maybe a float in mm or in)
 * @param height the height in {@code unit}
 * @param unit {@code px}, {@code mm}, {@code cm} or {@code in}
 * @param dpi the design's resolution
 * @param fileType {@code png} or {@code jpeg}: the sandbox-only {@code file_type} field of a format in the design
 * file, {@code png} when absent
 */
record DesignFormat(String id, JsonNode width, JsonNode height, String unit, int dpi, String fileType) {

	/**
	 * The pixel size the sandbox draws this format at: print units at 72 dpi, the longest side capped, so a poster
	 * does not cost megabytes of memory.
	 */
	int[] pixelSize(int maxSide) {
		double scale = pixelsPerUnit();
		double widthPixels = this.width.asDouble() * scale;
		double heightPixels = this.height.asDouble() * scale;
		double longest = Math.max(widthPixels, heightPixels);
		if (longest > maxSide) {
			widthPixels = widthPixels * maxSide / longest;
			heightPixels = heightPixels * maxSide / longest;
		}
		return new int[] { Math.max(1, (int) Math.round(widthPixels)), Math.max(1, (int) Math.round(heightPixels)) };
	}

	double pixelsPerUnit() {
		return switch (this.unit.toLowerCase(Locale.ROOT)) {
			case "mm" -> 72 / 25.4;
			case "cm" -> 72 / 2.54;
			case "in" -> 72;
			default -> 1;
		};
	}

	boolean isJpeg() {
		return "jpeg".equals(this.fileType);
	}

}
