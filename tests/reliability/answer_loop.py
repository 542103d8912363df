"""Child process of the durability test: answer cards forever with an advancing fake clock.

``python -m tests.reliability.answer_loop DATA_DIR SEED`` prints ``ready`` once the collection
is open and ``done <review-log count>`` after each answer has returned (committed). The parent
kills it with SIGKILL at random moments.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from srsapp.core.model import Rating
from srsapp.service.collection import Collection
from srsapp.store.models import Review

START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
RATINGS = (Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.GOOD, Rating.EASY)


def main(data_dir: str, seed: int) -> None:
    rng = random.Random(seed)
    col = Collection.open(data_dir, seed=False, rng=random.Random(seed + 1))
    with col.db.reading() as s:
        last_ms = s.scalar(select(func.max(Review.time_ms)))
    now = START if last_ms is None else datetime.fromtimestamp(last_ms / 1000 + 1, UTC)
    count = col.revlog_count()
    print("ready", count, flush=True)
    while True:
        card = col.next_card(now)
        if card is None:
            now += timedelta(hours=6)
            continue
        col.answer(card.id, rng.choice(RATINGS), now, duration_ms=rng.randint(300, 8000))
        count += 1
        print("done", count, flush=True)
        now += timedelta(seconds=rng.randint(1, 600))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
