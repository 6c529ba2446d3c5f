"""Write ``mali-admin.json`` from the tables below (kept in code so a review sees the numbers).

Not used at run time: ``iati_publisher.gazetteer`` reads the JSON. Run it after editing a table:
``python iati_publisher/gazetteer/build_gazetteer.py``.
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

# code (ISO 3166-2:ML), name fr, name en, capital, capital latitude, capital longitude
REGIONS = [
    ("ML-1", "Kayes", "Kayes", "Kayes", 14.447, -11.445),
    ("ML-2", "Koulikoro", "Koulikoro", "Koulikoro", 12.863, -7.560),
    ("ML-3", "Sikasso", "Sikasso", "Sikasso", 11.318, -5.667),
    ("ML-4", "Ségou", "Ségou", "Ségou", 13.431, -6.265),
    ("ML-5", "Mopti", "Mopti", "Mopti", 14.493, -4.191),
    ("ML-6", "Tombouctou", "Timbuktu", "Tombouctou", 16.773, -3.007),
    ("ML-7", "Gao", "Gao", "Gao", 16.272, -0.044),
    ("ML-8", "Kidal", "Kidal", "Kidal", 18.441, 1.408),
    ("ML-9", "Ménaka", "Ménaka", "Ménaka", 15.918, 2.402),
    ("ML-10", "Taoudénit", "Taoudénit", "Taoudénit", 22.678, -3.978),
    ("ML-BKO", "District de Bamako", "Bamako District", "Bamako", 12.639, -8.003),
]

# GADM 3.6 level-1 identifiers (IATI geographic vocabulary A3; alphabetical in GADM), for the
# nine units that GADM 3.6 has: Ménaka and Taoudénit post-date it.
GADM = {
    "ML-BKO": "MLI.1_1",
    "ML-7": "MLI.2_1",
    "ML-1": "MLI.3_1",
    "ML-8": "MLI.4_1",
    "ML-2": "MLI.5_1",
    "ML-5": "MLI.6_1",
    "ML-4": "MLI.7_1",
    "ML-3": "MLI.8_1",
    "ML-6": "MLI.9_1",
}

# région code, cercle name, latitude, longitude (of the cercle's chief town)
CERCLES = [
    ("ML-1", "Kayes", 14.447, -11.445),
    ("ML-1", "Bafoulabé", 13.806, -10.829),
    ("ML-1", "Diéma", 14.541, -9.186),
    ("ML-1", "Kéniéba", 12.842, -11.236),
    ("ML-1", "Kita", 13.034, -9.491),
    ("ML-1", "Nioro du Sahel", 15.230, -9.590),
    ("ML-1", "Yélimané", 15.120, -10.572),
    ("ML-2", "Koulikoro", 12.863, -7.560),
    ("ML-2", "Banamba", 13.548, -7.448),
    ("ML-2", "Dioïla", 12.492, -6.794),
    ("ML-2", "Kangaba", 11.937, -8.413),
    ("ML-2", "Kati", 12.744, -8.072),
    ("ML-2", "Kolokani", 13.573, -8.034),
    ("ML-2", "Nara", 15.168, -7.286),
    ("ML-3", "Sikasso", 11.318, -5.667),
    ("ML-3", "Bougouni", 11.418, -7.483),
    ("ML-3", "Kadiolo", 10.556, -5.764),
    ("ML-3", "Kolondiéba", 11.088, -6.893),
    ("ML-3", "Koutiala", 12.392, -5.464),
    ("ML-3", "Yanfolila", 11.178, -8.150),
    ("ML-3", "Yorosso", 12.356, -4.777),
    ("ML-4", "Ségou", 13.431, -6.265),
    ("ML-4", "Barouéli", 13.077, -6.835),
    ("ML-4", "Bla", 12.948, -5.760),
    ("ML-4", "Macina", 13.962, -5.358),
    ("ML-4", "Niono", 14.252, -5.993),
    ("ML-4", "San", 13.303, -4.897),
    ("ML-4", "Tominian", 13.286, -4.390),
    ("ML-5", "Mopti", 14.493, -4.191),
    ("ML-5", "Bandiagara", 14.350, -3.610),
    ("ML-5", "Bankass", 14.077, -3.517),
    ("ML-5", "Djenné", 13.906, -4.555),
    ("ML-5", "Douentza", 15.002, -2.948),
    ("ML-5", "Koro", 14.067, -3.083),
    ("ML-5", "Ténenkou", 14.457, -4.918),
    ("ML-5", "Youwarou", 15.370, -4.260),
    ("ML-6", "Tombouctou", 16.773, -3.007),
    ("ML-6", "Diré", 16.280, -3.398),
    ("ML-6", "Goundam", 16.414, -3.671),
    ("ML-6", "Gourma-Rharous", 16.878, -1.928),
    ("ML-6", "Niafunké", 15.932, -3.990),
    ("ML-7", "Gao", 16.272, -0.044),
    ("ML-7", "Ansongo", 15.659, 0.502),
    ("ML-7", "Bourem", 16.956, -0.350),
    ("ML-9", "Ménaka", 15.918, 2.402),
    ("ML-8", "Kidal", 18.441, 1.408),
    ("ML-8", "Abeïbara", 19.117, 1.750),
    ("ML-8", "Tessalit", 20.199, 1.011),
    ("ML-8", "Tin-Essako", 18.447, 2.483),
]


def main():
    regions = [
        {
            "code": code,
            "level": 1,
            "name_fr": name_fr,
            "name_en": name_en,
            "gadm": GADM.get(code, ""),
            "capital": capital,
            "latitude": lat,
            "longitude": lon,
        }
        for code, name_fr, name_en, capital, lat, lon in REGIONS
    ]
    counters = {}
    cercles = []
    for region, name, lat, lon in CERCLES:
        counters[region] = counters.get(region, 0) + 1
        cercles.append(
            {
                "code": f"{region}-{counters[region]:02d}",
                "level": 2,
                "region": region,
                "name_fr": name,
                "name_en": name,
                "latitude": lat,
                "longitude": lon,
            }
        )
    data = {
        "source": "Compiled by hand for the Portail PTF Mali; see README.md (approximate).",
        "regions": regions,
        "cercles": cercles,
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    (HERE / "mali-admin.json").write_text(text + "\n", encoding="utf-8")
    print(len(regions), "régions,", len(cercles), "cercles")


if __name__ == "__main__":
    main()
