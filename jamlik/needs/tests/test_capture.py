import json
import uuid

import pytest
from django.urls import reverse

from jamlik.needs.models import NeedStatement
from jamlik.people.models import AuditEvent

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, *args):
    return reverse(f"needs:{name}", args=["test", *args])


def statement(**overrides):
    data = {
        "client_id": str(uuid.uuid4()),
        "text": "Ungdomarna behöver en plats att vara på kvällarna",
        "language": "sv",
        "text_sv": "",
        "phase": "critique",
        "source": "residents",
        "theme": "",
    }
    return {**data, **overrides}


def test_the_capture_page_offers_the_methods_phases(login, needs):
    page = login("promoter_a").get(url("capture", "fw-2024")).content.decode()
    assert 'value="critique"' in page and 'value="realisation"' in page
    assert 'value="deeper_analysis"' not in page
    assert "Trygghet" in page  # the theme as a choice
    assert 'name="client_id"' in page


def test_it_saves_a_statement_through_htmx(login, needs):
    data = statement(theme=str(needs.theme.pk), determinants=["exercise", "social_networks"])
    response = login("promoter_a").post(url("statement_new", "fw-2024"), data, **HTMX)
    assert response.status_code == 200
    saved = NeedStatement.objects.get(client_id=data["client_id"])
    assert saved.text == data["text"]
    assert saved.theme == needs.theme
    assert saved.determinants == ["exercise", "social_networks"]
    assert saved.created_by.username == "promoter_a"
    trigger = json.loads(response["HX-Trigger"])["statement-saved"]
    assert trigger["sent"] == data["client_id"] and trigger["next"] != data["client_id"]
    body = response.content.decode()
    assert 'hx-swap-oob="afterbegin:#latest"' in body and data["text"] in body
    assert AuditEvent.objects.filter(action="create", object_type="need_statement").count() == 1


def test_it_keeps_the_language_and_translation(login, needs):
    data = statement(language="AR", text="نحتاج إلى ملعب", text_sv="Vi behöver en lekplats")
    login("leader").post(url("statement_new", "fw-2024"), data, **HTMX)
    saved = NeedStatement.objects.get(client_id=data["client_id"])
    assert (saved.language, saved.text_sv) == ("ar", "Vi behöver en lekplats")


def test_sending_the_same_statement_twice_saves_it_once(login, needs):
    client = login("promoter_a")
    data = statement()
    client.post(url("statement_new", "fw-2024"), data, **HTMX)
    again = client.post(url("statement_new", "fw-2024"), data, **HTMX)
    assert again.status_code == 200
    assert NeedStatement.objects.filter(client_id=data["client_id"]).count() == 1


def test_a_plain_post_redirects_back_keeping_language_and_phase(login, needs):
    data = statement(language="so", phase="vision")
    response = login("promoter_a").post(url("statement_new", "fw-2024"), data)
    assert response.status_code == 302
    assert "language=so" in response.url and "phase=vision" in response.url
    assert NeedStatement.objects.filter(language="so").exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"text": "   "}, "Write the statement before saving it."),
        ({"theme": "999999"}, "Unknown theme: choose one of the program&#x27;s themes."),
        ({"determinants": ["moon_phase"]}, "Unknown determinant of health: moon_phase."),
        ({"phase": "proposals"}, "proposals is not a phase of this method."),
        ({"language": "sv; drop"}, "Write a language code such as sv, ar or so."),
    ],
)
def test_bad_input_is_answered_clearly_and_nothing_is_saved(login, needs, overrides, message):
    client = login("promoter_a")
    before = NeedStatement.objects.count()
    data = statement(**overrides)
    htmx = client.post(url("statement_new", "fw-2024"), data, **HTMX)
    assert htmx.status_code == 200  # answered into the error box; the typed text stays
    assert "HX-Trigger" not in htmx
    assert message in htmx.content.decode()
    assert "Nothing was saved; your text is kept." in htmx.content.decode()
    plain = client.post(url("statement_new", "fw-2024"), data)
    assert plain.status_code == 400
    assert message in plain.content.decode()
    assert NeedStatement.objects.count() == before


def test_a_theme_of_another_program_is_unknown(login, needs):
    from jamlik.needs.models import Theme
    from jamlik.programs.models import Program

    other = Program.objects.create(slug="other", name="Annat")
    foreign = Theme.objects.create(program=other, name="Främmande")
    response = login("leader").post(
        url("statement_new", "fw-2024"), statement(theme=str(foreign.pk)), **HTMX
    )
    assert "Unknown theme" in response.content.decode()
    assert not NeedStatement.objects.filter(theme=foreign).exists()


def test_capturing_rejects_get(login, needs):
    assert login("leader").get(url("statement_new", "fw-2024")).status_code == 405


@pytest.mark.parametrize("who", ["viewer", "steering", "researcher", "outsider"])
def test_roles_that_do_not_capture_get_404(login, needs, who):
    client = login(who)
    assert client.get(url("capture", "fw-2024")).status_code == 404
    assert client.post(url("statement_new", "fw-2024"), statement()).status_code == 404
    assert NeedStatement.objects.count() == 2


def test_anonymous_users_are_sent_to_log_in(login, needs):
    response = login("anonymous").post(url("statement_new", "fw-2024"), statement())
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_capture_page_speaks_swedish_by_default(login, needs, client):
    login("promoter_a")
    client.cookies["django_language"] = "sv"
    page = client.get(url("capture", "fw-2024")).content.decode()
    assert "Spara utsagan" in page and "Hälsans bestämningsfaktorer" in page
    assert "Trygghet i boendet och bostadsområdet" in page
