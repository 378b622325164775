package io.bannerbatch.job;

import java.util.List;

import io.bannerbatch.mapping.MappedRow;

/**
 * What a run will cost, counted before the first paid call.
 *
 * @param rows data rows (up to the limit)
 * @param rejected rows that will not be sent
 * @param generationRequests generate calls the run will make
 * @param banners banners those calls will create
 * @param reusedBanners banners taken from the store instead
 * @param rejections the first rejected rows, with their reasons
 */
public record Estimate(long rows, long rejected, long generationRequests, long banners, long reusedBanners,
		List<MappedRow> rejections) {

	public String describe() {
		return "Estimate: " + this.rows + " rows, " + this.generationRequests + " generation requests, " + this.banners
				+ " banners to generate" + ((this.reusedBanners > 0) ? ", " + this.reusedBanners + " reused" : "")
				+ ((this.rejected > 0) ? ", " + this.rejected + " rows rejected" : "");
	}

}
