-- The ledger: bannerbatch's one source of truth about a run, beside Spring Batch's own tables.
-- SQL that both H2 and PostgreSQL accept. A run is a Spring Batch job instance (run_id = JOB_INSTANCE_ID).

create table bb_run (
    run_id              bigint        not null primary key,
    export_id           varchar(64),
    export_banners      integer,
    export_requested_at timestamp,
    api_calls           bigint        default 0 not null,
    started_at          timestamp
);

-- One line per input row. A row is written as SUBMITTING before its generate call (so a kill in flight is known),
-- SUBMITTED with the generation request id the moment the API returns it, then DONE, FAILED or REJECTED.
create table bb_ledger_row (
    run_id                bigint         not null,
    row_number            bigint         not null,
    row_key               varchar(2000)  not null,
    design_id             varchar(64),
    formats               varchar(4000)  not null,
    elements_hash         varchar(64),
    status                varchar(16)    not null,
    generation_request_id varchar(64),
    error                 varchar(4000),
    uncertain_attempts    integer        default 0 not null,
    polls                 integer        default 0 not null,
    submitted_at          timestamp,
    next_poll_at          timestamp,
    finalized_at          timestamp,
    primary key (run_id, row_number)
);

create index bb_ledger_row_polling on bb_ledger_row (run_id, status, next_poll_at);

-- One line per row and requested format, in requested order: exactly the lines of the results file.
create table bb_ledger_line (
    run_id       bigint         not null,
    row_number   bigint         not null,
    format_index integer        not null,
    format       varchar(200)   not null,
    status       varchar(16)    not null,
    banner_id    varchar(64),
    file_type    varchar(32),
    file_url     varchar(4000),
    cdn_url      varchar(4000),
    width        varchar(32),
    height       varchar(32),
    error        varchar(4000),
    reused       boolean        default false not null,
    primary key (run_id, row_number, format_index)
);
