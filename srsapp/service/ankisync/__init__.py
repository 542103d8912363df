"""A client of Anki's sync protocol, for a self-hosted Anki sync server (AnkiDroid and Anki
sync with the same server, so they share one collection with srsapp).

- ``client``: HTTP, the ``anki-sync`` header, zstd bodies, login (host key), meta, the
  collection upload and download, errors as one-line ``SyncError``;
- ``full``: our collection as Anki's file for a full upload; a download checked and merged;
- ``media``: pictures and sounds both ways, file by file;
- ``login``: the remembered server, user and host key (keyring or an owner-only file);
- ``sync``: one sync, choosing the direction.

Written from reading the protocol in Anki's open source; no code of Anki's is used.

Not yet: Anki's *normal* (incremental) sync -- ``sync/start`` (our graves, the server's back),
``applyGraves``, ``applyChanges`` (note types, decks, deck options, tags, config),
``chunk``/``applyChunk`` (card, note and review-log rows changed since the last sync, by update
sequence number), ``sanityCheck2`` (both sides' counts must agree) and ``finish``. It needs,
per synced row, a usn on our side (-1 = changed since the last sync: a store migration) and
Anki ids that stay the same from one upload to the next (the exporter's note and card ids
are ``ID_BASE + card id`` already; its deck ids are numbered in the order the decks come, which
a new deck shifts), so that the rows the server sends can be applied to ours and ours sent as
rows it knows. Until then every
upload is a full one and the other clients are asked for a full sync.
"""
