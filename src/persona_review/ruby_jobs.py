"""When a Rails application's Active Job enqueues reach the queue, read from the repository's files.

A job queued inside a transaction is a problem only when it reaches the queue before the commit, on a
queue that is not part of the transaction. Two settings take that away, and a check about such jobs must
know of them:
- the enqueue waits for the commit: `enqueue_after_transaction_commit = true` (or `:always`) in
  `app/jobs/application_job.rb` or `config/application.rb`, or Rails 7.2 with `load_defaults 7.2` or later
  (whose `:default` lets Sidekiq, Resque and the other Redis adapters wait), or Rails 8.2 with its defaults
  (which wait again; 8.0 and 8.1 do not), unless set to `false`/`:never`.
- the queue is a table of the application's own database, written in the same transaction: `Gemfile.lock`
  names GoodJob, delayed_job's Active Record backend or Que and no Redis or broker queue (Sidekiq, Resque,
  Shoryuken, Sneakers), or `config/application.rb` sets one of them as the adapter. Solid Queue is left out:
  its tables usually live in a database of their own.

Only the repository root's files are read (never run). "deferred", "transactional", or None when they show
neither.
"""

from __future__ import annotations

from persona_review.lazy_re import lazy_re
from persona_review.selection.packages import Reader

FILES = ("Gemfile.lock", "app/jobs/application_job.rb", "config/application.rb")

_ON = lazy_re(r"(?m)^[^#\n]*enqueue_after_transaction_commit\s*=\s*(?:true|:always)\b")
_OFF = lazy_re(r"(?m)^[^#\n]*enqueue_after_transaction_commit\s*=\s*(?:false|:never)\b")
_RAILS = lazy_re(r"(?m)^    rails \((\d+)\.(\d+)")
_DEFAULTS = lazy_re(r"(?m)^[^#\n]*load_defaults\s*\(?\s*(\d+)\.(\d+)")
_DB_QUEUE_GEM = lazy_re(r"(?m)^    (?:good_job|delayed_job_active_record|que) \(")
_OTHER_QUEUE_GEM = lazy_re(r"(?m)^    (?:sidekiq|resque|shoryuken|sneakers|sucker_punch|solid_queue) \(")
_DB_ADAPTER = lazy_re(r"(?m)^[^#\n]*queue_adapter\s*=\s*:(?:good_job|delayed_job|que)\b")
_ANY_ADAPTER = lazy_re(r"(?m)^[^#\n]*queue_adapter\s*=\s*:\w+")


def active_job_timing(read: Reader) -> str | None:
    """"deferred" (enqueues wait for the commit), "transactional" (the queue is written in the transaction),
    or None (unknown: a job queued in a transaction reaches the queue at once)."""
    found = read(FILES)
    lock = found.get("Gemfile.lock", "")
    config = found.get("config/application.rb", "")
    settings = found.get("app/jobs/application_job.rb", "") + "\n" + config
    if _ON.search(settings):
        return "deferred"
    rails = _RAILS.search(lock)
    defaults = _DEFAULTS.search(config)
    if rails is not None and defaults is not None and not _OFF.search(settings):
        version = (int(rails.group(1)), int(rails.group(2)))
        loaded = (int(defaults.group(1)), int(defaults.group(2)))
        if (version == (7, 2) and loaded >= (7, 2)) or (version >= (8, 2) and loaded >= (8, 2)):
            return "deferred"
    if _DB_ADAPTER.search(config):
        return "transactional"
    if _DB_QUEUE_GEM.search(lock) and not _OTHER_QUEUE_GEM.search(lock) and not _ANY_ADAPTER.search(config):
        return "transactional"
    return None
