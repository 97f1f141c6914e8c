"""Fault suite: events under SIGKILLs, then every journey and the ledger against a model.

    python -m bench.faults [--events 10000] [--users 1000] [--missions 26] [--kills 4] ...
    (or: make faults FAULTS_ARGS='...')

It starts its own stack as separate OS processes in a temporary directory, on free ports of
127.0.0.1: embedded PostgreSQL, migrations (`python -m db.migrate`), the Temporal dev server on a
persistent SQLite file, one `python worker.py` and the API (uvicorn). It creates missions whose
outcome follows from the events alone (`workload.py`), then sends the distinct events over the
users, single and in batches, some again with the same id, from concurrent senders that retry a
failed POST with the same ids until it is answered 202. Meanwhile the chaos SIGKILLs the worker,
the API and the Temporal dev server at random moments, each several times, and restarts each on
the same port and files after a short random pause. Locked missions unlocked by others (chains
of two and three links on their prerequisites' event types) are among the missions: the model
unlocks each at the moment its last prerequisite's journey recorded completing, and checks that
every event sent after the 202 of that cause counts.

Then it waits (bounded, printing progress) until every event is routed and the read side stops
moving, and compares every (user, mission) journey, in the read model and in its workflow, and
the ledger (per journey, per user, per mission, idempotency keys unique), with a model computed by
`domain.journey.apply_event` from the distinct events sent (`check.py`). It prints the counts and
every difference, and exits 0 only when nothing was lost, counted twice or paid twice (1 when
something was; 2 when the suite itself could not run; 130 when interrupted). Every process it
started is stopped, even on an error or Ctrl-C; a watchdog child stops them if this process is
killed outright.
"""

from bench.faults.suite import Options, Report, main, parse_args, run_suite

__all__ = ["Options", "Report", "main", "parse_args", "run_suite"]
