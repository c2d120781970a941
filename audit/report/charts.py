"""Small inline SVG charts for ``index.html``: no script, no font, no file to fetch.

Every label passes through :func:`markupsafe.escape`; values are drawn as marks *and*
written as numbers, so no chart depends on colour alone.

>>> svg = standings("Flesch reading ease", [("CNN", 52.1), ("<b>X</b>", 30.0)])
>>> "&lt;b&gt;X&lt;/b&gt;" in svg and "<b>" not in svg
True
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from audit.report.model import fmt

MAX_ROWS = 40  # sources drawn per chart; the table lists them all
LABEL_CHARS = 24


def standings(title: str, values: Sequence[tuple[str, float | None]], *, width: int = 330) -> Markup:
    """A dot plot: one row per source, its position between the lowest and highest value."""
    rows = [(name, v) for name, v in values if v is not None][:MAX_ROWS]
    row_h, top, left, right = 18, 24, 160, 44
    height = top + row_h * max(len(rows), 1) + 22
    lo, hi = _range([v for _, v in rows])
    x = _scale(lo, hi, left, width - right)
    parts = [_svg_open(width, height, title), _text(4, 14, title, "ct")]
    if not rows:
        parts.append(_text(left, top + 12, "no values", "cm"))
    for i, (name, value) in enumerate(rows):
        y = top + row_h * i + row_h / 2
        parts.append(_text(left - 6, y + 4, _short(name), "cl", anchor="end", full=name))
        parts.append(f'<line class="axis" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"/>')
        parts.append(f'<circle class="dot" cx="{x(value):.1f}" cy="{y:.1f}" r="4"><title>{escape(name)}: '
                     f"{escape(fmt(value))}</title></circle>")  # fmt: skip
        parts.append(_text(width - right + 4, y + 4, fmt(value), "cv"))
    base = top + row_h * max(len(rows), 1) + 14
    parts.append(_text(left, base, fmt(lo), "cm"))
    parts.append(_text(width - right, base, fmt(hi), "cm", anchor="end"))
    parts.append("</svg>")
    return Markup("".join(parts))


def scatter(title: str, x_label: str, y_label: str, points: Sequence[tuple[str, float, float]],
            *, size: int = 380) -> Markup:  # fmt: skip
    """Sources on two axes from 0 to 1 (e.g. credibility against bias), each point labelled."""
    pad = 46
    span = size - 2 * pad
    parts = [_svg_open(size, size, title), _text(4, 14, title, "ct")]
    parts.append(f'<rect class="frame" x="{pad}" y="{pad}" width="{span}" height="{span}"/>')
    parts.append(f'<line class="axis" x1="{pad + span / 2}" y1="{pad}" x2="{pad + span / 2}" y2="{pad + span}"/>')
    parts.append(f'<line class="axis" x1="{pad}" y1="{pad + span / 2}" x2="{pad + span}" y2="{pad + span / 2}"/>')
    for tick in (0, 0.5, 1):
        parts.append(_text(pad + span * tick, pad + span + 14, f"{tick:g}", "cm", anchor="middle"))
        parts.append(_text(pad - 6, pad + span * (1 - tick) + 4, f"{tick:g}", "cm", anchor="end"))
    parts.append(_text(pad + span / 2, size - 6, x_label, "cl", anchor="middle"))
    parts.append(f'<text class="cl" transform="translate(12 {pad + span / 2}) rotate(-90)" '
                 f'text-anchor="middle">{escape(y_label)}</text>')  # fmt: skip
    placed: list[tuple[float, float, float, float]] = []
    for name, px, py in points[:MAX_ROWS]:
        cx, cy = pad + span * _unit(px), pad + span * (1 - _unit(py))
        parts.append(f'<circle class="dot" cx="{cx:.1f}" cy="{cy:.1f}" r="4"><title>{escape(name)}: '
                     f"{escape(x_label)} {px:.2f}, {escape(y_label)} {py:.2f}</title></circle>")  # fmt: skip
        text = _short(name, 18)
        spot = _free_spot(cx, cy, len(text) * 6.2, placed, size)
        if spot:  # a label with no free spot is left out; the dot's tooltip still names it
            x, y, anchor = spot
            parts.append(f'<line class="axis" x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y - 4:.1f}"/>')
            parts.append(_text(x, y, text, "cv", anchor=anchor))
    parts.append("</svg>")
    return Markup("".join(parts))


def share_bar(share: float | None, *, width: int = 60) -> Markup:
    """A tiny bar for a 0-1 share, with the percentage written beside it by the caller."""
    if share is None:
        return Markup("")
    filled = max(0.0, min(1.0, share)) * width
    return Markup(f'<svg class="bar" width="{width}" height="10" viewBox="0 0 {width} 10" aria-hidden="true">'
                  f'<rect class="bar-bg" x="0" y="0" width="{width}" height="10"/>'
                  f'<rect class="bar-fg" x="0" y="0" width="{filled:.1f}" height="10"/></svg>')  # fmt: skip


def _free_spot(cx: float, cy: float, width: float, placed: list[tuple[float, float, float, float]],
               size: int) -> tuple[float, float, str] | None:  # fmt: skip
    """Where a point's label can go without covering another label (nearest first)."""
    for dy in (-5, 9, -17, 21, -29, 33, -41, 45):
        for side in (1, -1):
            x = cx + 7 * side
            left = x if side > 0 else x - width
            box = (left, cy + dy - 10, left + width, cy + dy + 2)
            inside = 0 <= box[0] and box[2] <= size and 16 <= box[1] and box[3] <= size
            if inside and not any(_overlap(box, other) for other in placed):
                placed.append(box)
                return x, cy + dy, "start" if side > 0 else "end"
    return None


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _svg_open(width: int, height: int, title: str) -> str:
    return (f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>')  # fmt: skip


def _text(x: float, y: float, text: str, css: str, *, anchor: str = "start", full: str | None = None) -> str:
    hover = f"<title>{escape(full)}</title>" if full and full != text else ""
    return f'<text class="{css}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{hover}{escape(text)}</text>'


def _short(name: str, limit: int = LABEL_CHARS) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _range(values: list[float]) -> tuple[float, float]:
    if not values:
        return 0.0, 1.0
    lo, hi = min(values), max(values)
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    return lo, hi


def _scale(lo: float, hi: float, a: float, b: float):
    return lambda v: a + (b - a) * (v - lo) / (hi - lo)


def _unit(value: float) -> float:
    return max(0.0, min(1.0, float(value)))
