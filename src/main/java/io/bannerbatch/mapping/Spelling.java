package io.bannerbatch.mapping;

import java.util.Collection;
import java.util.Locale;

/** "did you mean ...?" for a name one or two typos away from a known one. */
final class Spelling {

	private Spelling() {
	}

	static String suggestion(String typo, Collection<String> known) {
		String best = null;
		int bestDistance = 3;
		for (String candidate : known) {
			int distance = distance(typo.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return (best != null) ? " (did you mean \"" + best + "\"?)" : "";
	}

	/** Levenshtein distance. */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
