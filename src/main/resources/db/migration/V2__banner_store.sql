-- The banner store: every banner any run generated, with the request that produced it, so that a later run whose
-- request would be identical (same design at the same updated_at, same format, same elements) reuses it.
create table bb_banner (
    design_id             varchar(64)    not null,
    design_updated_at     bigint         not null,
    format                varchar(200)   not null,
    elements_hash         varchar(64)    not null,
    banner_id             varchar(64)    not null,
    file_type             varchar(32),
    file_url              varchar(4000),
    cdn_url               varchar(4000),
    width                 varchar(32),
    height                varchar(32),
    generation_request_id varchar(64),
    generated_at          timestamp      not null,
    primary key (elements_hash, design_id, design_updated_at, format)
);

-- what a row was generated against, and which of its formats were sent (the others were reused)
alter table bb_ledger_row add column design_updated_at bigint;
alter table bb_ledger_row add column submitted_formats varchar(4000);

create index bb_ledger_row_key on bb_ledger_row (run_id, row_key);

-- which output a run wrote and when it completed: "changes since last night" compares with the previous one
alter table bb_run add column output varchar(4000);
alter table bb_run add column completed_at timestamp;
