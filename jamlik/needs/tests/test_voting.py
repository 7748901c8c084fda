import uuid

import pytest
from django.test import Client
from django.urls import reverse

from jamlik.needs import voting
from jamlik.needs.models import Ballot, BallotDot, DotVote
from jamlik.people.models import AuditEvent


def url(name, *args):
    return reverse(f"needs:{name}", args=["test", *args])


@pytest.fixture
def vote(needs, login):
    login("leader")
    return DotVote.objects.create(inventory=needs.inventory, title="Vad är viktigast?", dots=3)


@pytest.fixture
def open_vote(vote, client):
    response = client.post(url("vote_open", vote.public_id))
    assert response.status_code == 302
    vote.refresh_from_db()
    return vote


def phone(language: str = "en") -> Client:
    """A participant's phone: no login, its own cookies, its browser's language."""
    client = Client()
    client.cookies["django_language"] = language
    return client


def ballot_url(vote, lang="en") -> str:
    return voting.public_path(vote) + f"?lang={lang}"


def dots(needs, sv=0, ar=0, lang="en") -> dict:
    return {
        f"dots-{needs.statement_sv.pk}": str(sv),
        f"dots-{needs.statement_ar.pk}": str(ar),
        "lang": lang,
    }


# The facilitator


def test_opening_puts_the_statements_on_the_ballot_and_shows_a_qr_code(open_vote, client, needs):
    assert open_vote.status == DotVote.Status.OPEN
    assert set(open_vote.statements.all()) == {needs.statement_sv, needs.statement_ar}
    page = client.get(url("vote", open_vote.public_id)).content.decode()
    assert "<svg" in page and voting.public_path(open_vote) in page
    assert 'hx-trigger="every 2s"' in page
    assert AuditEvent.objects.filter(object_type="dot_vote", detail__status="open").exists()


def test_a_vote_on_one_phase_holds_only_its_statements(needs, client, login):
    login("promoter_a")
    vote = DotVote.objects.create(inventory=needs.inventory, title="Visioner", phase="vision")
    client.post(url("vote_open", vote.public_id))
    assert list(vote.statements.all()) == [needs.statement_ar]


def test_a_vote_is_created_from_the_inventory_page(needs, client, login):
    login("hub")
    response = client.post(
        url("vote_new", "fw-2024"), {"title": "Prioritera", "dots": "5", "phase": ""}
    )
    vote = DotVote.objects.get(title="Prioritera")
    assert response.url == vote.get_absolute_url()
    assert vote.dots == 5 and vote.status == DotVote.Status.DRAFT


def test_a_vote_with_too_many_dots_is_refused(needs, client, login):
    login("leader")
    client.post(url("vote_new", "fw-2024"), {"title": "X", "dots": "50", "phase": ""})
    assert not DotVote.objects.exists()


# The phones


def test_a_phone_votes_without_logging_in(open_vote, needs):
    p = phone()
    page = p.get(ballot_url(open_vote))
    assert page.status_code == 200
    assert voting.BALLOT_COOKIE in page.cookies
    assert page.cookies[voting.BALLOT_COOKIE]["path"] == voting.cookie_path(open_vote)
    response = p.post(voting.public_path(open_vote), dots(needs, sv=2, ar=1))
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert ballot.kind == Ballot.Kind.PHONE and ballot.language == "en"
    assert {(d.statement_id, d.count) for d in ballot.dots.all()} == {
        (needs.statement_sv.pk, 2),
        (needs.statement_ar.pk, 1),
    }
    thanks = p.get(response.url).content.decode()
    assert "Your dots are counted" in thanks
    event = AuditEvent.objects.get(object_type="ballot")
    assert event.user is None and event.detail["dots"] == 3


def test_the_same_phone_cannot_vote_twice(open_vote, needs):
    p = phone()
    p.get(ballot_url(open_vote))
    p.post(voting.public_path(open_vote), dots(needs, sv=3))
    again = p.post(voting.public_path(open_vote), dots(needs, ar=3))
    assert again.status_code == 409
    assert "This phone has already voted" in again.content.decode()
    assert Ballot.objects.count() == 1
    assert BallotDot.objects.get().statement == needs.statement_sv


def test_two_phones_both_count(open_vote, needs, client):
    for counts in ({"sv": 1, "ar": 2}, {"sv": 3}):
        p = phone()
        p.get(ballot_url(open_vote))
        assert p.post(voting.public_path(open_vote), dots(needs, **counts)).status_code == 302
    result = voting.tally(open_vote)
    assert result.phones == 2 and result.dots == 6
    assert [(r.statement, r.dots) for r in result.rows] == [
        (needs.statement_sv, 4),
        (needs.statement_ar, 2),
    ]
    partial = client.get(url("vote_tally", open_vote.public_id)).content.decode()
    assert 'data-testid="phones">2<' in partial


def test_over_voting_is_refused_and_nothing_is_saved(open_vote, needs):
    p = phone()
    p.get(ballot_url(open_vote))
    response = p.post(voting.public_path(open_vote), dots(needs, sv=3, ar=1))
    assert response.status_code == 400
    page = response.content.decode()
    assert "You may place 3 dots but placed 4" in page
    assert "nothing was counted" in page
    assert f'name="dots-{needs.statement_sv.pk}" value="3"' in page  # the choice is kept
    assert not Ballot.objects.exists() and not BallotDot.objects.exists()
    # … and the phone may still vote properly.
    assert p.post(voting.public_path(open_vote), dots(needs, sv=2, ar=1)).status_code == 302


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Place at least one dot before you send."),
        ({"dots-abc": "1"}, "The ballot names a statement that is not on it."),
        ({"dots-999999": "1"}, "The ballot names a statement that is not on it."),
        ({"dots-{sv}": "-1"}, "Dots must be whole numbers from 0 up."),
        ({"dots-{sv}": "1.5"}, "Dots must be whole numbers from 0 up."),
    ],
)
def test_bad_ballots_are_refused(open_vote, needs, data, message):
    p = phone()
    p.get(ballot_url(open_vote))
    data = {k.format(sv=needs.statement_sv.pk): v for k, v in data.items()}
    response = p.post(voting.public_path(open_vote), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_phone_without_the_cookie_is_asked_to_open_the_link_again(open_vote, needs):
    response = phone().post(voting.public_path(open_vote), dots(needs, sv=1))
    assert response.status_code == 400
    assert "did not keep the voting cookie" in response.content.decode()
    assert voting.BALLOT_COOKIE in response.cookies  # and now it has one
    assert not Ballot.objects.exists()


def test_a_forged_ballot_cookie_is_not_accepted(open_vote, needs):
    p = phone()
    p.cookies[voting.BALLOT_COOKIE] = str(uuid.uuid4())
    response = p.post(voting.public_path(open_vote), dots(needs, sv=1))
    assert response.status_code == 400
    assert not Ballot.objects.exists()


def test_the_phone_page_shows_the_statements_and_nothing_else(open_vote, needs, world):
    page = phone().get(ballot_url(open_vote)).content.decode()
    assert needs.statement_sv.text in page
    assert needs.statement_ar.text in page and needs.statement_ar.text_sv in page
    for secret in (
        world.program.name,
        needs.need.title,
        needs.theme.name,
        open_vote.title,
        "Verkstad A",
        "T-AAAA",
        "/p/test/needs/votes/",
    ):
        assert secret not in page


def test_the_phone_page_follows_the_browser_or_the_choice(open_vote):
    swedish = phone("sv").get(voting.public_path(open_vote)).content.decode()
    assert '<html lang="sv" dir="ltr">' in swedish and "Skicka mina prickar" in swedish


def test_the_phone_page_speaks_arabic_right_to_left(open_vote):
    page = phone().get(ballot_url(open_vote, "ar")).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "أرسل نقاطي" in page
    english = phone().get(ballot_url(open_vote, "en")).content.decode()
    assert '<html lang="en" dir="ltr">' in english and "Send my dots" in english


def test_a_wrong_token_or_a_closed_vote_shows_nothing(open_vote, needs, client):
    bad = voting.public_path(open_vote).replace("/v/", "/v/").rsplit("/", 2)[0] + "/forged/"
    response = phone().get(bad)
    assert response.status_code == 404
    assert needs.statement_sv.text not in response.content.decode()
    client.post(url("vote_close", open_vote.public_id))
    closed = phone().get(voting.public_path(open_vote))
    assert closed.status_code == 404
    assert "This vote is not open" in closed.content.decode()


def test_opening_again_makes_the_old_code_useless(open_vote, client):
    old = voting.public_path(open_vote)
    client.post(url("vote_close", open_vote.public_id))
    client.post(url("vote_open", open_vote.public_id))
    open_vote.refresh_from_db()
    assert phone().get(old).status_code == 404
    assert phone().get(voting.public_path(open_vote)).status_code == 200


def test_a_vote_of_another_program_is_not_reachable_under_this_slug(open_vote):
    from jamlik.programs.models import Program

    Program.objects.create(slug="other", name="Annat")
    path = voting.public_path(open_vote).replace("/p/test/", "/p/other/")
    assert phone().get(path).status_code == 404


# Paper ballots


def test_paper_ballots_are_added_to_the_tally(open_vote, needs, client):
    entry = str(uuid.uuid4())
    data = {"entry_id": entry, "sheets": "4", **dots(needs, sv=7, ar=5)}
    response = client.post(url("vote_paper", open_vote.public_id), data)
    assert response.status_code == 302
    client.post(url("vote_paper", open_vote.public_id), data)  # sent twice, counted once
    result = voting.tally(open_vote)
    assert (result.paper_sheets, result.dots) == (4, 12)


def test_paper_over_voting_is_refused(open_vote, needs, client):
    data = {"entry_id": str(uuid.uuid4()), "sheets": "2", **dots(needs, sv=5, ar=2)}
    response = client.post(url("vote_paper", open_vote.public_id), data, follow=True)
    assert "You may place 6 dots but placed 7" in response.content.decode()
    assert not Ballot.objects.exists()


# Roles


@pytest.mark.parametrize("name", ["vote_open", "vote_close", "vote_paper"])
def test_facilitator_writes_reject_get(open_vote, client, name):
    assert client.get(url(name, open_vote.public_id)).status_code == 405


@pytest.mark.parametrize("who", ["viewer", "outsider", "steering", "researcher"])
def test_other_roles_cannot_run_a_vote(vote, needs, login, client, who):
    client.logout()
    login(who)
    assert client.post(url("vote_open", vote.public_id)).status_code == 404
    assert client.post(url("vote_new", "fw-2024"), {"title": "X", "dots": "3"}).status_code == 404
    vote.refresh_from_db()
    assert vote.status == DotVote.Status.DRAFT


@pytest.mark.parametrize("who", ["viewer", "outsider"])
def test_the_tally_is_hidden_from_viewers_and_outsiders(vote, login, client, who):
    client.logout()
    login(who)
    assert client.get(url("vote", vote.public_id)).status_code == 404
    assert client.get(url("vote_tally", vote.public_id)).status_code == 404
