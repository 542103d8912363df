"""The browser's query language, translated to SQL, on a temporary collection."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from srsapp.core.model import Rating
from srsapp.service.collection import Collection
from srsapp.service.search import SearchError, fetch_rows, search_card_ids, tokenize
from tests.builders import docker_deck, open_collection


@pytest.fixture
def loaded(col: Collection, now: datetime) -> dict[str, int]:
    col.apply_generated("/notes/docker.md", "h", "text", docker_deck(), now)
    ids = search_card_ids(col, "", now, order="sort")
    rows = fetch_rows(col, ids)
    return {r.front.split("<p>")[1].split("</p>")[0]: r.id for r in rows.values()}


def test_tokenize_quotes_negation_and_keys() -> None:
    terms = tokenize('concept:"Volume mounts" -is:new docker "a b" -x "kind:term"')
    assert [(t.key, t.value, t.negated) for t in terms] == [
        ("concept", "Volume mounts", False),
        ("is", "new", True),
        ("", "docker", False),
        ("", "a b", False),
        ("", "x", True),
        ("", "kind:term", False),  # quoted: plain text
    ]


def test_free_text_is_case_insensitive_and_korean(col: Collection, now: datetime, loaded) -> None:  # type: ignore[no-untyped-def]
    assert search_card_ids(col, "image", now) == [loaded["What is an IMAGE?"]]
    assert set(search_card_ids(col, "네트워크", now)) == {loaded["bridge?"], loaded["host?"]}
    assert search_card_ids(col, "호스트", now) == [loaded["host?"]]
    # text is matched as written, although the HTML stores it escaped
    assert search_card_ids(col, "<none>", now) == [loaded["What is an IMAGE?"]]
    assert search_card_ids(col, "%", now) == search_card_ids(col, "_", now) == []  # literal


def test_concept_kind_deck_flag_and_negation(col: Collection, now: datetime, loaded) -> None:  # type: ignore[no-untyped-def]
    vol = loaded["볼륨 목록은?"]
    assert search_card_ids(col, 'concept:"volume mounts"', now) == [vol]
    assert set(search_card_ids(col, "concept:도커", now)) == {
        loaded["bridge?"],
        loaded["host?"],
        vol,
    }
    assert set(search_card_ids(col, "concept:드라이버 kind:term", now)) == {
        loaded["bridge?"],
        loaded["host?"],
    }
    assert search_card_ids(col, "kind:command", now) == [vol]
    assert len(search_card_ids(col, "-kind:term", now)) == 2
    assert len(search_card_ids(col, "deck:docker", now)) == 4
    assert search_card_ids(col, "deck:doc", now) == []
    assert len(search_card_ids(col, "deck:doc*", now)) == 4
    col.sched.actions.set_flag(vol, 3, now=now)
    assert search_card_ids(col, "flag:3", now) == [vol]
    assert vol not in search_card_ids(col, "-flag:3", now)


def test_is_states(col: Collection, now: datetime, loaded) -> None:  # type: ignore[no-untyped-def]
    assert len(search_card_ids(col, "is:new", now)) == 4
    first = col.next_card(now)
    assert first is not None
    col.answer(first.id, Rating.AGAIN, now)
    assert search_card_ids(col, "is:learn", now) == [first.id]
    assert search_card_ids(col, "is:due", now) == []  # due in a minute
    assert search_card_ids(col, "is:due", now + timedelta(minutes=2)) == [first.id]
    second = col.next_card(now)
    assert second is not None and second.id != first.id
    col.answer(second.id, Rating.EASY, now)
    assert search_card_ids(col, "is:review", now) == [second.id]
    col.sched.actions.set_suspended(second.id, True, now=now)
    assert search_card_ids(col, "is:suspended", now) == [second.id]
    col.sched.actions.bury(first.id, now)
    assert search_card_ids(col, "is:buried", now) == [first.id]
    assert search_card_ids(col, "is:leech", now) == []


def test_retired_cards_only_when_asked(col: Collection, now: datetime, loaded) -> None:  # type: ignore[no-untyped-def]
    smaller = docker_deck()
    smaller.cards = smaller.cards[:3]
    col.apply_generated("/notes/docker.md", "h2", "text", smaller, now)
    gone = loaded["What is an IMAGE?"]
    assert gone not in search_card_ids(col, "", now)
    assert search_card_ids(col, "is:retired", now) == [gone]


def test_sort_by_due_and_other_columns_in_sql(col: Collection, now: datetime, loaded) -> None:  # type: ignore[no-untyped-def]
    # answer two cards: one due in days (Easy), one in minutes (Again); new cards come last
    a = col.next_card(now)
    assert a is not None
    col.answer(a.id, Rating.EASY, now)
    b = col.next_card(now)
    assert b is not None
    col.answer(b.id, Rating.AGAIN, now)
    by_due = search_card_ids(col, "", now, order="due")
    assert by_due[:2] == [b.id, a.id]
    assert search_card_ids(col, "", now, order="due", descending=True)[-2:] == [a.id, b.id]
    rows = fetch_rows(col, by_due)
    assert rows[a.id].interval_s > 86400 and rows[b.id].interval_s == 0
    assert search_card_ids(col, "", now, order="interval", descending=True)[0] == a.id
    assert search_card_ids(col, "", now, order="reps", descending=True)[:2] in (
        [a.id, b.id],
        [b.id, a.id],
    )
    kinds = [fetch_rows(col, [i])[i].kind for i in search_card_ids(col, "", now, order="kind")]
    assert kinds == sorted(kinds)
    concepts = [
        fetch_rows(col, [i])[i].concept for i in search_card_ids(col, "", now, order="concept")
    ]
    assert concepts[0] == ("Images",)


def test_sort_by_due_walks_its_index_in_the_order_the_rows_say(
    col: Collection, now: datetime
) -> None:
    """Sort by due (issue 18): scheduled cards by due, new cards after them by position, the
    id breaking ties, both ways, with and without a filter, the same order as the rows' own
    values give; every card in that order is read off ``ix_cards_by_due`` (no sort step),
    which no search in another order walks."""
    from srsapp.service.search import build_query
    from tests.builders import make_deck

    col.apply_generated("/notes/d.md", "d", "text", make_deck(40, sibling_pairs=True), now)
    t = now
    for i in range(25):
        card = col.next_card(t)
        assert card is not None
        col.answer(card.id, (Rating.AGAIN, Rating.GOOD, Rating.EASY)[i % 3], t)
        t += timedelta(minutes=7)
    col.sched.actions.bury(search_card_ids(col, "is:new", now, order="due")[0], now)
    deck = col.decks()[0][1]
    for query in ("", f'deck:"{deck}"', "is:new", "-is:new"):
        for descending in (False, True):
            ids = search_card_ids(col, query, now, order="due", descending=descending)
            rows = fetch_rows(col, ids)
            want = sorted(
                ids,
                key=lambda i: (rows[i].state == 0, rows[i].due, rows[i].position, i),
                reverse=descending,
            )
            assert ids == want and len(ids) > 1
            if query:
                continue  # a filter may be read by its own index, and its hits sorted
            with col.db.engine.connect() as conn:
                sql = build_query(col, query, now, "due", descending).compile(
                    conn.engine, compile_kwargs={"literal_binds": True}
                )
                plan = " ".join(
                    str(r[3]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")
                )
            assert "ix_cards_by_due" in plan and "TEMP B-TREE" not in plan, plan
    # a search in another order never looks its filters up in it (led by retired, it did, and
    # read every card row in its order)
    for query, order in (("question", "sort"), ("", "kind"), ("is:new", "deck")):
        with col.db.engine.connect() as conn:
            sql = build_query(col, query, now, order, False).compile(
                conn.engine, compile_kwargs={"literal_binds": True}
            )
            plan = " ".join(str(r[3]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
        assert "SEARCH cards USING INDEX ix_cards_by_due" not in plan, (query, order, plan)


def test_bad_syntax_is_a_clear_error(col: Collection, now: datetime) -> None:
    with pytest.raises(SearchError, match="quote"):
        search_card_ids(col, 'concept:"open', now)
    with pytest.raises(SearchError, match="is:sleepy is not known"):
        search_card_ids(col, "is:sleepy", now)
    with pytest.raises(SearchError, match="unknown card kind 'poem'"):
        search_card_ids(col, "kind:poem", now)
    with pytest.raises(SearchError, match="flag is a number 0-7"):
        search_card_ids(col, "flag:9", now)
    with pytest.raises(SearchError, match="concept: needs a value"):
        search_card_ids(col, "concept:", now)
    with pytest.raises(SearchError, match="cannot sort by"):
        search_card_ids(col, "", now, order="colour")


def test_an_older_due_index_is_replaced_by_the_covering_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Files from before issue 18 (ix_cards_due), with the sort index's first shape (led by
    retired) or with the two indexes that ordered the same cards by due (ix_cards_due_pos,
    ix_cards_due_sort: both moved by every answer) get the one ``ix_cards_by_due`` at open,
    and sort by due reads it alone."""
    import sqlite3

    open_collection(tmp_path / "c", seed=False).close(backup=False)
    db = tmp_path / "c" / "collection.sqlite"
    con = sqlite3.connect(db)
    con.execute("DROP INDEX ix_cards_by_due")
    con.execute(  # the sort index's first shape, led by retired …
        "CREATE INDEX ix_cards_due_order ON cards(retired, (CASE WHEN state = 0 THEN 1 ELSE 0 "
        "END), due, position, id, state, deck_id)"
    )
    con.execute("CREATE INDEX ix_cards_due ON cards(state, due, retired, suspended, deck_id)")
    con.execute(  # … and the two of 2026-12
        "CREATE INDEX ix_cards_due_pos ON cards(state, due, retired, suspended, deck_id, position)"
    )
    con.execute(
        "CREATE INDEX ix_cards_due_sort ON cards((CASE WHEN state = 0 THEN 1 ELSE 0 END), due, "
        "position, id, retired, state, deck_id)"
    )
    con.commit()
    con.close()
    open_collection(tmp_path / "c", seed=False).close(backup=False)
    con = sqlite3.connect(db)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    plan = " ".join(
        r[3]
        for r in con.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM cards WHERE retired IS 0 ORDER BY "
            "CASE WHEN state = 0 THEN 1 ELSE 0 END, due, position, id"
        )
    )
    con.close()
    assert "ix_cards_by_due" in names
    assert (
        not {"ix_cards_due", "ix_cards_due_order", "ix_cards_due_pos", "ix_cards_due_sort"} & names
    )
    assert "COVERING INDEX ix_cards_by_due" in plan and "TEMP B-TREE" not in plan
