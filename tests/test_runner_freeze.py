"""The runner's worker processes freeze their heap after their first article; the caller's never."""

import gc

from audit.runner import map_articles


def frozen_objects(_: int) -> int:
    return gc.get_freeze_count()


def test_workers_freeze_after_their_first_article_and_the_caller_does_not():
    before = gc.get_freeze_count()
    counts = map_articles(frozen_objects, list(range(32)), jobs=2)
    assert counts[0] == before  # measured before its own worker's first freeze
    assert max(counts) > before  # later articles run in a frozen heap
    assert gc.get_freeze_count() == before


def test_one_job_runs_in_this_process_without_freezing():
    before = gc.get_freeze_count()
    assert map_articles(frozen_objects, list(range(4)), jobs=1) == [before] * 4
    assert gc.get_freeze_count() == before
