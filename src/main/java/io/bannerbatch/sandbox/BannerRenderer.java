package io.bannerbatch.sandbox;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

/**
 * Draws a banner the way a design would place it: the root background, each text payload as text in its box, a grey
 * placeholder where an image goes (the sandbox never fetches image URLs). Runs headless, on demand only.
 */
final class BannerRenderer {

	static final int MAX_SIDE = 2000;

	private static final Pattern MARKUP = Pattern.compile("</?[a-zA-Z]+(=[^>]*)?>");

	private static final Color IMAGE_PLACEHOLDER = new Color(0xBDBDBD);

	static {
		System.setProperty("java.awt.headless", "true");
	}

	/**
	 * @param values the request's element values ({@code element -> property -> value}); the design's own values fill
	 * in the rest
	 */
	byte[] render(Design design, DesignFormat format, Map<String, Map<String, String>> values) {
		int[] size = format.pixelSize(MAX_SIDE);
		// design units (px, mm, in) to drawn pixels, the cap included
		double scale = size[0] / format.width().asDouble();
		BufferedImage image = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			graphics.setColor(Color.WHITE);
			graphics.fillRect(0, 0, size[0], size[1]);
			for (DesignElement element : design.elements()) {
				if (element.isOn(format)) {
					draw(graphics, element, format, scale, values.getOrDefault(element.name(), Map.of()), size);
				}
			}
		}
		finally {
			graphics.dispose();
		}
		return encode(image, format.isJpeg() ? "jpeg" : "png");
	}

	/**
	 * A product photo stand-in: a square in a colour of the name's own, with the name on it.
	 */
	byte[] placeholder(String name) {
		int side = 400;
		BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		try {
			// a multiplicative hash spreads SKU-1001 and SKU-1002 far apart on the colour wheel
			float hue = ((name.hashCode() * 0x9E3779B9) >>> 8) / (float) (1 << 24);
			graphics.setColor(Color.getHSBColor(hue, 0.55f, 0.85f));
			graphics.fillRect(0, 0, side, side);
			graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			drawText(graphics, name, new int[] { 20, 20, side - 40, side - 40 }, Color.WHITE, null);
		}
		finally {
			graphics.dispose();
		}
		return encode(image, "png");
	}

	private void draw(Graphics2D graphics, DesignElement element, DesignFormat format, double scale,
			Map<String, String> overrides, int[] size) {
		Optional<double[]> placed = element.box(format);
		int[] box = placed.map((unitBox) -> new int[] { (int) Math.round(unitBox[0] * scale),
				(int) Math.round(unitBox[1] * scale), (int) Math.round(unitBox[2] * scale),
				(int) Math.round(unitBox[3] * scale) })
			.orElse(new int[] { 0, 0, size[0], size[1] });
		switch (element.type()) {
			case "container" -> value(element, format, overrides, "background_color").flatMap(ColourValues::toColor)
				.ifPresent((colour) -> fill(graphics, opaque(colour), box));
			case "text", "button" -> {
				value(element, format, overrides, "background_color").flatMap(ColourValues::toColor)
					.ifPresent((colour) -> fill(graphics, colour, box));
				Color colour = value(element, format, overrides, "color").flatMap(ColourValues::toColor)
					.orElse(Color.BLACK);
				Double fontSize = value(element, format, overrides, "font_size").flatMap(BannerRenderer::number)
					.map((points) -> points * scale)
					.orElse(null);
				value(element, format, overrides, "payload")
					.ifPresent((payload) -> drawText(graphics, payload, box, colour, fontSize));
			}
			case "image", "logo" -> {
				fill(graphics, IMAGE_PLACEHOLDER, box);
				graphics.setColor(IMAGE_PLACEHOLDER.darker());
				graphics.setStroke(new BasicStroke(Math.max(1, box[2] / 100f)));
				graphics.drawRect(box[0], box[1], box[2] - 1, box[3] - 1);
				graphics.drawLine(box[0], box[1], box[0] + box[2], box[1] + box[3]);
				graphics.drawLine(box[0] + box[2], box[1], box[0], box[1] + box[3]);
			}
			default -> {
				graphics.setColor(Color.LIGHT_GRAY);
				graphics.drawRect(box[0], box[1], box[2] - 1, box[3] - 1);
			}
		}
	}

	private static Optional<String> value(DesignElement element, DesignFormat format, Map<String, String> overrides,
			String attribute) {
		String override = overrides.get(attribute);
		return (override != null) ? Optional.of(override) : element.defaultValue(attribute, format);
	}

	private static Optional<Double> number(String value) {
		try {
			return Optional.of(Double.parseDouble(value.trim()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static Color opaque(Color colour) {
		return new Color(colour.getRGB() & 0xFFFFFF);
	}

	private static void fill(Graphics2D graphics, Color colour, int[] box) {
		graphics.setColor(colour);
		graphics.fillRect(box[0], box[1], box[2], box[3]);
	}

	/**
	 * Wraps the words into the box, shrinking the font until they fit. A machine without fonts draws no text rather
	 * than failing the download.
	 */
	private static void drawText(Graphics2D graphics, String payload, int[] box, Color colour, Double fontSize) {
		String text = MARKUP.matcher(payload).replaceAll("");
		try {
			int size = (int) Math.max(6, Math.min((fontSize != null) ? fontSize : box[3], box[3]));
			while (true) {
				Font font = new Font(Font.SANS_SERIF, Font.BOLD, size);
				FontMetrics metrics = graphics.getFontMetrics(font);
				List<String> lines = wrap(text, metrics, box[2]);
				int lineHeight = metrics.getHeight();
				if (size <= 6 || (lines.size() * lineHeight <= box[3] && widest(lines, metrics) <= box[2])) {
					graphics.setFont(font);
					graphics.setColor(colour);
					int y = box[1] + Math.max(0, (box[3] - lines.size() * lineHeight) / 2) + metrics.getAscent();
					for (String line : lines) {
						graphics.drawString(line, box[0] + Math.max(0, (box[2] - metrics.stringWidth(line)) / 2), y);
						y += lineHeight;
					}
					return;
				}
				size = Math.max(6, (int) (size * 0.85));
			}
		}
		catch (RuntimeException | Error ex) {
			// headless JDKs without fontconfig throw here; the banner is still a valid image of the right size
		}
	}

	private static List<String> wrap(String text, FontMetrics metrics, int width) {
		List<String> lines = new ArrayList<>();
		for (String paragraph : text.split("\n", -1)) {
			StringBuilder line = new StringBuilder();
			for (String word : paragraph.split(" ")) {
				String candidate = line.isEmpty() ? word : line + " " + word;
				if (!line.isEmpty() && metrics.stringWidth(candidate) > width) {
					lines.add(line.toString());
					line = new StringBuilder(word);
				}
				else {
					line = new StringBuilder(candidate);
				}
			}
			lines.add(line.toString());
		}
		return lines;
	}

	private static int widest(List<String> lines, FontMetrics metrics) {
		return lines.stream().mapToInt(metrics::stringWidth).max().orElse(0);
	}

	private static byte[] encode(BufferedImage image, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("No ImageIO writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
