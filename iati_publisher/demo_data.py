"""Reference data of the IATI demo: partners, themes and places of Mali."""

# ref, name (fr), name (en), organisation type, currency
PARTNERS = [
    ("FR-6", "Agence française de développement", "French Development Agency", "10", "EUR"),
    ("XM-DAC-41122", "Fonds des Nations unies pour l'enfance (UNICEF)", "UNICEF", "40", "XOF"),
    ("CA-3", "Affaires mondiales Canada", "Global Affairs Canada", "10", "XOF"),
    ("XM-DAC-7", "Ministère des Affaires étrangères des Pays-Bas", "Netherlands MFA", "10", "EUR"),
    ("XI-IATI-EC_INTPA", "Union européenne – DG INTPA", "European Union – DG INTPA", "15", "EUR"),
    ("XM-DAC-44000", "Banque mondiale", "World Bank", "40", "XOF"),
]

# région, GADM id, latitude, longitude (the région capitals)
REGIONS = [
    ("Kayes", "MLI.3_1", "14.447200", "-11.445300"),
    ("Koulikoro", "MLI.5_1", "12.862700", "-7.559800"),
    ("Sikasso", "MLI.8_1", "11.317600", "-5.666500"),
    ("Ségou", "MLI.7_1", "13.431700", "-6.265700"),
    ("Mopti", "MLI.6_1", "14.484300", "-4.182700"),
    ("Tombouctou", "MLI.9_1", "16.773500", "-3.007400"),
    ("Gao", "MLI.2_1", "16.271700", "-0.044700"),
    ("Kidal", "MLI.4_1", "18.441100", "1.407800"),
    ("Bamako", "MLI.1_1", "12.639200", "-8.002900"),
]

# theme key, words to find the thematic group, DAC 5-digit sectors, titles (fr, en) with {r}
THEMES = [
    (
        "sante",
        ["santé", "sante", "health"],
        ["12220", "12240", "13020"],
        [
            ("Santé maternelle et infantile dans la région de {r}", "Maternal and child health in the {r} region"),
            ("Lutte contre le paludisme et vaccination dans les centres de santé ({r})", "Malaria control and vaccination in community health centres ({r})"),
        ],
    ),
    (
        "education",
        ["éducation", "education"],
        ["11220", "11320", "11330"],
        [
            ("Accès à l'école fondamentale dans la région de {r}", "Access to basic schooling in the {r} region"),
            ("Formation professionnelle des jeunes ({r})", "Vocational training for young people ({r})"),
        ],
    ),
    (
        "eau",
        ["eau", "water", "assainissement"],
        ["14030", "14031", "14032"],
        [
            ("Eau potable et assainissement en milieu rural ({r})", "Rural drinking water and sanitation ({r})"),
        ],
    ),
    (
        "agriculture",
        ["agricult", "rural", "sécurité alimentaire", "food"],
        ["31120", "31161", "31140", "43071"],
        [
            ("Irrigation de proximité et cultures vivrières ({r})", "Small-scale irrigation and food crops ({r})"),
            ("Résilience des exploitations familiales dans la région de {r}", "Resilience of family farms in the {r} region"),
        ],
    ),
    (
        "gouvernance",
        ["gouvernance", "governance", "décentralisation"],
        ["15110", "15150", "15130"],
        [
            ("Appui à la décentralisation et aux collectivités de {r}", "Support to decentralisation and local authorities in {r}"),
        ],
    ),
    (
        "humanitaire",
        ["humanitaire", "humanitarian"],
        ["72010", "43071"],
        [
            ("Assistance aux populations déplacées ({r})", "Assistance to displaced people ({r})"),
        ],
    ),
]  # fmt: skip

DESCRIPTIONS = (
    "Le projet, mis en œuvre avec les services techniques de l'État et les collectivités "
    "territoriales, vise à améliorer durablement l'accès des populations aux services de base. "
    "Il s'inscrit dans le programme de travail du groupe thématique et fait l'objet d'un bilan "
    "annuel partagé avec les partenaires techniques et financiers.",
    "Implemented with the State's technical services and local authorities, the project aims at "
    "lasting improvements in people's access to basic services. It is part of the thematic "
    "group's work programme and is reviewed every year with the technical and financial partners.",
)

IMPLEMENTERS = [
    ("ML-RCCM-ONG-01", "ONG AMASSA Afrique Verte", "21"),
    ("", "Direction nationale de la santé", "10"),
    ("", "Agence nationale d'investissement des collectivités territoriales (ANICT)", "10"),
    ("", "Helvetas Mali", "21"),
    ("", "Conseil régional", "10"),
]
