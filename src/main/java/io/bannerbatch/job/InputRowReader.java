package io.bannerbatch.job;

import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;

import io.bannerbatch.csv.InputCsv;
import io.bannerbatch.csv.InputRow;

/**
 * Reads the input's rows; restartable by record count, saved at every commit, so a restart reads on from the first
 * row of the first uncommitted chunk (the ledger tells which of those were already submitted).
 */
class InputRowReader extends ItemStreamSupport implements ItemStreamReader<InputRow> {

	private static final String READ_COUNT = "read.count";

	private final Path input;

	private final char delimiter;

	private final RunFlags flags;

	private InputCsv csv;

	private long read;

	private final long limit;

	InputRowReader(Path input, char delimiter, long limit, RunFlags flags) {
		this.limit = limit;
		this.input = input;
		this.delimiter = delimiter;
		this.flags = flags;
		setName("input");
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		this.csv = InputCsv.open(this.input, this.delimiter);
		this.read = context.getLong(getExecutionContextKey(READ_COUNT), 0L);
		this.csv.skip(this.read);
	}

	@Override
	public InputRow read() {
		// out of credits: nothing more can be submitted in this run; the rerun reads on from the ledger
		if (this.flags.creditsExhaustedMessage() != null || (this.limit > 0 && this.read >= this.limit)
				|| !this.csv.hasNext()) {
			return null;
		}
		this.read++;
		return this.csv.next();
	}

	@Override
	public void update(ExecutionContext context) throws ItemStreamException {
		context.putLong(getExecutionContextKey(READ_COUNT), this.read);
	}

	@Override
	public void close() throws ItemStreamException {
		if (this.csv != null) {
			this.csv.close();
			this.csv = null;
		}
	}

}
