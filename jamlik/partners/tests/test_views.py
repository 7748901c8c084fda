from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import PASSWORD, make_user
from jamlik.partners.models import Commitment, Partner, Partnership
from jamlik.people.models import AuditEvent, ProgramRole


@pytest.fixture
def hub_member(world):
    user = make_user("hub_member")
    ProgramRole.objects.create(user=user, program=world.program, role="hub")
    return user


@pytest.fixture
def partnership(world):
    partner = Partner.objects.create(name="Föreningen Ängen", sector="nonprofit")
    return Partnership.objects.create(
        program=world.program, partner=partner, role="active", joined_on=date(2020, 1, 1)
    )


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def url(name, *args):
    return reverse(f"programs:partners:{name}", args=["test", *args])


def test_the_register_flags_empty_sectors_and_missing_letters(client, world, partnership):
    login(client, world.viewer)
    response = client.get(reverse("programs:partners", args=["test"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Föreningen Ängen" in html
    assert html.count("badge-gap") == 4  # only the non-profit sector is present
    assert "no signed letter of intent" in html or "ingen undertecknad" in html.lower()


def test_the_hub_registers_a_partner_with_a_valid_org_number(client, world, hub_member):
    login(client, hub_member)
    response = client.post(
        url("new"),
        {"name": "Bolaget AB", "sector": "private", "org_number": "5560000001", "role": "active"},
    )
    partnership = Partnership.objects.get(partner__name="Bolaget AB")
    assert response["Location"] == partnership.get_absolute_url()
    assert partnership.partner.org_number == "556000-0001"
    assert AuditEvent.objects.filter(object_type="partnership", action="create").exists()


def test_a_wrong_check_digit_is_refused(client, world, hub_member):
    login(client, hub_member)
    client.post(
        url("new"),
        {"name": "Bolaget AB", "sector": "private", "org_number": "556000-0002", "role": "active"},
    )
    assert not Partner.objects.filter(name="Bolaget AB").exists()


def test_uploading_and_downloading_the_letter_of_intent(client, world, partnership, hub_member):
    login(client, hub_member)
    letter = SimpleUploadedFile("avsikt Anna.pdf", b"%PDF-1.4 letter", "application/pdf")
    response = client.post(
        url("update", partnership.pk),
        {
            "role": "active",
            "joined_on": "2020-01-01",
            "letter_signed_on": "2020-02-01",
            "letter_file": letter,
        },
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.letter_signed_on == date(2020, 2, 1)
    assert "Anna" not in partnership.letter_file.name
    download = client.get(url("letter", partnership.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 letter"
    login(client, world.promoter_a)  # promoters read the register, not the agreements
    assert client.get(url("letter", partnership.pk)).status_code == 404


def test_a_letter_must_be_a_document(client, world, partnership, hub_member):
    login(client, hub_member)
    client.post(
        url("update", partnership.pk),
        {"role": "active", "letter_file": SimpleUploadedFile("x.exe", b"MZ", "application/x")},
    )
    partnership.refresh_from_db()
    assert not partnership.letter_file


def test_commitments_make_an_active_partner(client, world, partnership, hub_member):
    assert "no resource commitment" in partnership.gaps(commitment_count=0)
    login(client, hub_member)
    response = client.post(
        url("commitment_new", partnership.pk),
        {"kind": "premises", "description": "Lokal på tisdagar", "hours": "120"},
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert commitment.partnership == partnership
    client.post(url("commitment_delete", partnership.pk, commitment.pk))
    assert not Commitment.objects.exists()


def test_write_views_reject_get_and_the_wrong_role(client, world, partnership):
    login(client, world.leader)
    writes = [
        url("new"),
        url("update", partnership.pk),
        url("commitment_new", partnership.pk),
        url("commitment_delete", partnership.pk, 1),
    ]
    for address in writes:
        assert client.get(address).status_code == 405, address
    for user in (world.promoter_a, world.viewer, world.outsider):
        login(client, user)
        for address in writes:
            assert client.post(address, {"role": "iop_party"}).status_code == 404, address
    partnership.refresh_from_db()
    assert partnership.role == "active"
    login(client, world.outsider)
    assert client.get(url("detail", partnership.pk)).status_code == 404
    assert client.get(reverse("programs:partners", args=["test"])).status_code == 404


def upload_letter(client, partnership, letter):
    return client.post(url("update", partnership.pk), {"role": "active", "letter_file": letter})


def test_a_letter_is_checked_by_its_bytes_not_its_name(client, world, partnership, hub_member):
    login(client, hub_member)
    fake = SimpleUploadedFile("avsikt.pdf", b"MZ\x90\x00 an executable", "application/pdf")
    response = upload_letter(client, partnership, fake)
    partnership.refresh_from_db()
    assert not partnership.letter_file
    page = client.get(response["Location"]) if response.status_code == 302 else response
    assert "The file must be one of: PDF, PNG, JPEG" in page.content.decode()


def test_a_letter_larger_than_the_setting_is_refused(
    client, world, partnership, hub_member, settings
):
    settings.UPLOAD_MAX_MB = 1
    login(client, hub_member)
    big = SimpleUploadedFile("avsikt.pdf", b"%PDF-1.4" + b"\0" * (2 * 1024 * 1024))
    upload_letter(client, partnership, big)
    partnership.refresh_from_db()
    assert not partnership.letter_file


def test_a_scanned_letter_is_accepted(client, world, partnership, hub_member):
    login(client, hub_member)
    scan = SimpleUploadedFile("skanning.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF scan")
    upload_letter(client, partnership, scan)
    partnership.refresh_from_db()
    assert partnership.letter_file.name.endswith(".jpg")


def test_a_stored_letter_is_readable_by_the_server_user_only(
    client, world, partnership, hub_member, settings
):
    import os
    import stat
    from pathlib import Path

    login(client, hub_member)
    upload_letter(client, partnership, SimpleUploadedFile("a.pdf", b"%PDF-1.4 letter"))
    partnership.refresh_from_db()
    path = Path(partnership.letter_file.path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
