package io.bannerbatch.sandbox;

import java.util.List;
import java.util.Map;

/**
 * A generate call's body once validated against its design.
 *
 * @param values element to property to value, the properties the design knows (today's API drops the unknown ones
 * silently)
 * @param formats the formats to generate, every format of the design when the body names none
 * @param callbackUrl where to POST NEW_BANNER_BATCH, or {@code null}
 */
record GenerateBody(Map<String, Map<String, String>> values, List<DesignFormat> formats, String callbackUrl) {
}
