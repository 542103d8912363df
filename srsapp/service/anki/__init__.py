"""Anki packages in and out: ``convert`` (our cards and Anki's notes/cards, both directions),
``fast_import`` (the cards rows of a package that is wholly new, built by SQLite), ``merge``
(incoming cards matched and merged, media staged) and ``exporter`` (a package written with its
review log). The review log is mapped by the store's SQL (``store.anki_revlog``)."""
