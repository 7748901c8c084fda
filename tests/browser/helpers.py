"""Small helpers the browser tests share."""

from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def shot(page, name: str, *, full_page: bool = True) -> None:
    """Save a screenshot under test-artifacts/ (gitignored) for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def assert_no_sideways_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def assert_no_hidden_columns(page) -> None:
    """No table in the page hides columns behind a sideways scroll of its own."""
    hidden = page.evaluate(
        """() => [...document.querySelectorAll('.table-wrap')]
            .filter(w => w.scrollWidth > w.clientWidth + 1)
            .map(w => (w.querySelector('th, td') || w).innerText.slice(0, 40))"""
    )
    assert hidden == [], f"tables on {page.url} scroll sideways: {hidden}"
