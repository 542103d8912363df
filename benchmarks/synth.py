"""Deterministic synthetic collections for the benchmarks.

``build_collection(data_dir, n_cards)`` creates an empty collection with
``Collection.open(dir, seed=False)``, closes it, and fills it directly with
``sqlite3.executemany``: decks, a concept tree per deck, cards in every state
with a realistic due spread, and about ten review-log rows per card. A 100k-card
collection (1M review rows) takes a few seconds.

Everything is derived from ``random.Random(seed)`` and the fixed ``NOW``, so two
builds of the same size are identical.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from srsapp.service.collection import DB_NAME, Collection

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
NOW_S = int(NOW.timestamp())
DAY = 86_400
SEED = 20260302

DECKS = [
    "Docker",
    "Kubernetes",
    "리눅스 기초",
    "Networking",
    "Python",
    "데이터베이스",
    "Git",
    "보안",
]
TOPICS = [
    "container",
    "image",
    "volume",
    "network",
    "registry",
    "layer",
    "process",
    "namespace",
    "cgroup",
    "socket",
    "port",
    "build",
    "cache",
    "daemon",
    "signal",
    "mount",
]
KO_WORDS = ["컨테이너", "이미지", "볼륨", "네트워크", "계층", "프로세스", "명령어", "설정", "상태"]
KINDS = ["definition", "term", "list", "sequence", "command", "question", "cloze"]


@dataclass(frozen=True)
class SynthInfo:
    """What was built: sizes, and handles the benchmarks query with."""

    path: Path
    cards: int
    reviews: int
    decks: dict[str, int]
    concept_query: str  # a concept path prefix present in the collection (for concept: search)
    seconds: float


def _concept_paths(rng: random.Random, deck: str, n: int) -> list[list[str]]:
    """A two-level heading tree: chapters with sections."""
    chapters = max(1, min(40, n // 8))
    paths: list[list[str]] = []
    for c in range(chapters):
        chapter = f"{c + 1}. {rng.choice(KO_WORDS)} {TOPICS[c % len(TOPICS)]}"
        paths.append([deck, chapter])
    while len(paths) < n:
        c = rng.randrange(chapters)
        paths.append(
            [deck, paths[c][1], f"{len(paths)}. {rng.choice(TOPICS)} {rng.choice(KO_WORDS)}"]
        )
    return paths


def build_collection(data_dir: Path, n_cards: int, *, reviews_per_card: float = 10.0,
                     seed: int = SEED) -> SynthInfo:  # fmt: skip
    """Create ``data_dir/collection.sqlite`` holding ``n_cards`` cards and about
    ``reviews_per_card * n_cards`` review-log rows."""
    t0 = time.perf_counter()
    rng = random.Random(seed)
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    col = Collection.open(data_dir, seed=False, rng=random.Random(seed))
    col.set_settings(timezone="UTC", day_start_hour=4)
    col.close()

    con = sqlite3.connect(data_dir / DB_NAME)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("BEGIN")
    con.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('seeded', '1')")
    n_decks = max(1, min(len(DECKS), n_cards // 125))
    deck_ids: dict[str, int] = {}
    for i, name in enumerate(DECKS[:n_decks]):
        deck_ids[name] = i + 1
    con.executemany(
        "INSERT INTO decks(id, name, config, created) VALUES (?, ?, ?, ?)",
        [(i, name, "{}", NOW_S - 400 * DAY) for name, i in deck_ids.items()],
    )
    # concepts: about one per eight cards
    concept_rows = []
    concepts_of: dict[int, list[int]] = {}
    cid = 0
    for name, did in deck_ids.items():
        paths = _concept_paths(rng, name, max(2, n_cards // 8 // n_decks))
        index: dict[tuple[str, ...], int] = {}
        for pos, path in enumerate(paths):
            cid += 1
            index[tuple(path)] = cid
            parent = index.get(tuple(path[:-1]))
            concept_rows.append(
                (cid, did, parent, json.dumps(path, ensure_ascii=False, separators=(",", ":")),
                 path[-1], "heading", pos * 3, pos * 3 + 2, pos, 0)
            )  # fmt: skip
            concepts_of.setdefault(did, []).append(cid)
    con.executemany(
        "INSERT INTO concepts(id, deck_id, parent_id, path, title, kind, source_line, "
        "source_end, position, retired) VALUES (?,?,?,?,?,?,?,?,?,?)",
        concept_rows,
    )
    first_concept = json.loads(concept_rows[0][3])

    cards = []
    revlog = []
    rid = 0
    dids = list(deck_ids.values())
    nonnew_reviews = reviews_per_card / 0.72  # new cards have no history
    for i in range(n_cards):
        card_id = i + 1
        did = dids[i % len(dids)]
        concept = rng.choice(concepts_of[did])
        topic, ko = rng.choice(TOPICS), rng.choice(KO_WORDS)
        kind = KINDS[i % len(KINDS)]
        front = (
            f"<p>{ko} <b>{topic}</b> #{i}: 무엇을 하나요? What does <code>{topic}</code> do?</p>"
        )
        back = (
            f"<p>{topic} {ko}는 {rng.choice(TOPICS)}와 함께 쓰입니다. "
            f"The {topic} keeps {rng.choice(TOPICS)} state ({i}).</p>"
        )
        r = rng.random()
        suspended = 1 if rng.random() < 0.02 else 0
        if r < 0.25:
            state, due, stab, diff, last, reps, lapses = 0, 0, None, None, None, 0, 0
        else:
            if r < 0.28:
                state = 1
                due = NOW_S + rng.randint(-3600, 3600)
            elif r < 0.30:
                state = 3
                due = NOW_S + rng.randint(-3600, 3600)
            else:
                state = 2
                # ~3% overdue or due today, the rest spread over the next year
                due = NOW_S + (
                    rng.randint(-20, 0) * DAY if rng.random() < 0.03 else rng.randint(1, 365) * DAY
                )
            stab = round(rng.uniform(0.5, 300.0), 3)
            diff = round(rng.uniform(1.0, 10.0), 3)
            n_rev = max(1, int(rng.expovariate(1.0 / nonnew_reviews)))
            first = NOW_S - rng.randint(30, 700) * DAY
            last = min(NOW_S - 60, first + n_rev * rng.randint(1, 20) * DAY)
            step = max(1, (last - first) // n_rev)
            lapses = 0
            state_before = 0
            for k in range(n_rev):
                rid += 1
                t = first + k * step
                rating = (
                    1
                    if rng.random() < 0.12
                    else (3 if rng.random() < 0.8 else 2 + 2 * rng.randint(0, 1))
                )
                lapses += rating == 1 and k > 0
                after = 2 if k > 1 else 1
                revlog.append(
                    (rid, card_id, t * 1000 + rng.randrange(1000), rating, rng.randint(2000, 20000),
                     state_before, after, step, stab, diff, "review")
                )  # fmt: skip
                state_before = after
            reps = n_rev
        cards.append(
            (card_id, did, concept, None, f"k{card_id:07d}", None, kind, f"anchor {i}", "",
             front, back, None, None, 3 * (i % 500), 3 * (i % 500) + 2, f"s{i // 3}", "{}",
             i, 0, suspended, 0, 0, 0, state, 0, stab, diff, due, last, reps, lapses,
             NOW_S - 400 * DAY, last or NOW_S - 400 * DAY)
        )  # fmt: skip
    con.executemany(
        "INSERT INTO cards(id, deck_id, concept_id, source_id, key, guid, kind, anchor, variant, "
        "front, back, override_front, override_back, source_line, source_end, sibling, extra, "
        "position, retired, suspended, buried_until, flag, leech, state, step, stability, "
        "difficulty, due, last_review, reps, lapses, created, modified) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        cards,
    )
    # a few answers already given today (so the day's limits have something to subtract)
    start_today = int(NOW.replace(hour=4, minute=0).timestamp())  # the day starts at 04:00
    for k in range(min(30, n_cards // 10)):
        rid += 1
        revlog.append(
            (rid, 1 + (k * 37) % n_cards, (start_today + 60 * k) * 1000, 3, 5000, 2, 2,
             5 * DAY, 12.0, 5.0, "review")
        )  # fmt: skip
    con.executemany(
        "INSERT INTO revlog(id, card_id, time_ms, rating, duration_ms, state_before, "
        "state_after, interval_s, stability, difficulty, kind) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        revlog,
    )
    con.execute("COMMIT")  # no ANALYZE: the app never runs it, so neither do we
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return SynthInfo(
        path=data_dir,
        cards=n_cards,
        reviews=len(revlog),
        decks=deck_ids,
        concept_query=" › ".join(first_concept),
        seconds=time.perf_counter() - t0,
    )


def notes_text(target_bytes: int = 1_000_000, *, seed: int = SEED) -> str:
    """A Markdown notes file of about ``target_bytes`` (UTF-8): the bundled Docker notes
    repeated with renumbered headings, so every copy generates its own cards."""
    from srsapp.service.paths import bundled_decks_dir

    base = (bundled_decks_dir() / "docker-notes.md").read_text(encoding="utf-8")
    lines = base.splitlines()
    title = [ln for ln in lines if ln.startswith("# ")][:1]
    body = [ln for ln in lines if not ln.startswith("# ")]
    out = list(title)
    size = sum(len(x.encode()) + 1 for x in out)
    copy = 0
    while size < target_bytes:
        copy += 1
        for ln in body:
            if ln.startswith("#"):
                hashes, _, rest = ln.partition(" ")
                ln = f"{hashes} {rest} ({copy})"
            out.append(ln)
            size += len(ln.encode()) + 1
    return "\n".join(out) + "\n"
