"""Bytes -> text (placeholder: the normalize work replaces this with charset detection)."""

from generator.models import SourceError


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding) or raise SourceError naming the problem."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        raise SourceError(path, f"cannot decode: {exc}") from exc
