package io.bannerbatch.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

import io.bannerbatch.abyssale.AbyssaleException.OutOfCreditsException;

/**
 * What the steps of this execution learnt about the workspace: designs whose type is not in the plan (every later
 * row of such a design fails without a call), and that the credits ran out (stop submitting, collect what was paid
 * for, then end resumably).
 */
@Component
class RunFlags {

	private final Map<String, String> designsNotInPlan = new ConcurrentHashMap<>();

	private final AtomicReference<OutOfCreditsException> creditsExhausted = new AtomicReference<>();

	void designNotInPlan(String designId, String message) {
		this.designsNotInPlan.putIfAbsent(designId, message);
	}

	String notInPlanMessage(String designId) {
		return this.designsNotInPlan.get(designId);
	}

	void creditsExhausted(OutOfCreditsException cause) {
		this.creditsExhausted.compareAndSet(null, cause);
	}

	String creditsExhaustedMessage() {
		OutOfCreditsException cause = this.creditsExhausted.get();
		return (cause != null) ? cause.getMessage() : null;
	}

	OutOfCreditsException creditsExhausted() {
		return this.creditsExhausted.get();
	}

}
