package io.bannerbatch.csv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The input's bytes before they are text: what a spreadsheet user can save by mistake (an empty file, a workbook or
 * an image, Excel's "Unicode Text", which is UTF-16) is named for what it is rather than reported as a parse error,
 * and a UTF-8 byte order mark is dropped so that it never ends up in the first column's name.
 */
final class InputBytes {

	private static final int SNIFF_BYTES = 8192;

	private InputBytes() {
	}

	static InputStream open(Path file) {
		if (Files.isDirectory(file)) {
			throw new InputProblem(Location.of(file), "is a directory, not a CSV file; check --input");
		}
		try {
			BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 65536);
			try {
				in.mark(SNIFF_BYTES);
				byte[] head = in.readNBytes(SNIFF_BYTES);
				in.reset();
				refuseWhatIsNotUtf8Text(file, head);
				if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
					in.skipNBytes(3);
				}
				return in;
			}
			catch (IOException | RuntimeException ex) {
				in.close();
				throw ex;
			}
		}
		catch (NoSuchFileException ex) {
			throw new InputProblem(Location.of(file), "no such file; check --input", ex);
		}
		catch (AccessDeniedException ex) {
			throw new InputProblem(Location.of(file), "permission denied; make it readable by this user", ex);
		}
		catch (IOException ex) {
			throw new InputProblem(Location.of(file), "cannot be read (" + ex.getMessage() + ")", ex);
		}
	}

	private static void refuseWhatIsNotUtf8Text(Path file, byte[] head) {
		if (head.length == 0) {
			throw new InputProblem(Location.of(file),
					"the file is empty (0 bytes); the first line must be a header naming the columns");
		}
		if (isUtf16(head)) {
			throw new InputProblem(Location.of(file), "the file is UTF-16 (Excel's \"Unicode Text\"), not UTF-8; "
					+ "save it as \"CSV UTF-8 (Comma delimited)\"");
		}
		for (int i = 0; i < head.length; i++) {
			if (head[i] == 0) {
				throw new InputProblem(Location.of(file), "looks like a binary file, not a CSV (a NUL byte at byte "
						+ (i + 1) + "); export the sheet as CSV UTF-8");
			}
		}
	}

	/** A UTF-16 byte order mark, or ASCII text with every other byte NUL. */
	private static boolean isUtf16(byte[] head) {
		if (head.length >= 2 && (((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE)
				|| ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF))) {
			return true;
		}
		int pairs = head.length / 2;
		int evenNul = 0;
		int oddNul = 0;
		for (int i = 0; i + 1 < head.length; i += 2) {
			evenNul += (head[i] == 0) ? 1 : 0;
			oddNul += (head[i + 1] == 0) ? 1 : 0;
		}
		return pairs >= 4 && (evenNul == pairs && oddNul == 0 || oddNul == pairs && evenNul == 0);
	}

	/**
	 * Where the first byte that is not UTF-8 is, found by decoding the file again: the CSV reader decodes in blocks,
	 * so when the decoder fails it cannot say on which line.
	 */
	static String describeFirstMalformed(Path file) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = ByteBuffer.allocate(65536);
		CharBuffer chars = CharBuffer.allocate(65536);
		long line = 1;
		long column = 0;
		try (FileChannel channel = FileChannel.open(file)) {
			while (true) {
				boolean end = channel.read(bytes) < 0;
				bytes.flip();
				CoderResult result;
				do {
					result = decoder.decode(bytes, chars, end);
					chars.flip();
					while (chars.hasRemaining()) {
						char c = chars.get();
						if (c == '\n') {
							line++;
							column = 0;
						}
						else if (!Character.isLowSurrogate(c) && !(line == 1 && column == 0 && c == '\uFEFF')) {
							column++;
						}
					}
					chars.clear();
					if (result.isError()) {
						return new Location(file, line, column + 1) + ": the file is not valid UTF-8 (byte 0x"
								+ String.format("%02X", bytes.get(bytes.position()) & 0xFF)
								+ "; was it saved as Windows-1252 or Latin-1?); save it as CSV UTF-8";
					}
				}
				while (result.isOverflow());
				bytes.compact();
				if (end) {
					return null;
				}
			}
		}
		catch (IOException ex) {
			return null;
		}
	}

}
