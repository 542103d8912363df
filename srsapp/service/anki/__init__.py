"""Anki packages in and out: ``convert`` (our cards and Anki's notes/cards, both directions),
``importer`` (a package's cards into our rows by one mapping, ``store.anki_cards``: new ones
built by SQLite, known ones merged), ``merge`` (the merge rules for cards the collection has,
text-file cards, media staged) and ``exporter`` (a package written with its review log). The
review log is mapped by the store's SQL (``store.anki_revlog``)."""
