"""audit: credibility and bias audits of news articles and the sources behind them.

>>> import audit
>>> result = audit.audit_corpus("corpus")          # doctest: +SKIP
>>> result.to_frame()                              # doctest: +SKIP
"""

__version__ = "0.1.0"

from audit.corpus import Article, LoadError, load_paths  # noqa: E402
from audit.findings import Evidence, Finding, SignalResult  # noqa: E402
from audit.pipeline import audit_corpus  # noqa: E402
from audit.result import ArticleResult, Audit  # noqa: E402
from audit.text import Document  # noqa: E402

__all__ = [
    "Article", "ArticleResult", "Audit", "Document", "Evidence", "Finding", "LoadError",
    "SignalResult", "audit_corpus", "load_paths", "__version__",
]  # fmt: skip
