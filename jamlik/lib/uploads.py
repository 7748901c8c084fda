"""Uploaded documents: checked by their bytes and size, not by their name.

`UploadValidator(kinds=("pdf", "png", "jpeg"))` goes in a model or form field's
`validators`. A file passes when its first bytes are those of one of the kinds, its name ends
in an extension of that same kind (so that it is served as what it is), and it is no larger
than `UPLOAD_MAX_MB`. Files are stored readable by the server's user only
(`FILE_UPLOAD_PERMISSIONS` in settings.py).
"""

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    label: str
    magic: tuple[bytes, ...]
    extensions: tuple[str, ...]


KINDS = {
    "pdf": Kind("PDF", (b"%PDF-",), ("pdf",)),
    "png": Kind("PNG", (b"\x89PNG\r\n\x1a\n",), ("png",)),
    "jpeg": Kind("JPEG", (b"\xff\xd8\xff",), ("jpg", "jpeg")),
}
HEAD_BYTES = 16


def detect_kind(head: bytes) -> str | None:
    """The kind whose signature `head` (a file's first bytes) starts with, if any."""
    for name, kind in KINDS.items():
        if head.startswith(kind.magic):
            return name
    return None


def max_upload_bytes() -> int:
    return settings.UPLOAD_MAX_MB * 1024 * 1024


@deconstructible
class UploadValidator:
    def __init__(self, kinds: tuple[str, ...] = ("pdf",)):
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown upload kinds: {sorted(unknown)}")
        self.kinds = tuple(kinds)

    def __call__(self, file) -> None:
        if getattr(file, "_committed", False):
            return  # a file stored before (a model's FieldFile): checked when it came in
        allowed = ", ".join(KINDS[k].label for k in self.kinds)
        if file.size is not None and file.size > max_upload_bytes():
            raise ValidationError(
                _("The file is larger than %(max)s MB."),
                code="too_large",
                params={"max": settings.UPLOAD_MAX_MB},
            )
        kind = detect_kind(_head(file))
        extension = PurePath(file.name or "").suffix.lower().lstrip(".")
        if kind not in self.kinds or extension not in KINDS[kind].extensions:
            raise ValidationError(
                _("The file must be one of: %(kinds)s, and its name must end accordingly."),
                code="wrong_kind",
                params={"kinds": allowed},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UploadValidator) and self.kinds == other.kinds

    def __hash__(self) -> int:
        return hash(self.kinds)


def _head(file) -> bytes:
    """The first bytes of an uploaded or stored file, leaving its position at the start."""
    try:
        file.seek(0)
        head = file.read(HEAD_BYTES)
        file.seek(0)
    except (OSError, ValueError):
        return b""
    return head or b""
