"""Invented names for the synthetic demo program.

Every organisation, person, place and premises here is made up. Nothing is taken from
the seed documents: the workshops' themes follow the model, the names do not.
"""

from jamlik.activities.models import Activity
from jamlik.partners.models import Partnership, Sector

DEMO_NAME = "Jämlik hälsa Lindängen (demo)"
DEMO_AREA = "Lindängen (fiktivt demoområde)"
CODE_PREFIX = "LIN"

K = Activity.Kind

# key, name, theme, relative number of regular activities, and the kinds of its
# regular activities with a title for each.
WORKSHOPS = [
    {
        "key": "psykisk-halsa",
        "name": "Psykisk hälsa",
        "theme": "Stress, sömn och oro; samtalsgrupper och hälsoinformation",
        "weight": 1.0,
        "activities": [
            (K.HEALTH_CIRCLE, "Hälsocirkel: stress och sömn"),
            (K.HEALTH_CIRCLE, "Hälsocirkel: oro och återhämtning"),
            (K.EXPERIENCE_EXCHANGE, "Samtalsgrupp för vuxna"),
            (K.HEALTH_INFORMATION, "Hälsoinformation: psykisk hälsa"),
            (K.CULTURE, "Skapande verkstad"),
        ],
    },
    {
        "key": "social-halsa",
        "name": "Social hälsa",
        "theme": "Gemenskap, språk och samhällsinformation",
        "weight": 1.0,
        "activities": [
            (K.EXPERIENCE_EXCHANGE, "Mötesplats för grannar"),
            (K.LANGUAGE_DEVELOPMENT, "Svenska i vardagen"),
            (K.CIVIC_INFORMATION, "Samhällsinformation: bostad och ekonomi"),
            (K.CULTURE, "Sygrupp"),
            (K.CULTURE, "Cykelverkstad"),
        ],
    },
    {
        "key": "munhalsa-kost",
        "name": "Munhälsa och kost",
        "theme": "Tandhälsa och matvanor för hela familjen",
        "weight": 0.8,
        "activities": [
            (K.HEALTH_INFORMATION, "Tandborstskola för barn och föräldrar"),
            (K.HEALTH_CIRCLE, "Matlagning på liten budget"),
            (K.HEALTH_INFORMATION, "Hälsoinformation: socker och tänder"),
            (K.PARENTING_SUPPORT, "Föräldraträff: mat och rutiner"),
        ],
    },
    {
        "key": "trygghet",
        "name": "Trygghet",
        "theme": "Trygghet i området och tillit till samhällets aktörer",
        "weight": 0.7,
        "activities": [
            (K.OTHER, "Trygghetsvandring"),
            (K.CIVIC_INFORMATION, "Samhällsinformation: rättigheter och skyldigheter"),
            (K.EXPERIENCE_EXCHANGE, "Grannsamtal om trygghet"),
        ],
    },
    {
        "key": "kvinnors-halsa",
        "name": "Kvinnors hälsa",
        "theme": "Hälsa, rörelse och egenmakt för kvinnor",
        "weight": 1.1,
        "activities": [
            (K.PHYSICAL_ACTIVITY, "Promenadgrupp för kvinnor"),
            (K.PHYSICAL_ACTIVITY, "Simning för kvinnor"),
            (K.HEALTH_CIRCLE, "Hälsocirkel: kvinnors hälsa"),
            (K.HEALTH_INFORMATION, "Hälsoinformation: klimakteriet"),
            (K.LANGUAGE_DEVELOPMENT, "Språkcafé för kvinnor"),
        ],
    },
    {
        "key": "utegym",
        "name": "Utegym – Fitness Justice",
        "theme": "Fysisk aktivitet utomhus, gratis och nära hemmet",
        "weight": 1.3,
        "activities": [
            (K.PHYSICAL_ACTIVITY, "Utegym med instruktör"),
            (K.PHYSICAL_ACTIVITY, "Cirkelträning"),
            (K.PHYSICAL_ACTIVITY, "Ungdomsträning på utegymmet"),
            (K.PHYSICAL_ACTIVITY, "Stavgång"),
        ],
    },
    {
        "key": "barn-och-unga",
        "name": "Barn och unga",
        "theme": "Meningsfull fritid, läxhjälp och föräldrastöd",
        "weight": 1.4,
        "activities": [
            (K.PHYSICAL_ACTIVITY, "Fotboll efter skolan"),
            (K.PHYSICAL_ACTIVITY, "Dans för unga"),
            (K.CULTURE, "Konst och pyssel"),
            (K.LANGUAGE_DEVELOPMENT, "Läxhjälp"),
            (K.PARENTING_SUPPORT, "Föräldrastöd: skärmtid och sömn"),
            (K.OTHER, "Killgruppen"),
        ],
    },
]

# The children and youth workshop was added after the first six.
LATE_WORKSHOP = "barn-och-unga"

# Where a participant's first registration most likely happened, by category.
HOME_WEIGHTS = {
    "child_youth": {
        "barn-och-unga": 45,
        "utegym": 25,
        "social-halsa": 10,
        "munhalsa-kost": 10,
        "trygghet": 5,
        "psykisk-halsa": 5,
    },
    "adult": {
        "kvinnors-halsa": 25,
        "psykisk-halsa": 20,
        "social-halsa": 15,
        "munhalsa-kost": 15,
        "utegym": 12,
        "trygghet": 8,
        "barn-och-unga": 5,
    },
    "professional": {
        "trygghet": 30,
        "psykisk-halsa": 20,
        "social-halsa": 20,
        "munhalsa-kost": 15,
        "barn-och-unga": 15,
    },
}

# Larger events: kind, title, workshop key (None: program-wide), relative frequency.
LARGE_EVENTS = [
    (K.AREA_DAY, "Områdesdag", None, 3),
    (K.AREA_DAY, "Hälsodag på torget", None, 2),
    (K.DIALOGUE_FORUM, "Dialogforum med polis och socialtjänst", "trygghet", 4),
    (K.DIALOGUE_FORUM, "Dialogforum: unga och fritid", "barn-och-unga", 2),
    (K.COURTYARD_PARTY, "Gårdsfest", None, 6),
    (K.COURTYARD_PARTY, "Familjefest", "barn-och-unga", 4),
    (K.COURTYARD_PARTY, "Grannfest", "social-halsa", 3),
    (K.COURTYARD_PARTY, "Utegymmets sommarfest", "utegym", 2),
]

# name, sector, role in the program, year joined
PARTNERS = [
    ("Exempelstadens stadskontor", Sector.PUBLIC, Partnership.Role.IOP_PARTY, 2016),
    (
        "Exempelstadens arbetsmarknads- och socialförvaltning",
        Sector.PUBLIC,
        Partnership.Role.IOP_PARTY,
        2019,
    ),
    ("Exempelstadens kulturförvaltning", Sector.PUBLIC, Partnership.Role.IOP_PARTY, 2019),
    ("Ängsskolan F–9", Sector.PUBLIC, Partnership.Role.COLLABORATING, 2018),
    ("Ängens bibliotek", Sector.PUBLIC, Partnership.Role.COLLABORATING, 2017),
    ("Regionens tandvårdsklinik Söderport", Sector.PUBLIC, Partnership.Role.ACTIVE, 2018),
    ("Lokalpolisområde Exempelstad Syd", Sector.PUBLIC, Partnership.Role.COLLABORATING, 2020),
    ("Föreningen Ängsbarnen", Sector.NONPROFIT, Partnership.Role.IOP_PARTY, 2016),
    ("Studieförbundet Lärkan", Sector.NONPROFIT, Partnership.Role.ACTIVE, 2017),
    ("Ängens IF", Sector.NONPROFIT, Partnership.Role.COLLABORATING, 2019),
    ("Kvinnonätverket Solrosen", Sector.NONPROFIT, Partnership.Role.ACTIVE, 2018),
    ("Kvarnbackens folkets hus", Sector.NONPROFIT, Partnership.Role.COLLABORATING, 2021),
    ("Bostads AB Ängsgården", Sector.PRIVATE, Partnership.Role.ACTIVE, 2016),
    ("Fastighetsbolaget Kvarnstenen", Sector.PRIVATE, Partnership.Role.COLLABORATING, 2020),
    ("Hälsokostbutiken Lärkan", Sector.PRIVATE, Partnership.Role.COLLABORATING, 2022),
    (
        "Exempelstads universitet, fakulteten för hälsa och samhälle",
        Sector.ACADEMIA,
        Partnership.Role.IOP_PARTY,
        2016,
    ),
    ("Högskolan i Exempelstad, folkhälsovetenskap", Sector.ACADEMIA, Partnership.Role.ACTIVE, 2021),
    ("Boendeföreningen Ängsgården", Sector.RESIDENTS, Partnership.Role.ACTIVE, 2016),
    ("Hyresgästgruppen Kvarnbacken", Sector.RESIDENTS, Partnership.Role.COLLABORATING, 2018),
    ("Föräldranätverket Lärkparken", Sector.RESIDENTS, Partnership.Role.ACTIVE, 2020),
    ("Ungdomsrådet Ängen", Sector.RESIDENTS, Partnership.Role.COLLABORATING, 2022),
]

# Partners that show up as collaborators on a workshop's activities.
WORKSHOP_PARTNERS = {
    "psykisk-halsa": [
        "Studieförbundet Lärkan",
        "Exempelstadens arbetsmarknads- och socialförvaltning",
    ],
    "social-halsa": ["Ängens bibliotek", "Kvarnbackens folkets hus", "Studieförbundet Lärkan"],
    "munhalsa-kost": ["Regionens tandvårdsklinik Söderport", "Hälsokostbutiken Lärkan"],
    "trygghet": ["Lokalpolisområde Exempelstad Syd", "Bostads AB Ängsgården"],
    "kvinnors-halsa": ["Kvinnonätverket Solrosen", "Studieförbundet Lärkan"],
    "utegym": ["Ängens IF", "Fastighetsbolaget Kvarnstenen"],
    "barn-och-unga": ["Ängsskolan F–9", "Ängens IF", "Föräldranätverket Lärkparken"],
}

# name, employer, FTE %, languages, workshop keys. The first promoter leads two workshops.
PROMOTERS = [
    (
        "Leyla Haddad",
        "Föreningen Ängsbarnen",
        100,
        "sv, ar, en",
        ["psykisk-halsa", "social-halsa"],
    ),
    ("Farhan Abdi Warsame", "Föreningen Ängsbarnen", 100, "sv, so", ["barn-och-unga"]),
    (
        "Mirela Kovačević",
        "Exempelstadens arbetsmarknads- och socialförvaltning",
        75,
        "sv, bs",
        ["social-halsa"],
    ),
    ("Zahra Rahimi", "Kvinnonätverket Solrosen", 75, "sv, fa, prs", ["kvinnors-halsa"]),
    ("Hawa Jallow", "Föreningen Ängsbarnen", 50, "sv, en, wo", ["kvinnors-halsa"]),
    ("Nuri Demir", "Exempelstadens kulturförvaltning", 100, "sv, tr, ku", ["utegym"]),
    ("Tomasz Nowicki", "Ängens IF", 50, "sv, pl", ["utegym", "barn-och-unga"]),
    ("Dilan Aziz", "Föreningen Ängsbarnen", 75, "sv, ku, ar", ["trygghet"]),
    ("Elin Bergström", "Studieförbundet Lärkan", 50, "sv, en", ["munhalsa-kost"]),
    ("Samira Ouali", "Föreningen Ängsbarnen", 50, "sv, ar, fr", ["munhalsa-kost"]),
    (
        "Yonas Tesfaye",
        "Exempelstadens arbetsmarknads- och socialförvaltning",
        25,
        "sv, ti",
        ["psykisk-halsa"],
    ),
]

PREMISES = {
    "psykisk-halsa": ["Mötesplats Ängen", "Ängens bibliotek, studierummet"],
    "social-halsa": ["Mötesplats Ängen", "Kvarnbackens folkets hus", "Ängens bibliotek"],
    "munhalsa-kost": ["Mötesplats Ängen, köket", "Ängsskolans hemkunskapssal"],
    "trygghet": ["Kvarterslokalen Ängsgården", "Mötesplats Ängen"],
    "kvinnors-halsa": ["Mötesplats Ängen", "Simhallen Söderport", "Lärkparken"],
    "utegym": ["Utegymmet i Lärkparken"],
    "barn-och-unga": ["Fritidsgården Kvarnen", "Ängsskolans idrottshall", "Mötesplats Ängen"],
    None: ["Torget i Ängen", "Lärkparken", "Gården vid Kvarnbacken", "Kvarnbackens folkets hus"],
}

# Languages used besides Swedish, with relative frequency.
OTHER_LANGUAGES = [
    ("ar", 10),
    ("so", 6),
    ("fa", 3),
    ("bs", 3),
    ("tr", 2),
    ("ku", 2),
    ("ti", 1),
    ("pl", 1),
    ("en", 3),
]

HOME_AREAS = [
    ("Ängsgården", 30),
    ("Kvarnbacken", 25),
    ("Lärkparken", 20),
    ("Söderport", 10),
    ("Utanför området", 10),
    ("", 5),
]

# Time slots (start hour, minute) for regular activities, and for children's activities.
ADULT_SLOTS = [(10, 0), (13, 0), (17, 0), (18, 0)]
CHILD_SLOTS = [(15, 0), (15, 30), (16, 0), (17, 0)]
LARGE_SLOTS = [(11, 0), (12, 0), (14, 0), (17, 0)]
