-- Who holds a run on a shared database (PostgreSQL: the session holding the run's advisory lock), so that a process
-- refused the run can name it. Written just after the lock is taken, removed when it is released; a row left by a
-- killed process is replaced by the next holder. SQL that both H2 and PostgreSQL accept (H2 never writes it).
create table bb_run_lock (
    run_key     bigint                   not null primary key,
    session_pid integer                  not null,
    host        varchar(255)             not null,
    pid         bigint                   not null,
    since       timestamp with time zone not null
);
