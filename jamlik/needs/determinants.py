"""The determinants of health: Dahlgren–Whitehead's layers with the factors of seed 000.

Kept as data in code, not in the database: the taxonomy is fixed by the model, and
statements and needs store factor keys (`"housing_safety"`), which stay stable while the
labels are translated. Seed 000 ("Vad är hälsa", after Information Sverige) lists the
factors; "language" and "safety in one's home and area" come from the model's own text
("språk, utbildning och arbete, trygghet i sitt boende och sitt bostadsområde").
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Factor:
    key: str
    label: Promise


@dataclass(frozen=True)
class Layer:
    key: str
    label: Promise
    factors: tuple[Factor, ...]


LAYERS: tuple[Layer, ...] = (
    Layer(
        "individual",
        _("Age, sex and heredity"),
        (
            Factor("age", _("Age")),
            Factor("sex", _("Sex")),
            Factor("heredity", _("Heredity")),
        ),
    ),
    Layer(
        "lifestyle",
        _("Lifestyle"),
        (
            Factor("food", _("Food")),
            Factor("sleep", _("Sleep")),
            Factor("exercise", _("Exercise")),
            Factor("sexual_health", _("Sex and relationships")),
            Factor("alcohol", _("Alcohol")),
            Factor("tobacco", _("Tobacco")),
            Factor("drugs", _("Drugs")),
        ),
    ),
    Layer(
        "community",
        _("Social and community networks"),
        (
            Factor("social_support", _("Social support")),
            Factor("relationships", _("Relationships")),
            Factor("childrens_adult_contacts", _("Children's contacts with adults")),
            Factor("influence", _("Influence")),
            Factor("social_networks", _("Social networks")),
        ),
    ),
    Layer(
        "living_working",
        _("Living and working conditions"),
        (
            Factor("language", _("Language")),
            Factor("education", _("Education")),
            Factor("work", _("Work")),
            Factor("unemployment", _("Unemployment")),
            Factor("work_environment", _("Work environment")),
            Factor("housing", _("Housing")),
            Factor("housing_safety", _("Safety at home and in the area")),
            Factor("physical_environment", _("Physical environment")),
            Factor("agriculture_food", _("Agriculture and food supply")),
            Factor("leisure_culture", _("Leisure and culture")),
            Factor("social_services", _("Social services")),
            Factor("health_care", _("Health and medical care")),
            Factor("social_insurance", _("Social insurance")),
            Factor("traffic", _("Traffic")),
        ),
    ),
    Layer(
        "general",
        _("General socio-economic, cultural and environmental conditions"),
        (
            Factor("economy", _("The economy")),
            Factor("environment", _("Environment")),
            Factor("nature", _("Nature")),
            Factor("politics", _("Politics")),
            Factor("religion", _("Religion")),
            Factor("culture", _("Culture")),
        ),
    ),
)

FACTORS: dict[str, Factor] = {f.key: f for layer in LAYERS for f in layer.factors}
LAYER_OF: dict[str, Layer] = {f.key: layer for layer in LAYERS for f in layer.factors}


def choices() -> list[tuple[Promise, list[tuple[str, Promise]]]]:
    """Grouped choices for a form field: one group per layer."""
    return [(layer.label, [(f.key, f.label) for f in layer.factors]) for layer in LAYERS]


def unknown(keys: list[str]) -> list[str]:
    return [key for key in keys if key not in FACTORS]


def labels(keys: list[str]) -> list[str]:
    return [str(FACTORS[key].label) for key in keys if key in FACTORS]
