"""Text from notes is data: make control characters visible before it reaches a terminal."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (0x9b is a one-byte CSI).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Replace control characters (ESC, BEL, CSI...) with a visible `\\xNN` form."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def one_line(text: str, width: int | None = None) -> str:
    flat = visible(" ".join(text.split()))
    if width is not None and len(flat) > width:
        return flat[: max(0, width - 1)] + "…"
    return flat
