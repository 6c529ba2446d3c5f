"""Texts of the demo canevas pages, in French and English, written for each group from its own
name, lead partner and government counterpart (no placeholder left on any public page)."""


def _html(sections):
    return "".join(f"<h2>{title}</h2><p>{text}</p>" for title, text in sections)


def _stream(sections):
    return [("paragraph", _html(sections))]


def tor(g, lang):
    if lang == "fr":
        return _stream(
            [
                (
                    "Contexte",
                    f"Le groupe {g['title']} réunit les partenaires techniques et financiers "
                    f"actifs dans le secteur autour de leur chef de file, {g['lead']}, et de la "
                    f"contrepartie gouvernementale ({g['ministry']}). Il s’inscrit dans le dispositif de "
                    "dialogue entre le Gouvernement du Mali et ses partenaires.",
                ),
                (
                    "Mandat et objectifs",
                    "Améliorer la coordination et l’alignement des appuis sur la "
                    "politique sectorielle, partager l’information sur les interventions, préparer les "
                    "positions communes des PTF pour le dialogue sectoriel et les revues conjointes.",
                ),
                (
                    "Composition et chef de file",
                    f"Le groupe est ouvert à tout partenaire intervenant "
                    f"dans le secteur. {g['lead']} en assure la présidence pour deux ans, avec l’appui "
                    "du Pool Technique des PTF pour le secrétariat.",
                ),
                (
                    "Modalités de travail",
                    "Une réunion ordinaire par trimestre, des réunions "
                    "extraordinaires au besoin ; l’ordre du jour est diffusé une semaine à l’avance et "
                    "le compte rendu publié dans la bibliothèque du portail sous quinze jours.",
                ),
                (
                    "Résultats attendus",
                    "Un programme de travail annuel adopté et suivi, des missions "
                    "conjointes planifiées ensemble, une contribution écrite à chaque revue sectorielle.",
                ),
                (
                    "Rapportage",
                    "Le chef de file présente un bilan annuel au groupe des chefs de "
                    "coopération ; le tableau de suivi du Pool Technique est mis à jour chaque trimestre.",
                ),
            ]
        )
    return _stream([
        ("Background", f"The {g['en_title']} group brings together the technical and financial "
         f"partners working in the sector around their lead partner, {g['lead_en']}, and the "
         f"government counterpart ({g['ministry_en']}). It is part of the dialogue between the "
         "Government of Mali and its partners."),
        ("Mandate and objectives", "Improve coordination and the alignment of support with the "
         "sector policy, share information on interventions, prepare the partners' common "
         "positions for sector dialogue and joint reviews."),
        ("Membership and lead partner", f"The group is open to every partner working in the "
         f"sector. {g['lead_en']} chairs it for two years; the PTF Technical Pool provides the "
         "secretariat."),
        ("Working arrangements", "One regular meeting per quarter, extraordinary meetings as "
         "needed; the agenda is circulated a week ahead and the minutes are published in the "
         "portal's library within two weeks."),
        ("Expected results", "An annual work programme adopted and monitored, joint missions "
         "planned together, a written contribution to every sector review."),
        ("Reporting", "The lead partner presents an annual review to the heads of cooperation; "
         "the Technical Pool's monitoring table is updated every quarter."),
    ])  # fmt: skip


def wp_objectives(g, year, lang):
    if lang == "fr":
        return _html(
            [
                (
                    "Objectif général",
                    f"En {year}, renforcer l’efficacité des appuis des PTF au "
                    f"secteur « {g['title']} » et leur alignement sur les priorités nationales.",
                ),
                (
                    "Objectifs spécifiques",
                    "Tenir les quatre réunions trimestrielles ; préparer la "
                    "revue sectorielle conjointe ; cartographier les interventions en cours et les "
                    "publier au standard IATI ; suivre les engagements pris lors de la dernière revue.",
                ),
            ]
        )
    return _html([
        ("General objective", f"In {year}, make the partners' support to the "
         f"“{g['en_title']}” sector more effective and better aligned with national priorities."),
        ("Specific objectives", "Hold the four quarterly meetings; prepare the joint sector "
         "review; map the ongoing interventions and publish them in the IATI standard; follow up "
         "the commitments made at the last review."),
    ])  # fmt: skip


def wp_coherence(g, year, lang):
    if lang == "fr":
        return _html(
            [
                (
                    "Cohérence avec le programme de travail annuel des PTF",
                    f"Les activités {year} du groupe contribuent aux axes « dialogue politique » "
                    "et « transparence de l’aide » du programme de travail des PTF, en "
                    "particulier à la préparation de la revue annuelle conjointe.",
                )
            ]
        )
    return _html([("Coherence with the PTF annual work programme",
                   f"The group's {year} activities contribute to the “policy dialogue” and "
                   "“aid transparency” strands of the PTF work programme, in particular to the "
                   "preparation of the annual joint review.")])  # fmt: skip


def capacity(g, year, lang):
    if lang == "fr":
        return _stream(
            [
                (
                    "Besoins identifiés",
                    "Les points focaux ont demandé un appui sur la gestion axée "
                    "sur les résultats, la publication des données au standard IATI et la rédaction "
                    "des comptes rendus.",
                ),
                (
                    "Publics cibles",
                    f"Points focaux du groupe {g['title']}, cadres de "
                    f"{g['ministry']} chargés du suivi sectoriel.",
                ),
                (
                    "Formations et échanges prévus",
                    f"Une session sur la gestion axée sur les "
                    f"résultats (avril {year}), un atelier pratique sur le portail et IATI, un échange "
                    "d’expériences avec un autre groupe thématique.",
                ),
                (
                    "Suivi et évaluation",
                    "Une évaluation à chaud à la fin de chaque session et un "
                    "point à six mois lors de la réunion trimestrielle.",
                ),
            ]
        )
    return _stream([
        ("Needs identified", "Focal points asked for support on results-based management, "
         "publishing data in the IATI standard and writing minutes."),
        ("Target audiences", f"Focal points of the {g['en_title']} group, staff of "
         f"{g['ministry_en']} in charge of sector monitoring."),
        ("Planned training and exchanges", f"A session on results-based management (April "
         f"{year}), a hands-on workshop on the portal and IATI, an exchange of experience with "
         "another thematic group."),
        ("Follow-up and evaluation", "A feedback form at the end of each session and a review "
         "six months later at the quarterly meeting."),
    ])  # fmt: skip


def review(g, year, lang):
    if lang == "fr":
        return _stream(
            [
                (
                    "Synthèse de l’année",
                    f"En {year}, le groupe {g['title']} s’est réuni "
                    f"régulièrement sous la présidence de {g['lead']} et a contribué à la revue "
                    "sectorielle conjointe.",
                ),
                (
                    "Résultats au regard du programme de travail",
                    "La plupart des activités prévues "
                    "ont été réalisées ; la cartographie des interventions a été publiée sur la carte de "
                    "l’aide du portail.",
                ),
                (
                    "Difficultés et enseignements",
                    "La participation des partenaires non résidents "
                    "reste irrégulière ; la diffusion des comptes rendus dans les délais a amélioré le "
                    "suivi des décisions.",
                ),
                (
                    "Recommandations pour l’année suivante",
                    "Planifier les missions conjointes dès le "
                    "premier trimestre et associer davantage la société civile aux réunions.",
                ),
            ]
        )
    return _stream([
        ("Summary of the year", f"In {year}, the {g['en_title']} group met regularly under the "
         f"chairmanship of {g['lead_en']} and contributed to the joint sector review."),
        ("Results against the work programme", "Most planned activities were carried out; the "
         "map of interventions was published on the portal's aid map."),
        ("Difficulties and lessons learnt", "Participation of non-resident partners remains "
         "irregular; circulating the minutes on time improved the follow-up of decisions."),
        ("Recommendations for next year", "Plan joint missions in the first quarter and involve "
         "civil society more in the meetings."),
    ])  # fmt: skip
