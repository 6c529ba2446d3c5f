"""The five demo modules in French (the source language; ``en.py`` has the same shape).

Written for focal points who have never used a CMS: short steps, the exact labels of the
admin's buttons and menus as this product shows them in French. Screenshot keys refer to the
captures made by ``manage.py take_screenshots`` (``training/screenshots.py``).
"""

MODULES = [
    {
        "title": "Se connecter et modifier une page de son groupe",
        "slug": "se-connecter-et-modifier-une-page",
        "summary": "Votre première visite dans l’administration du portail : se connecter, "
        "retrouver la page de votre groupe thématique, la modifier et enregistrer un brouillon.",
        "objectives": "<ul><li>Se connecter à l’administration avec son compte</li>"
        "<li>Retrouver la page de son groupe dans l’explorateur de pages</li>"
        "<li>Modifier un texte et enregistrer un brouillon</li></ul>",
        "prerequisites": "<ul><li>Avoir reçu son nom d’utilisateur et son mot de passe du Pool "
        "Technique (ou du formateur, pour le bac à sable)</li></ul>",
        "lessons": [
            {
                "title": "Se connecter",
                "text": "<p>Ouvrez l’adresse du portail suivie de <b>/admin/</b> dans votre "
                "navigateur. Saisissez votre <b>nom d’utilisateur</b> et votre <b>mot de passe</b>, "
                "puis cliquez sur <b>S’identifier</b>.</p><p>Après cinq essais manqués, la "
                "connexion est bloquée un moment : demandez alors au Pool Technique de vous "
                "débloquer.</p>",
                "exercise": "<p>Connectez-vous avec le compte stagiaire que le formateur vous a "
                "donné. Vous arrivez sur le tableau de bord.</p>",
                "shots": [("m1-login", "L’écran de connexion de l’administration.")],
            },
            {
                "title": "Retrouver la page de son groupe",
                "text": "<p>Dans le menu de gauche, cliquez sur <b>Pages</b>, puis sur "
                "<b>Groupes thématiques</b>. Vous ne voyez que votre groupe : les pages des autres "
                "groupes ne vous sont pas accessibles.</p><p>Cliquez sur le nom de votre groupe "
                "pour voir ses sous-pages (termes de référence, programme de travail, réunions…).</p>",
                "exercise": "<p>Ouvrez le groupe <b>Bac à sable (formation)</b> et comptez ses "
                "sous-pages.</p>",
                "shots": [
                    ("m1-explorer", "L’explorateur de pages : votre groupe et ses sous-pages.")
                ],
            },
            {
                "title": "Modifier la page et enregistrer un brouillon",
                "text": "<p>Survolez la page de votre groupe et cliquez sur <b>Modifier</b>. "
                "Changez un texte, par exemple le <b>mandat</b>. Le cadre d’aide en haut de "
                "l’écran renvoie vers la leçon utile.</p><p>Cliquez sur <b>Enregistrer le "
                "brouillon</b> en bas de l’écran : vos changements sont gardés mais pas encore "
                "visibles du public.</p>",
                "exercise": "<p>Ajoutez une phrase au mandat du bac à sable et enregistrez le "
                "brouillon.</p>",
                "shots": [("m1-edit", "L’écran de modification d’une page de groupe.")],
            },
        ],
        "checklist": [
            "Je sais me connecter à l’administration",
            "Je retrouve la page de mon groupe",
            "Je sais enregistrer un brouillon",
        ],
    },
    {
        "title": "Publier un document dans la bibliothèque avec de bonnes métadonnées",
        "slug": "publier-un-document-dans-la-bibliotheque",
        "summary": "Déposer un rapport ou un compte rendu dans la bibliothèque de votre groupe, "
        "avec les informations qui permettent de le retrouver.",
        "objectives": "<ul><li>Déposer un document dans la collection de son groupe</li>"
        "<li>Remplir le titre, le type, la date et les organisations émettrices</li>"
        "<li>Choisir s’il est public ou réservé au groupe</li></ul>",
        "prerequisites": "<ul><li>Module 1 : se connecter et modifier une page</li></ul>",
        "lessons": [
            {
                "title": "Ajouter un document",
                "text": "<p>Dans le menu de gauche, cliquez sur <b>Documents</b>, puis sur "
                "<b>Ajouter un document</b>. Choisissez le fichier sur votre ordinateur (PDF, "
                "Word, Excel…). Le portail vérifie le fichier : un fichier abîmé ou dangereux "
                "est refusé avec un message.</p>",
                "exercise": "<p>Déposez un petit PDF dans la collection du bac à sable.</p>",
                "shots": [
                    ("m2-documents", "La liste des documents de votre groupe."),
                    ("m2-add-document", "L’écran d’ajout de documents."),
                ],
            },
            {
                "title": "Remplir les métadonnées",
                "text": "<p>Après l’envoi, le formulaire du document s’ouvre sous le fichier "
                "(plus tard : cliquez sur son titre dans la liste des documents). Donnez un "
                "<b>titre</b> clair (le nom officiel du document), le "
                "<b>type de document</b>, la <b>date de publication</b>, les <b>organisations "
                "émettrices</b>, les <b>langues du document</b> et les <b>groupes thématiques</b> "
                "concernés. Ce sont ces informations qui permettent au public de filtrer la "
                "bibliothèque.</p>",
                "exercise": "<p>Complétez toutes les métadonnées de votre document.</p>",
                "shots": [("m2-document-edit", "Le formulaire d’un document et ses métadonnées.")],
            },
            {
                "title": "Public ou privé",
                "text": "<p>Un document de la collection de votre groupe est visible dans la "
                "bibliothèque publique si la case <b>afficher dans la bibliothèque publique</b> "
                "est cochée. Les documents de la collection <b>Privé</b> de votre groupe ne sont "
                "visibles que par le groupe et le Pool Technique.</p>",
                "exercise": "<p>Cherchez votre document dans la bibliothèque publique.</p>",
                "shots": [("m2-library", "La bibliothèque publique et ses filtres.")],
            },
        ],
        "checklist": [
            "Je sais déposer un document",
            "Je remplis le titre, le type, la date et les émetteurs",
            "Je sais rendre un document public ou le garder privé",
        ],
    },
    {
        "title": "Soumettre à la modération et publier",
        "slug": "soumettre-a-la-moderation-et-publier",
        "summary": "Les éditeurs proposent, les modérateurs publient : comment une page passe du "
        "brouillon à la publication.",
        "objectives": "<ul><li>Soumettre une page à la modération de son groupe</li>"
        "<li>Approuver ou demander des modifications (modérateurs)</li>"
        "<li>Suivre l’historique d’une page</li></ul>",
        "prerequisites": "<ul><li>Module 1 : se connecter et modifier une page</li></ul>",
        "lessons": [
            {
                "title": "Soumettre une page",
                "text": "<p>Dans l’écran de modification, ouvrez le menu à côté de "
                "<b>Enregistrer le brouillon</b> (la petite flèche) et choisissez <b>Soumettre à "
                "… — Modération</b>, avec le sigle de votre groupe (par exemple « Soumettre à "
                "SANTE — Modération »). Les modérateurs de votre groupe et le Pool Technique sont "
                "prévenus.</p>",
                "exercise": "<p>Modifiez l’actualité du bac à sable puis soumettez-la.</p>",
                "shots": [("m3-submit", "Le menu d’actions avec « Soumettre à … ».")],
            },
            {
                "title": "Approuver ou demander des modifications",
                "text": "<p>Sur le tableau de bord d’un modérateur, le cadre <b>Mon groupe</b> "
                "compte les pages <b>En attente de modération</b> ; dès qu’une page attend, le "
                "cadre <b>En attente de votre vérification</b> apparaît aussi. Ouvrez la page : "
                "le menu d’actions en bas de l’écran propose <b>Approuver</b> (la page est "
                "publiée) ou <b>Demander des modifications</b> avec un commentaire.</p>",
                "exercise": "<p>Avec le formateur, regardez la page soumise depuis le compte "
                "d’un modérateur.</p>",
                "shots": [("m3-review", "Le tableau de bord d’un modérateur.")],
            },
            {
                "title": "Suivre l’historique",
                "text": "<p>L’icône en forme d’horloge (<b>Historique</b>), en haut à droite de "
                "l’écran de modification, liste ce qui a été fait sur la page : création, "
                "modifications, soumission, publication, avec qui et quand. Le bouton des "
                "filtres, à droite, puis <b>Action</b> n’affiche qu’un type d’action.</p>",
                "exercise": "<p>Ouvrez l’historique de l’actualité que vous avez soumise.</p>",
                "shots": [("m3-history", "L’historique d’une page.")],
            },
        ],
        "checklist": [
            "Je sais soumettre une page à la modération",
            "Je sais où les modérateurs approuvent",
            "Je retrouve l’historique d’une page",
        ],
    },
    {
        "title": "Saisir et valider une activité IATI",
        "slug": "saisir-et-valider-une-activite-iati",
        "summary": "Décrire un projet au standard IATI 2.03 pour qu’il soit publié et apparaisse "
        "sur la carte de l’aide.",
        "objectives": "<ul><li>Créer une activité avec son identifiant IATI</li>"
        "<li>Renseigner les dates, les secteurs, les lieux et les montants</li>"
        "<li>Lire le rapport de validation et corriger les erreurs</li></ul>",
        "prerequisites": "<ul><li>Module 1 ; avoir le rôle « Publication IATI »</li></ul>",
        "lessons": [
            {
                "title": "La liste des activités",
                "text": "<p>Dans le menu de gauche, ouvrez <b>IATI</b> puis <b>Activités</b>. "
                "Chaque ligne est un projet, avec son identifiant IATI, son organisation "
                "déclarante et son état.</p>",
                "exercise": "<p>Filtrez la liste sur votre organisation.</p>",
                "shots": [("m4-activities", "La liste des activités IATI.")],
            },
            {
                "title": "Saisir une activité",
                "text": "<p>Cliquez sur <b>Ajouter</b>. Remplissez l’<b>Identification</b> "
                "(organisation déclarante, identifiant, titres en français et en anglais), puis "
                "<b>Géographie et secteurs</b> (le sélecteur de carte aide à placer les lieux), "
                "puis <b>Finances</b> (budgets, transactions).</p>",
                "exercise": "<p>Ouvrez une activité existante et repérez les trois parties.</p>",
                "shots": [("m4-activity-edit", "Le formulaire d’une activité.")],
            },
            {
                "title": "Valider avant de publier",
                "text": "<p>Le portail vérifie chaque activité avec les règles officielles "
                "IATI : les erreurs sont affichées à côté du champ concerné. Le <b>Rapport de "
                "validation</b> (menu <b>IATI</b>) liste les problèmes de toutes les activités. "
                "Une activité publiée apparaît sur la carte de l’aide.</p>",
                "exercise": "<p>Ouvrez le rapport de validation et lisez le premier problème.</p>",
                "shots": [("m4-validation", "Le rapport de validation IATI.")],
            },
        ],
        "checklist": [
            "Je trouve la liste des activités",
            "Je sais remplir les parties d’une activité",
            "Je sais lire le rapport de validation",
        ],
    },
    {
        "title": "Animer son groupe : membres, réunions, présences, programme de travail",
        "slug": "animer-son-groupe",
        "summary": "Tenir à jour la vie du groupe : ses membres, ses réunions et les présences, "
        "son programme de travail annuel.",
        "objectives": "<ul><li>Tenir à jour la liste des membres et des points focaux</li>"
        "<li>Annoncer une réunion et enregistrer les présences</li>"
        "<li>Suivre le programme de travail de l’année</li></ul>",
        "prerequisites": "<ul><li>Modules 1 et 3</li></ul>",
        "lessons": [
            {
                "title": "Les membres du groupe",
                "text": "<p>Le menu <b>Membres des GT</b> (visible des modérateurs du groupe) "
                "montre qui peut modifier et modérer les pages de vos groupes. Les organisations membres et les points "
                "focaux se modifient dans la page du groupe, parties <b>Membres</b> et <b>Points "
                "focaux</b>.</p>",
                "exercise": "<p>Ajoutez une organisation membre au bac à sable.</p>",
                "shots": [("m5-members", "Les membres de vos groupes.")],
            },
            {
                "title": "Annoncer une réunion et noter les présences",
                "text": "<p>Sous la page du groupe, ajoutez une sous-page <b>réunion</b> : "
                "remplissez <b>Date et lieu</b> et l’<b>ordre du jour</b>. Après la réunion, "
                "ajoutez le compte rendu et, dans <b>Participation</b>, une ligne par organisation "
                "membre avec les personnes présentes.</p>",
                "exercise": "<p>Enregistrez les présences de la réunion d’exercice.</p>",
                "shots": [("m5-meeting", "Une réunion avec ses présences.")],
            },
            {
                "title": "L’agenda public",
                "text": "<p>Les réunions publiées apparaissent dans l’agenda des groupes et "
                "dans le fichier iCalendar auquel les membres peuvent s’abonner depuis leur "
                "messagerie.</p>",
                "exercise": "<p>Retrouvez la réunion dans l’agenda public.</p>",
                "shots": [("m5-agenda", "L’agenda public des groupes.")],
            },
            {
                "title": "Le programme de travail",
                "text": "<p>Chaque année, le groupe a une page <b>programme de travail</b> : ses "
                "objectifs et ses activités, chacune avec un responsable, des dates et un "
                "<b>état</b> (prévue, en cours, réalisée, en retard, annulée). Le bouton "
                "<b>Préparer le programme de l’année suivante à partir de celui-ci</b> recopie "
                "les activités.</p>",
                "exercise": "<p>Passez une activité du programme d’exercice à « réalisée ».</p>",
                "shots": [("m5-workprogramme", "Le programme de travail annuel.")],
            },
        ],
        "checklist": [
            "Je sais qui peut modifier les pages de mon groupe",
            "Je sais annoncer une réunion et noter les présences",
            "Je tiens à jour le programme de travail",
        ],
    },
]
