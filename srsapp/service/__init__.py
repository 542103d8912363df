"""What the app does with a collection, cut by what the data goes through.

``collection.Collection`` opens a data folder and hands out the parts (``col.sched``,
``col.deck_ops``, ``col.card_ops``, ``col.edits``); each part is given the shared ``context``
(settings, deck options, decks, the scheduler) and imports no other part above it (an
import-linter contract). The folders: ``study/`` (queue → answer → undo, card actions),
``anki/`` (Anki packages in and out), ``ankisync/`` (a self-hosted Anki sync server),
``maintenance/`` (backups, check and repair). The modules beside them: ``notes_sync``,
``sources``, ``decks``, ``cards``, ``edits``, ``search``, ``stats``, ``optimize``,
``transfer``, ``restore``; ``reports`` holds what every operation hands back (``Changes``
and the reports that carry them). The SQL is the store's (``srsapp.store``): a part holds a
session only to pass it to the store's named queries.
"""
