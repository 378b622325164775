package io.bannerbatch.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.bannerbatch.abyssale.Design;
import io.bannerbatch.csv.InputCsv;
import io.bannerbatch.mapping.MappedRow;
import io.bannerbatch.mapping.RunPlan;

/**
 * Counts what a run will really generate: every row mapped and checked as the job will, and every format that the
 * banner store already holds counted as reused, looked up a batch of rows at a time.
 */
@Component
class Estimator {

	private static final int BATCH = 500;

	private static final int REJECTIONS_KEPT = 50;

	private final BannerStore bannerStore;

	private final JobSettings settings;

	Estimator(BannerStore bannerStore, JobSettings settings) {
		this.bannerStore = bannerStore;
		this.settings = settings;
	}

	Estimate estimate(RunPlan plan, long limit) {
		Counter counter = new Counter(plan);
		try (InputCsv csv = InputCsv.open(plan.request().input(), plan.request().delimiter())) {
			List<MappedRow> batch = new ArrayList<>();
			while (csv.hasNext() && (limit <= 0 || counter.rows < limit)) {
				MappedRow row = plan.map(csv.next());
				counter.rows++;
				if (row.isRejected()) {
					counter.reject(row);
				}
				else {
					batch.add(row);
				}
				if (batch.size() == BATCH) {
					counter.count(batch);
					batch.clear();
				}
			}
			counter.count(batch);
		}
		return new Estimate(counter.rows, counter.rejected, counter.requests, counter.banners, counter.reused,
				List.copyOf(counter.rejections));
	}

	private final class Counter {

		private final RunPlan plan;

		private long rows;

		private long rejected;

		private long requests;

		private long banners;

		private long reused;

		private final List<MappedRow> rejections = new ArrayList<>();

		Counter(RunPlan plan) {
			this.plan = plan;
		}

		void reject(MappedRow row) {
			this.rejected++;
			if (this.rejections.size() < REJECTIONS_KEPT) {
				this.rejections.add(row);
			}
		}

		void count(List<MappedRow> batch) {
			Map<BannerStore.Request, StoredBanner> stored = Map.of();
			if (Estimator.this.settings.reuse() && !batch.isEmpty()) {
				Set<String> hashes = new HashSet<>();
				batch.forEach((row) -> hashes.add(row.elementsHash()));
				Instant notBefore = (Estimator.this.settings.reuseMaxAge() != null)
						? Instant.now().minus(Estimator.this.settings.reuseMaxAge()) : null;
				stored = Estimator.this.bannerStore.find(hashes, notBefore);
			}
			for (MappedRow row : batch) {
				Design design = this.plan.designs().get(row.designId());
				long updatedAt = (design != null) ? design.updatedAt() : 0;
				long fresh = 0;
				for (String format : row.formats()) {
					if (stored.containsKey(new BannerStore.Request(row.designId(), updatedAt, format, row.elementsHash()))) {
						this.reused++;
					}
					else {
						fresh++;
					}
				}
				if (fresh > 0) {
					this.requests++;
					this.banners += fresh;
				}
			}
		}

	}

}
