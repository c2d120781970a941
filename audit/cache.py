"""Per-article results kept on disk, so an interrupted batch resumes where it stopped.

``audit report --skip-existing`` keeps each article's per-article outcome (its findings,
scores and the summaries the cross-source signals collected) in ``OUT/.audit-cache/``,
one file per article, named by the article id and keyed by a hash of the article (text
and metadata), the signals run, and the tool's own code. A re-run reuses every file whose
key still matches and recomputes the rest; the cross-source step always runs over the
whole batch. Files are written atomically, so an interruption never leaves half a file.

The files are JSON, never pickle: a cache folder someone else wrote cannot run code.
(The scratch files of one run, :class:`StoredResults` and :class:`SpilledSummaries`, are
written and read back by the same process and removed with the run.)
Objects are rebuilt only as plain values or as dataclasses and named tuples defined in
the ``audit`` package; anything else is refused, and a refused or damaged file is simply
recomputed.

>>> import datetime as dt
>>> from audit.findings import Evidence
>>> value = {"k": (1, 2.5, None), 3: {"a", "b"}, "d": dt.date(2025, 9, 2), "e": Evidence("x", "y")}
>>> decode(json.loads(json.dumps(encode(value)))) == value
True
>>> import numpy as np
>>> decode(json.loads(json.dumps(encode(np.arange(4, dtype=np.float32).reshape(2, 2))))).tolist()
[[0.0, 1.0], [2.0, 3.0]]
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import importlib
import json
import math
import os
import pickle
from array import array
from collections.abc import Iterable, Iterator, Mapping, MutableSequence, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from audit import __version__
from audit.result import ArticleResult, ArticleSummary, slug

FORMAT = "audit-cache/1"
FOLDER = ".audit-cache"
TRUSTED_PREFIX = "audit."


class Unsupported(TypeError):
    """A value the cache format cannot hold (the article is then just not cached)."""


class ResultCache:
    """One JSON file per article under ``directory/.audit-cache``."""

    def __init__(self, directory: str | Path, signals: Sequence[Any]) -> None:
        self.directory = Path(directory) / FOLDER
        self.salt = f"{FORMAT}|{code_fingerprint()}|{','.join(s.name for s in signals)}"

    def key(self, article: Any) -> str:
        payload = json.dumps(article.to_dict(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(f"{self.salt}|{payload}".encode("utf-8", "surrogatepass")).hexdigest()

    def path(self, article: Any) -> Path:
        return self.directory / f"{slug(article.id)[:40]}-{self.key(article)[:24]}.json"

    def get(self, article: Any) -> Any | None:
        """The stored outcome for this exact article and code, or None."""
        path = self.path(article)
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored.get("format") != FORMAT or stored.get("key") != self.key(article):
                return None
            return decode(stored["outcome"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError, ImportError):
            return None  # absent, damaged or refused: recompute

    def put(self, article: Any, outcome: Any) -> bool:
        """Store an outcome; False when it holds something the format cannot (not cached)."""
        try:
            body = {"format": FORMAT, "key": self.key(article), "id": article.id, "outcome": encode(outcome)}
            text = json.dumps(body, ensure_ascii=False, allow_nan=False)
        except (Unsupported, ValueError):
            return False
        from audit.report.files import write_atomic

        write_atomic(self.path(article), text)
        return True


class ScratchRecords:
    """Values by position in a scratch file: each ``put`` appends a pickle and the newest
    value of a position is the one read back, as a fresh copy.

    Pickles, like the ones the worker processes send to this one: the file is written
    and read by this process only, during one audit, and never kept (unlike the resume
    cache, which is JSON because it outlives the run). Several records may share a file.

    >>> import tempfile
    >>> records = ScratchRecords(tempfile.TemporaryFile())
    >>> records.put(2, "b"); records.put(0, "a"); records.put(2, "c")
    >>> len(records), records.get(2), 1 in records, 2 in records
    (3, 'c', False, True)
    """

    def __init__(self, file: Any) -> None:
        self.file = file
        self.spans = array("q")  # offset and length of each position's newest value (-1: none)

    def put(self, position: int, value: Any) -> None:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self.file.seek(0, os.SEEK_END)
        self.spans.extend([-1, 0] * (position + 1 - len(self)))
        self.spans[2 * position], self.spans[2 * position + 1] = self.file.tell(), len(data)
        self.file.write(data)

    def get(self, position: int) -> Any:
        if position not in self:
            raise IndexError(position)
        self.file.flush()
        return pickle.loads(os.pread(self.file.fileno(), self.spans[2 * position + 1], self.spans[2 * position]))

    def forget(self, position: int) -> None:
        if position in self:
            self.spans[2 * position] = -1

    def __len__(self) -> int:
        return len(self.spans) // 2

    def __contains__(self, position: object) -> bool:
        return isinstance(position, int) and 0 <= position < len(self) and self.spans[2 * position] >= 0


class ScratchList(MutableSequence[Any]):
    """A list kept in a scratch file (see :class:`ScratchRecords`), so a batch's memory does
    not grow with its articles: a stored result's summaries, or the loaded articles waiting
    for their turn. Reading an item gives a fresh copy: a change is kept only once stored
    back (``items[i] = item``).

    >>> import tempfile
    >>> kept = ScratchList.of(["a", "b"], Path(tempfile.mkdtemp()) / "items.pickle")
    >>> kept.append("c"); kept[0] = "A"
    >>> list(kept), kept[-1], kept[1:]
    (['A', 'b', 'c'], 'c', ['b', 'c'])
    """

    def __init__(self, records: ScratchRecords) -> None:
        self.records = records

    @classmethod
    def of(cls, values: Iterable[Any], path: Path) -> ScratchList:
        """The ``values`` written to a new scratch file at ``path``."""
        kept = cls(ScratchRecords(open(path, "w+b")))  # noqa: SIM115 - open as long as the list
        for value in values:
            kept.append(value)
        return kept

    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, position: Any) -> Any:
        if isinstance(position, slice):
            return [self[i] for i in range(len(self))[position]]
        return self.records.get(range(len(self))[position])

    def __setitem__(self, position: Any, value: Any) -> None:
        if isinstance(position, slice):
            raise TypeError("ScratchList does not take slices")
        self.records.put(range(len(self))[position], value)

    def __delitem__(self, position: Any) -> None:
        raise TypeError("ScratchList only grows")

    def insert(self, position: int, value: Any) -> None:
        if position != len(self):
            raise TypeError("ScratchList only grows at the end")
        self.records.put(position, value)


class StoredResults(MutableSequence[ArticleResult]):
    """A batch's article results kept on disk, one JSON file each under ``directory``, and
    their :class:`~audit.result.ArticleSummary` and classifier readings in a scratch file
    beside them (see :class:`ScratchList`), so memory holds neither. Reading one result
    rebuilds it (its signal errors come from the summary, its classifier reading from
    ``readings`` when one is stored there, else from the summary, which may then keep only a
    compact part); storing one replaces its file and its summary. A result the format
    cannot hold stays in memory.

    >>> import tempfile
    >>> from audit.corpus import Article
    >>> stored = StoredResults(tempfile.mkdtemp())
    >>> stored.append(ArticleResult(Article.from_text("Hi there.", id="a", source="X")))
    >>> stored.readings.put(0, {"note": "n", "long": "..."})
    >>> stored[0].article.text, stored[0].classifier, stored.summaries[0].classifier, len(stored)
    ('Hi there.', {'note': 'n', 'long': '...'}, None, 1)
    """

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        scratch = open(self.directory / "results-summaries.pickle", "w+b")  # noqa: SIM115 - open as long as the batch
        self.summaries: ScratchList = ScratchList(ScratchRecords(scratch))
        self.readings = ScratchRecords(scratch)
        self.held: dict[int, ArticleResult] = {}  # results the format cannot hold

    def __len__(self) -> int:
        return len(self.summaries)

    def __getitem__(self, position: Any) -> Any:
        if isinstance(position, slice):
            return [self[i] for i in range(len(self))[position]]
        position = range(len(self))[position]
        summary = self.summaries[position]
        if position in self.held:
            result = self.held[position]
        else:
            result = decode(json.loads(self._path(position).read_text(encoding="utf-8")))
        result.signal_errors = summary.signal_errors
        result.classifier = self.readings.get(position) if position in self.readings else summary.classifier
        return result

    def __setitem__(self, position: Any, result: Any) -> None:
        if isinstance(position, slice):
            raise TypeError("StoredResults does not take slices")
        self.put(range(len(self))[position], result)

    def put(self, position: int, result: ArticleResult) -> ArticleSummary:
        """Store the result at ``position`` (the batch may arrive out of order); its summary."""
        self.held.pop(position, None)
        self.readings.forget(position)  # the result's own reading replaces a stored one
        try:
            self._path(position).write_text(json.dumps(encode(result), ensure_ascii=False, allow_nan=False),
                                             encoding="utf-8")  # fmt: skip
        except (Unsupported, ValueError):
            self.held[position] = result
        summary = ArticleSummary.of(result)
        self.summaries.records.put(position, summary)
        return summary

    def __delitem__(self, position: Any) -> None:
        raise TypeError("StoredResults only grows")

    def insert(self, position: int, result: ArticleResult) -> None:
        if position != len(self):
            raise TypeError("StoredResults only grows at the end")
        self.put(position, result)

    def __iter__(self) -> Iterator[ArticleResult]:
        return (self[i] for i in range(len(self)))

    def _path(self, position: int) -> Path:
        return self.directory / f"{position}.json"


class SpilledSummaries(Sequence[dict[str, Any]]):
    """A batch's cross-source summaries (what each article's ``collect`` gave, by signal)
    kept in one scratch file beside its results (see :class:`ScratchRecords`), each
    signal's apart, read back when a signal asks for one; the last few hundred read stay
    in memory, since a story's articles are read together.

    >>> import tempfile
    >>> spilled = SpilledSummaries(tempfile.mkdtemp())
    >>> spilled.put(1, {"s": (2, 3)}); spilled.put(0, {})
    >>> len(spilled), spilled[1], dict(spilled.view("s", ["a", "b"]))
    (2, {'s': (2, 3)}, {'b': (2, 3)})
    """

    def __init__(self, directory: str | Path, cached: int = 1000) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self.file = open(directory / "summaries.pickle", "w+b")  # noqa: SIM115 - open as long as the batch
        self.size = 0
        self.by_signal: dict[str, ScratchRecords] = {}
        self._read = lru_cache(maxsize=cached)(self._load)

    def put(self, position: int, collected: dict[str, Any]) -> None:
        """Keep the summaries of the article at ``position`` (the batch may arrive out of order)."""
        self.size = max(self.size, position + 1)
        for signal, summary in collected.items():
            self.by_signal.setdefault(signal, ScratchRecords(self.file)).put(position, summary)

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, position: Any) -> Any:
        if isinstance(position, slice):
            return [self[i] for i in range(len(self))[position]]
        position %= len(self)
        return {signal: self._read(signal, position) for signal in self.by_signal if self._has(signal, position)}

    def view(self, signal: str, ids: Sequence[str]) -> Mapping[str, Any]:
        """One signal's summaries by article id (``ids``: the articles' ids by position)."""
        return _SignalView(self, signal, {i: p for p, i in enumerate(ids) if self._has(signal, p)})

    def close(self) -> None:
        self._read.cache_clear()
        self.file.close()

    def _has(self, signal: str, position: int) -> bool:
        return position in self.by_signal.get(signal, ())

    def _load(self, signal: str, position: int) -> Any:
        return self.by_signal[signal].get(position)


class _SignalView(Mapping[str, Any]):
    def __init__(self, spilled: SpilledSummaries, signal: str, positions: dict[str, int]) -> None:
        self.spilled, self.signal, self.positions = spilled, signal, positions

    def __getitem__(self, article_id: str) -> Any:
        return self.spilled._read(self.signal, self.positions[article_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self.positions)

    def __len__(self) -> int:
        return len(self.positions)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the package's own files: changing any signal, lexicon or model invalidates the cache."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def encode(value: Any) -> Any:
    """A JSON-ready form of ``value`` that :func:`decode` turns back into an equal object."""
    if value is None or isinstance(value, (bool, str)) or type(value) is int:
        return value
    if type(value) is float:
        return value if math.isfinite(value) else {"float": repr(value)}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"dict": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {"namedtuple": _class_name(value), "items": [encode(v) for v in value]}
    if isinstance(value, tuple):
        return {"tuple": [encode(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {type(value).__name__: [encode(v) for v in value]}
    if isinstance(value, dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if type(value).__module__ == "numpy":
        return _encode_numpy(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"dataclass": _class_name(value), "fields": fields}
    raise Unsupported(f"cannot cache a {type(value).__module__}.{type(value).__qualname__}")


def decode(value: Any) -> Any:
    """The inverse of :func:`encode`; classes outside the ``audit`` package are refused."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    (tag, body), *rest = value.items()
    if tag == "dict":
        return {_hashable(decode(k)): decode(v) for k, v in body}
    if tag == "tuple":
        return tuple(decode(v) for v in body)
    if tag in ("set", "frozenset"):
        return (set if tag == "set" else frozenset)(_hashable(decode(v)) for v in body)
    if tag == "float":
        return float(body)
    if tag == "date":
        return dt.date.fromisoformat(body)
    if tag == "datetime":
        return dt.datetime.fromisoformat(body)
    if tag == "ndarray":
        return _decode_numpy(body)
    if tag == "namedtuple":
        cls = _trusted_class(body, namedtuple=True)
        return cls(*(decode(v) for v in dict(rest)["items"]))
    if tag == "dataclass":
        cls = _trusted_class(body)
        fields = {k: decode(v) for k, v in dict(rest)["fields"].items()}
        init = {f.name for f in dataclasses.fields(cls) if f.init}
        obj = cls(**{k: v for k, v in fields.items() if k in init})
        for k, v in fields.items():
            if k not in init:
                object.__setattr__(obj, k, v)
        return obj
    raise ValueError(f"unknown cache tag {tag!r}")


def _encode_numpy(value: Any) -> dict[str, Any]:
    """Numeric numpy arrays and scalars, as raw bytes; object arrays are refused (they would need pickle)."""
    import numpy as np

    array = np.asarray(value)
    if array.dtype.hasobject or array.dtype.kind not in "biufc":
        raise Unsupported(f"cannot cache a numpy array of {array.dtype}")
    data = base64.b64encode(np.ascontiguousarray(array).tobytes()).decode("ascii")
    return {"ndarray": {"dtype": array.dtype.str, "shape": list(array.shape), "data": data,
                        "scalar": not isinstance(value, np.ndarray)}}  # fmt: skip


def _decode_numpy(body: dict[str, Any]) -> Any:
    import numpy as np

    dtype = np.dtype(body["dtype"])
    if dtype.hasobject or dtype.kind not in "biufc":
        raise ValueError(f"refusing a numpy array of {dtype}")
    array = np.frombuffer(base64.b64decode(body["data"]), dtype=dtype).reshape(body["shape"]).copy()
    return array[()] if body["scalar"] else array


def _class_name(value: Any) -> str:
    return f"{type(value).__module__}:{type(value).__qualname__}"


def _trusted_class(name: str, *, namedtuple: bool = False) -> type:
    module, _, qualname = name.partition(":")
    if not (module == "audit" or module.startswith(TRUSTED_PREFIX)):
        raise ValueError(f"refusing to rebuild {name}: not an audit class")
    cls: Any = importlib.import_module(module)
    for part in qualname.split("."):
        cls = getattr(cls, part)
    if not isinstance(cls, type):
        raise ValueError(f"refusing to rebuild {name}: not a class")
    ok = (issubclass(cls, tuple) and hasattr(cls, "_fields")) if namedtuple else dataclasses.is_dataclass(cls)
    if not ok:
        raise ValueError(f"refusing to rebuild {name}: not a dataclass or named tuple")
    return cls


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
