import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from jamlik.lib.uploads import UploadValidator, detect_kind

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF"


@pytest.mark.parametrize(
    ("head", "kind"),
    [(PDF, "pdf"), (PNG, "png"), (JPEG, "jpeg"), (b"PK\x03\x04", None), (b"", None)],
)
def test_it_detects_a_kind_by_its_first_bytes(head, kind):
    assert detect_kind(head) == kind


@pytest.mark.parametrize(
    ("name", "content"),
    [("brev.pdf", PDF), ("skanning.PNG", PNG), ("foto.jpg", JPEG), ("foto.jpeg", JPEG)],
)
def test_it_accepts_a_file_whose_bytes_and_name_agree(name, content):
    UploadValidator(kinds=("pdf", "png", "jpeg"))(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("brev.pdf", b"MZ\x90\x00 not a pdf"),  # an executable renamed
        ("brev.pdf", b"<html><script>alert(1)</script>"),
        ("brev.pdf", PNG),  # a PNG would be served as a PDF
        ("brev.exe", PDF),
        ("brev", PDF),
        ("brev.docx", b"PK\x03\x04"),
    ],
)
def test_it_refuses_a_file_by_its_bytes_not_its_name(name, content):
    with pytest.raises(ValidationError) as error:
        UploadValidator(kinds=("pdf", "png", "jpeg"))(SimpleUploadedFile(name, content))
    assert error.value.code == "wrong_kind"


def test_it_refuses_images_where_only_pdf_is_allowed():
    with pytest.raises(ValidationError):
        UploadValidator()(SimpleUploadedFile("foto.png", PNG))


def test_it_caps_the_size_by_the_setting(settings):
    settings.UPLOAD_MAX_MB = 1
    validate = UploadValidator()
    validate(SimpleUploadedFile("brev.pdf", PDF + b"\0" * (1024 * 1024 - len(PDF))))
    with pytest.raises(ValidationError) as error:
        validate(SimpleUploadedFile("brev.pdf", PDF + b"\0" * (1024 * 1024)))
    assert error.value.code == "too_large"


def test_it_refuses_an_unknown_kind_when_declared():
    with pytest.raises(ValueError, match="unknown upload kinds"):
        UploadValidator(kinds=("exe",))
