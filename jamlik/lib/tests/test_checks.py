from jamlik.lib.checks import check_secret_key


def test_it_refuses_a_placeholder_key_when_debug_is_off(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = "change-me"
    assert [e.id for e in check_secret_key(None)] == ["jamlik.E001"]


def test_it_accepts_a_long_random_key(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = "x8Jq" * 15
    assert check_secret_key(None) == []


def test_it_lets_a_development_server_run_with_any_key(settings):
    settings.DEBUG = True
    settings.SECRET_KEY = "change-me"
    assert check_secret_key(None) == []
