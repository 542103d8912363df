"""Rows ↔ SQLite: the only place that writes SQL.

``db`` opens a collection (pragmas, schema, migrations: ``migrations``), ``models`` are its
typed tables, ``lock`` keeps one writer, ``backup_names`` and ``files`` know its files. What
the service asks of the data is a named query: ``queries`` (shared by every part) and a module
per part that needs its own (``study_queries`` and ``study_rows``, the hot path's prepared
statements; ``search_queries``, ``stats_queries``, ``check_queries``, ``edit_queries``; the
Anki mappings, package files and sync tables: ``anki_*``). ``handles`` names what the service
holds without writing SQL (a session, a raw connection, the database's errors).
"""
