"""Keeping a collection safe: ``backup`` (automatic and manual backups, restore) and ``check``
(integrity, orphans, card states replayed from the log, repair)."""
