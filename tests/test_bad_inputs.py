"""Bad files in a batch: each is one clear line in ``errors`` and on stderr, the rest is audited.

``BAD_INPUTS`` is the table of hostile inputs and what must happen to each; the tests
in tests/test_corpus.py cover the common cases one by one, these run them all in one
batch through the command line.
"""

from __future__ import annotations

import json
import os

import jsonschema
import pytest

from audit.cli import main
from audit.corpus import ArticleError, load_paths, load_text

from .conftest import SCHEMA

GOOD = "The Navy said the strike killed three people on Tuesday."


def alias_bomb(levels: int = 9) -> bytes:
    """YAML front matter of ~1 KB whose aliases would expand to 10**levels items."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    lines.append(f"title: *a{levels - 1}")
    return ("---\n" + "\n".join(lines) + "\n---\n" + GOOD).encode()


# file name -> (content, a phrase its one error line must contain)
BAD_INPUTS: dict[str, tuple[bytes, str]] = {
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file"),
    "utf16-broken.txt": (b"\xff\xfeT\x00h\x00\x00\xd8e\x00", "undecodable"),
    "utf8-bom-broken.md": (b"\xef\xbb\xbfThe \xff\xfe said.", "undecodable"),
    "empty.txt": (b"", "empty article"),
    "blank.md": (b"  \n\t\n \r\n\xc2\xa0", "empty article"),
    "furniture-only.txt": (b"Advertisement\n\nShare\n\nTags: news", "nothing left to audit"),
    "too-large.txt": (b"word " * 50_000, "too large"),
    "front-matter-broken.md": (b"---\ntitle: [unclosed\n---\n" + GOOD.encode(), "malformed front matter"),
    "front-matter-unclosed.md": (b"---\ntitle: x\n" + GOOD.encode(), "never closed"),
    "front-matter-bad-date.md": (b"---\ndate: 2025-13-45\n---\n" + GOOD.encode(), "month must be in 1..12"),
    "front-matter-deep.md": (b"---\nt: " + b"[" * 3000 + b"\n---\n" + GOOD.encode(), "front matter"),
    "front-matter-alias-bomb.md": (alias_bomb(), "'title' must be a single value"),
    "front-matter-not-a-date.md": (b"---\ndate: next week\n---\n" + GOOD.encode(), "is not YYYY-MM-DD"),
    "no-text-column.csv": (b"body,source\nx,y\n", "no 'text' column"),
    "empty.jsonl": (b"\n\n", "no articles"),
}
# records of JSON-lines and CSV files fail one by one: the file's good records are still audited
BAD_RECORDS: dict[str, tuple[bytes, dict[str, str]]] = {
    "bad-line.jsonl": (b'{"text": "' + GOOD.encode() + b'"}\n{"text": \n', {"line 2": "not valid JSON"}),
    "deep.jsonl": (b"[" * 100_000 + b"\n", {"line 1": "nested too deeply"}),
    "no-text.jsonl": (b'{"body": "x"}\n', {"line 1": "'text' string"}),
    "mixed.csv": (f'text,date\n"{GOOD}",2025-01-01\n"",2025-01-02\n"{GOOD}",soon\n'.encode(),
                  {"row 3": "empty article", "row 4": "date 'soon' is not YYYY-MM-DD"}),
}
MAX_BYTES = 200_000  # the batch runs with --max-bytes 200000 so "too-large.txt" (250,000 bytes) trips it


def make_batch(folder):
    """A folder with every bad input, good articles, and links that loop or point nowhere."""
    for name, (content, _) in {**BAD_INPUTS, **BAD_RECORDS}.items():
        (folder / name).write_bytes(content)
    (folder / "good.txt").write_text(GOOD)
    (folder / "good-legacy.txt").write_bytes("Nicolás Maduro said “no” – again.".encode("cp1252"))
    (folder / "good-odd-markup.html").write_text("<![foo bar]><!DOCTYPE x [<!y>]><article><p>" + GOOD + "</p></article>")
    # tag soup that made the standard HTML parser quadratic (this file took ~10 s before the fix)
    (folder / "good-tag-soup.html").write_text("<p>" + GOOD + "</p>" + "<a" * 40_000 + "<!--" * 10_000)
    (folder / "sub").mkdir()
    (folder / "sub" / "good-nested.md").write_text(GOOD)
    (folder / "sub" / "loop").symlink_to(folder)  # a directory loop
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")  # reading it would block for ever
    (folder / os.fsdecode(b"name-\xff-not-utf8.txt")).write_text(GOOD)
    expected_errors = {**{n: phrase for n, (_, phrase) in BAD_INPUTS.items()},
                       **{f"{n} ({where})": phrase for n, (_, records) in BAD_RECORDS.items() for where, phrase in records.items()},
                       "loop": "loop", "dangling.txt": "broken symbolic link", "pipe.txt": "not a regular file"}  # fmt: skip
    good = {"good", "good-legacy", "good-odd-markup", "good-tag-soup", "good-nested", "name-?-not-utf8", "bad-line-1", "mixed-2"}
    return expected_errors, good


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX named pipes")
def test_every_bad_input_is_one_clear_line_and_the_rest_is_audited(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    expected_errors, good = make_batch(tmp_path / "in")
    status = main(["report", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet", "--max-bytes", str(MAX_BYTES)])
    assert status == 1
    document = json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, SCHEMA)
    assert {a["id"] for a in document["articles"]} == good
    errors = {e["path"].rsplit("/", 1)[-1]: e["error"] for e in document["errors"]}
    assert len(errors) == len(document["errors"]), "one line per bad input"
    assert set(errors) == set(expected_errors)
    for name, phrase in expected_errors.items():
        assert phrase in errors[name], (name, errors[name])
        assert "\n" not in errors[name]
    stderr = capsys.readouterr().err.splitlines()
    for name, error in errors.items():
        assert sum(name in line and error in line for line in stderr) == 1, name
    assert (tmp_path / "out" / "index.html").exists()


def test_max_bytes_is_configurable(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    assert load_paths([tmp_path], max_bytes=len(GOOD))[1] == []
    errors = load_paths([tmp_path], max_bytes=len(GOOD) - 1)[1]
    assert len(errors) == 1 and "--max-bytes" in errors[0].error
    assert main(["report", str(tmp_path), "--out", str(tmp_path / "o"), "--quiet", "--max-bytes", "10"]) == 1


def test_alias_bomb_is_refused_without_expanding():
    with pytest.raises(ArticleError, match="single value"):
        load_text(alias_bomb(9), name="bomb.md", suffix=".md")  # expanded, 10**9 items: minutes and gigabytes


@pytest.mark.parametrize("meta", ["title: [a, b]", "source: {name: CNN}", "id: [1]", "url: [x]"])
def test_metadata_must_be_single_values(meta):
    with pytest.raises(ArticleError, match="must be a single value"):
        load_text(f"---\n{meta}\n---\n{GOOD}", name="x.md", suffix=".md")


def test_control_characters_and_surrogates_never_reach_the_output():
    [article] = load_text(f"---\ntitle: \"T\\x00i\\x1btle\"\n---\n{GOOD}\x0b\x07", name="x.md", suffix=".md")
    assert article.title == "Title" and article.text == GOOD
    from audit import Article

    article = Article.from_text(GOOD + "\udcff\ud800", id="x", title="A\udcffB")
    assert article.text == GOOD and article.title == "AB"
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")


def test_empty_front_matter_is_allowed():
    [article] = load_text(f"---\n---\n{GOOD}", name="x.md", suffix=".md")
    assert article.text == GOOD and article.id == "x"
