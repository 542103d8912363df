"""Anki packages in and out: ``convert`` (our cards and Anki's notes/cards/review log, both
directions, in Python), ``fast_import`` and ``revlog_sql`` (the same mapping done by SQLite for
a package that is wholly new), ``merge`` (incoming cards matched and merged, media staged) and
``exporter`` (a package written with its review log)."""
