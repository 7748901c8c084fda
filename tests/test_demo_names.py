"""The demo and the test fixtures use invented names only: no real city, authority or
organisation from the model's source documents (the demo's city is "Demo stad")."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Real places and bodies the source documents name. Lindängen stays: it is the demo
# program's area name and slug.
REAL = re.compile(
    r"Malmö|Malmo\b|Uppsala|Luleå|Råneå|Helsingborg|Region Skåne|Röda Korset|Rädda Barnen"
    r"|Sensus|Stena Fastigheter|Cities Changing Diabetes|Vinnova"
)


def _sources():
    yield from (ROOT / "jamlik").glob("*/demo*.py")
    yield from (ROOT / "jamlik").glob("*/forms.py")
    yield from ROOT.glob("**/conftest.py")


def test_it_finds_no_real_city_or_body_in_the_demo_or_the_fixtures():
    files = [p for p in _sources() if ".venv" not in p.parts]
    assert len(files) > 20
    found = {
        f"{path.relative_to(ROOT)}:{number}": match.group()
        for path in files
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if (match := REAL.search(line))
    }
    assert found == {}
