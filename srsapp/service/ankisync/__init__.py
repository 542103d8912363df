"""A client of Anki's sync protocol, for a self-hosted Anki sync server (AnkiDroid and Anki
sync with the same server, so they share one collection with srsapp).

- ``client``: HTTP, the ``anki-sync`` header, zstd bodies, login (host key), meta, the
  collection upload and download, errors as one-line ``SyncError``;
- ``full``: our collection as Anki's file for a full upload; a download checked and merged;
- ``media``: pictures and sounds both ways, file by file;
- ``login``: the remembered server, user and host key (keyring or an owner-only file);
- ``normal``: Anki's normal (incremental) sync after a first full one: ``sync/start``,
  ``applyGraves``, ``applyChanges``, ``chunk``/``applyChunk``, ``sanityCheck2``, ``finish``;
  our changed cards are marked by a trigger (``cards.usn = -1``), our deletions leave graves,
  the server's side as of the last sync is kept in the collection (``store.anki_sync``);
- ``sync``: one sync, choosing the direction.

The SQL of both sides is the store's: ``store.anki_file`` (the Anki collection files a sync
reads, writes and uploads) and ``store.anki_sync`` (the server's side, kept in ours).

Written from reading the protocol in Anki's open source; no code of Anki's is used.
"""
