package io.bannerbatch.sandbox;

import java.util.Map;

/**
 * One generated visual: a design's format with a request's values. Its image exists only as a recipe until someone
 * downloads it.
 */
record Banner(String id, String requestId, Design design, DesignFormat format, Map<String, Map<String, String>> values,
		String sharingId) {

	String extension() {
		return this.format.isJpeg() ? "jpeg" : "png";
	}

	String contentType() {
		return "image/" + extension();
	}

	String filename() {
		return this.format.id() + "_" + this.id + "." + extension();
	}

}
