"""Which articles of a batch cover the same story, and which events they touch.

Comparing every sentence with every other is quadratic; a batch of 10,000 articles must
not do it. So the cross-source stage works in two steps:

1. **Blocking** (:func:`link_articles`): each article brings its rarest words and its
   names (``keys``). Keys that almost every article has say nothing and are dropped;
   the rest weight a sparse article-by-key matrix, whose product with itself, computed a
   slice of rows at a time and cut to each article's best few neighbours, links the
   articles that share an unusual vocabulary. Cost grows with the batch, not its square.
2. **Events** (:func:`group_events`): inside linked articles, sentences that report
   something happening on a date (a strike on 15 Nov) are joined when their dates
   agree and they share words; each group is an event. An article can touch several.

>>> links = link_articles([frozenset({"maduro", "caribbean", "hegseth"}),
...                        frozenset({"maduro", "caribbean", "rubio"}), frozenset({"football", "derby"})])
>>> [[other for other, _ in row] for row in links]
[[1], [0], []]
"""

from __future__ import annotations

import datetime as dt
import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import reverse_cuthill_mckee

from audit.alignment import content_words, words
from audit.claims import ArticleClaims

MAX_NEIGHBOURS = 12  # articles compared with each article, at most
MIN_LINK = 0.12  # cosine of the weighted keys below which two articles are not one story
MIN_SHARED_KEYS = 2
ROWS_PER_SLICE = 2000
# article pairs a slice of rows may reach through shared keys, at most: a slice's products
# then take a bounded amount of memory however large the batch (and however common its keys)
PAIRS_PER_SLICE = 200_000


def link_articles(keys: Iterable[frozenset[str]]) -> Links:
    """For each article, the articles of the same story: ``links[a]`` is ``[(other_index, strength), ...]``.

    ``keys`` is read once; each key is held as its hash (within one process a string's
    hash is fixed), so a large batch's keys are never all in memory as strings.
    """
    hashes, owners = array("q"), array("i")
    n = 0
    for n, article_keys in enumerate(keys, 1):
        hashes.extend(hash(k) for k in article_keys)
        owners.extend([n - 1] * (len(hashes) - len(owners)))
    if n < 2:
        return Links.empty(n)
    _, first, inverse, df = np.unique(np.frombuffer(hashes, dtype=np.int64), return_index=True,
                                      return_inverse=True, return_counts=True)  # fmt: skip
    del hashes
    max_df = max(3, int(0.05 * n), int(4 * math.sqrt(n)))  # a key in more articles tells no story apart
    kept = np.flatnonzero((df >= 2) & (df <= max_df))
    kept = kept[np.argsort(first[kept], kind="stable")]  # columns in order of first use
    column = np.full(len(df), -1, dtype=np.int64)
    column[kept] = np.arange(len(kept))
    columns = column[inverse.ravel()]
    used = columns >= 0
    columns = columns[used]
    weights = np.array([math.log((n + 1) / (c + 1)) + 1.0 for c in df[kept].tolist()])
    matrix = sparse.csr_matrix((weights[columns], (np.frombuffer(owners, dtype=np.int32)[used], columns)),
                               shape=(n, max(1, len(kept))))  # fmt: skip
    del owners, inverse, columns, used
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    weighted = sparse.diags(1.0 / norms) @ matrix
    binary = (matrix > 0).astype(np.int32)
    rows, others, strengths = array("i"), array("i"), array("d")
    for first_row, last_row in _slices(binary @ np.asarray(binary.sum(axis=0)).ravel()):
        similar = (weighted[first_row:last_row] @ weighted.T).tocsr()
        shared = (binary[first_row:last_row] @ binary.T).tocsr()
        for offset in range(last_row - first_row):
            row = first_row + offset
            start, end = similar.indptr[offset], similar.indptr[offset + 1]
            counts = dict(zip(shared.indices[shared.indptr[offset]:shared.indptr[offset + 1]],
                              shared.data[shared.indptr[offset]:shared.indptr[offset + 1]]))  # fmt: skip
            keep = [(int(o), float(s)) for o, s in zip(similar.indices[start:end], similar.data[start:end])
                    if o != row and s >= MIN_LINK and counts.get(o, 0) >= MIN_SHARED_KEYS]  # fmt: skip
            best = sorted(keep, key=lambda pair: -pair[1])[:MAX_NEIGHBOURS]
            rows.extend([row] * len(best))
            others.extend(o for o, _ in best)
            strengths.extend(s for _, s in best)
    return Links.symmetric(n, rows, others, strengths)


class Links(Sequence[list[tuple[int, float]]]):
    """Each article's links, ``links[a] == [(other_index, strength), ...]`` strongest first,
    kept as three flat arrays (a list of lists of tuples cost a batch ~1 KiB per article).

    >>> links = Links.symmetric(3, [0], [2], [0.5])
    >>> links[0], links[1], links[2], len(links)
    ([(2, 0.5)], [], [(0, 0.5)], 3)
    """

    def __init__(self, starts: np.ndarray, others: np.ndarray, strengths: np.ndarray) -> None:
        self.starts, self.others, self.strengths = starts, others, strengths

    @classmethod
    def empty(cls, n: int) -> Links:
        return cls(np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.int32), np.zeros(0))

    @classmethod
    def symmetric(cls, n: int, rows: Sequence[int], others: Sequence[int], strengths: Sequence[float]) -> Links:
        """Links from each row's kept links (strongest first), made symmetric: a link kept by
        either side is kept by both (so neither article misses the other), the side's own
        strength first, and each row ordered by strength, ties in the order they were added."""
        own = np.arange(len(rows))
        rows_, others_ = np.asarray(rows, dtype=np.int64), np.asarray(others, dtype=np.int64)
        row = np.concatenate([rows_, others_])
        other = np.concatenate([others_, rows_])
        strength = np.concatenate([np.asarray(strengths, dtype=np.float64)] * 2)
        added = np.concatenate([own, own + len(rows)])  # own links first, then the other sides', in row order
        order = np.lexsort((added, other, row))
        first = np.ones(len(order), dtype=bool)  # a pair kept by both sides: the row's own entry stays
        first[1:] = (row[order][1:] != row[order][:-1]) | (other[order][1:] != other[order][:-1])
        keep = order[first]
        keep = keep[np.lexsort((added[keep], -strength[keep], row[keep]))]
        starts = np.zeros(n + 1, dtype=np.int64)
        starts[1:] = np.cumsum(np.bincount(row[keep], minlength=n))
        return cls(starts, other[keep].astype(np.int32), strength[keep])

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, article: Any) -> Any:
        if isinstance(article, slice):
            return [self[a] for a in range(len(self))[article]]
        article = range(len(self))[article]  # an IndexError past the end (iteration stops there)
        start, end = self.starts[article], self.starts[article + 1]
        return list(zip(self.others[start:end].tolist(), self.strengths[start:end].tolist()))


def _slices(reach: np.ndarray) -> list[tuple[int, int]]:
    """Consecutive row ranges, each of at most ``ROWS_PER_SLICE`` rows whose ``reach`` (the
    articles each row can meet through its keys, counted with repeats) sums to at most
    ``PAIRS_PER_SLICE``, or a single row.

    >>> _slices(np.array([150_000, 150_000, 10, 10]))
    [(0, 1), (1, 4)]
    """
    out, first, total = [], 0, 0
    for row, count in enumerate(reach.tolist()):
        if row > first and (total + count > PAIRS_PER_SLICE or row - first >= ROWS_PER_SLICE):
            out.append((first, row))
            first, total = row, 0
        total += count
    return out + [(first, len(reach))] if len(reach) else out


def story_order(links: Links) -> list[int]:
    """The articles in an order that keeps each story together: linked articles come close
    to each other (reverse Cuthill-McKee on the link graph), so a step that walks the batch
    in this order needs only a window of it at a time, however large the batch.

    >>> story_order(Links.symmetric(4, [0], [2], [0.5]))
    [2, 0, 3, 1]
    """
    n = len(links)
    if n == 0:
        return []
    rows = np.repeat(np.arange(n), np.diff(links.starts))
    graph = sparse.csr_matrix((np.ones(len(rows), dtype=np.int8), (rows, links.others)), shape=(n, n))
    return reverse_cuthill_mckee(graph, symmetric_mode=True).tolist()


@dataclass(frozen=True)
class Event:
    """Something that happened on a date, as reported by one or more articles."""

    id: str
    date: str  # ISO date (the first day of the month for a month-level date)
    label: str  # the date and the words its reports share: "2025-09-02: strike, lethal"
    articles: tuple[str, ...]  # article ids


def group_events(summaries: Sequence[ArticleClaims], links: Sequence[list[tuple[int, float]]]) -> list[Event]:
    """Events reported in the batch: dated sentences of linked articles joined when they agree.

    Two anchors (a dated sentence reporting something happening) join when they come from
    the same article with the same date, or from linked articles with dates that agree
    (days at most one apart, or a day inside a month) and at least two words in common.
    """
    anchors = [(a, date, granularity, sentence) for a, s in enumerate(summaries)
               for date, granularity, sentence in s.anchors]  # fmt: skip
    parent = list(range(len(anchors)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_article: dict[int, list[int]] = {}
    for index, (a, *_rest) in enumerate(anchors):
        by_article.setdefault(a, []).append(index)
    vocab = [set(content_words(words(summaries[a].sentences[s][2]))) for a, _, _, s in anchors]
    def join(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    for a, indices in by_article.items():
        for i, j in _same_article_pairs(anchors, indices):
            join(i, j)
        partners = [i for b, _ in links[a] if b > a for i in by_article.get(b, [])]
        for i in indices:
            for j in partners:
                if _dates_agree(anchors[i], anchors[j]) and len(vocab[i] & vocab[j]) >= 2:
                    join(i, j)
    groups: dict[int, list[int]] = {}
    for index in range(len(anchors)):
        groups.setdefault(find(index), []).append(index)
    events = []
    for number, members in enumerate(sorted(groups.values(), key=lambda m: min(anchors[i][1] for i in m)), 1):
        date = min(anchors[i][1] for i in members)
        shared = Counter(w for i in members for w in vocab[i])
        top = [w for w, _ in sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:3]]
        article_ids = tuple(dict.fromkeys(summaries[anchors[i][0]].id for i in members))
        events.append(Event(f"E{number}", date, f"{date}: {', '.join(top)}", article_ids))
    return events


def _same_article_pairs(anchors: list[tuple], indices: list[int]) -> list[tuple[int, int]]:
    """Pairs whose union joins exactly the anchors of one article whose dates agree.

    Linear after sorting, where testing every pair was quadratic (a 100,000-sentence page
    took minutes): day dates at most one day apart form runs once sorted, and an anchor
    dated only to a month (or a year) agrees with every anchor of that month.
    """
    pairs = []
    days = sorted((dt.date.fromisoformat(anchors[i][1]), i) for i in indices if anchors[i][2] == "day")
    pairs += [(i, j) for (day_i, i), (day_j, j) in zip(days, days[1:]) if (day_j - day_i).days <= 1]
    by_month: dict[str, list[int]] = {}
    for i in indices:
        by_month.setdefault(anchors[i][1][:7], []).append(i)
    for month in {anchors[i][1][:7] for i in indices if anchors[i][2] != "day"}:
        members = by_month[month]  # one month-level anchor joins them all: chain them
        pairs += list(zip(members, members[1:]))
    return pairs


def _dates_agree(x: tuple, y: tuple) -> bool:
    (_, date_x, gran_x, _), (_, date_y, gran_y, _) = x, y
    if gran_x == "day" and gran_y == "day":
        return abs((dt.date.fromisoformat(date_x) - dt.date.fromisoformat(date_y)).days) <= 1
    return date_x[:7] == date_y[:7]
