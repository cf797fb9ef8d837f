"""The report's pictures as SVG drawn on the server: no script, the same in HTML and PDF."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from meetings.reports.selectors import CountryCoverage, IndicatorProgress, SeatState

# Colours chosen to stay distinct in greyscale print and for common colour blindness.
SEAT_COLOURS = {
    SeatState.DESIGNATED: "#1b7f3b",
    SeatState.STALE: "#e0a100",
    SeatState.VACANT: "#c0392b",
}
FONT = "DejaVu Sans"


def seat_labels() -> dict[str, str]:
    return {
        SeatState.DESIGNATED: _("Designated"),
        SeatState.STALE: _("Not verified for 12 months"),
        SeatState.VACANT: _("Vacant"),
    }


def _text(x, y, content, *, size=11, anchor="start", weight="normal", fill="#222") -> str:
    return (
        f'<text x="{x}" y="{y}" font-family="{FONT}" font-size="{size}" '
        f'text-anchor="{anchor}" font-weight="{weight}" fill="{fill}">{escape(content)}</text>'
    )


def coverage_svg(rows: list[CountryCoverage]) -> SafeString:
    """Draw the member countries' two seats as a coloured matrix, with its legend."""
    name_width, cell_width, row_height, top = 190, 110, 22, 26
    width = name_width + 2 * cell_width + 10
    labels = seat_labels()
    legend_top = top + row_height * len(rows) + 14
    height = legend_top + 20 * len(labels) + 4
    parts = [
        _text(name_width + cell_width / 2, 16, _("Principal"), anchor="middle", weight="bold"),
        _text(name_width + cell_width * 1.5, 16, _("Alternate"), anchor="middle", weight="bold"),
    ]
    for index, row in enumerate(rows):
        y = top + index * row_height
        parts.append(_text(0, y + 15, str(row.country.name)))
        for column, state in enumerate((row.principal_state, row.alternate_state)):
            x = name_width + column * cell_width
            parts.append(
                f'<rect x="{x + 2}" y="{y + 2}" width="{cell_width - 4}" '
                f'height="{row_height - 4}" rx="3" fill="{SEAT_COLOURS[state]}">'
                f"<title>{escape(labels[state])}</title></rect>"
            )
    for index, (state, label) in enumerate(labels.items()):
        y = legend_top + index * 20
        parts.append(f'<rect x="0" y="{y}" width="14" height="14" fill="{SEAT_COLOURS[state]}"/>')
        parts.append(_text(20, y + 12, label, size=10))
    title = escape(_("Coverage of the member countries' seats"))
    return mark_safe(  # noqa: S308 - every text above is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{title}</title>{"".join(parts)}</svg>'
    )


def indicators_svg(items: list[IndicatorProgress]) -> SafeString:
    """Draw each indicator's progress as a bar against its target (the full width)."""
    label_width, bar_width, row_height = 250, 250, 34
    width = label_width + bar_width + 60
    height = max(row_height * len(items), row_height) + 6
    parts = []
    for index, item in enumerate(items):
        y = index * row_height
        description = str(item.indicator.description)
        if len(description) > 42:
            description = description[:41] + "…"
        parts.append(_text(0, y + 14, description, size=10))
        target_text = _("target %(target)s %(unit)s") % {
            "target": _number(item.indicator.target),
            "unit": item.indicator.unit,
        }
        parts.append(_text(0, y + 27, target_text, size=9, fill="#555"))
        x = label_width
        parts.append(
            f'<rect x="{x}" y="{y + 6}" width="{bar_width}" height="16" fill="#e6e6e6" '
            'stroke="#999" stroke-width="0.5"/>'
        )
        filled = round(bar_width * (item.progress or 0))
        parts.append(f'<rect x="{x}" y="{y + 6}" width="{filled}" height="16" fill="#1f5f99"/>')
        shown = "—" if item.percent is None else f"{item.percent} %"
        parts.append(_text(x + bar_width + 6, y + 19, shown, size=10, weight="bold"))
    title = escape(_("Indicators: progress towards their targets"))
    return mark_safe(  # noqa: S308 - every text above is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{title}</title>{"".join(parts)}</svg>'
    )


def _number(value) -> str:
    """Write a decimal without trailing zeros (12.00 → 12)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
