"""Demo content for `manage.py load_demo`: coaches, a promotion and thirty candidates.

Everything here is invented. The candidates are written the way the programme writes
real CVs: a public first name, a last name that stays private, a short catchphrase, a
story told in the first person, strengths, and where and how they want to work.

Business lines, départements and contract types are referred to by the slugs and codes
of the reference data seeded by migration 0003.
"""

SITE_NAME = "LinkedOut"

COHORT = {
    "name": "Promotion 1 — Paris & Lille",
    "slug": "promotion-1",
    # Dates relative to the day the demo is loaded: launched about two months ago.
    "starts_days_ago": 75,
    "duration_days": 182,
    "description": (
        "La première promotion du programme : des candidats de toute la France, lancés "
        "ensemble autour d'une grande campagne de partage de CV depuis Paris et Lille."
    ),
}

# (first name, last name, e-mail). The first coach is linked to the `coach` login.
COACHES = [
    ("Claire", "Dubois", "claire.dubois@benevoles.linkedout.example"),
    ("Étienne", "Marchand", "etienne.marchand@benevoles.linkedout.example"),
    ("Isabelle", "Perrin", "isabelle.perrin@benevoles.linkedout.example"),
    ("Hugo", "Lemaire", "hugo.lemaire@benevoles.linkedout.example"),
    ("Nathalie", "Rousseau", "nathalie.rousseau@benevoles.linkedout.example"),
    ("François", "Blanchard", "francois.blanchard@benevoles.linkedout.example"),
    ("Anne-Sophie", "Carpentier", "anne-sophie.carpentier@benevoles.linkedout.example"),
    ("Rachid", "Belkacem", "rachid.belkacem@benevoles.linkedout.example"),
]

# Demo logins: (username, first name, last name, group or None for the superuser).
USERS = [
    ("admin", "Admin", "LinkedOut", None),
    ("coach", "Claire", "Dubois", "Coachs"),
    ("moderateur", "Mathieu", "Laurent", "Moderators"),
]

INDEX_PAGE = {
    "title": "Les candidats",
    "slug": "candidats",
    "intro": (
        "Ils et elles sont motivés, prêts à travailler, et il ne leur manque qu'un réseau. "
        "Lisez leurs CV, partagez-les autour de vous : un partage peut suffire à "
        "déclencher un entretien."
    ),
}

HOME_PAGE = {
    "title": "Accueil",
    "slug": "accueil",
    "intro": (
        "Le LinkedIn solidaire : des CV de personnes en situation de précarité, à lire et à "
        "partager pour leur ouvrir votre réseau."
    ),
    "hero_title": "Partagez un CV, changez une vie",
    "hero_text": (
        "Chômage de longue durée, vie à la rue, exil : nos candidats ont perdu leur réseau, "
        "pas leur envie de travailler. Prêtez-leur le vôtre : un partage ne coûte rien et "
        "peut tout changer."
    ),
    "programme_heading": "Le programme",
    "programme_text": (
        "<p>Chaque candidat est accompagné par un <b>coach bénévole</b>, avec qui il écrit "
        "un CV court et digne. L'équipe de l'association relit chaque CV avant de le "
        "publier, puis lance la promotion avec une grande campagne de partage.</p>"
        "<ul><li>Lors du pilote, 11 candidats sur 15 ont retrouvé un emploi en moins de "
        "trois mois.</li><li>Les entreprises ont proposé près de 300 offres.</li>"
        "<li>La deuxième promotion a réuni 80 candidats ; le programme s'est engagé à "
        "ramener 500 personnes vers l'emploi.</li></ul>"
    ),
    "quote": (
        "Je n'avais plus personne à qui demander un coup de main. Mon CV a été partagé "
        "plus de deux cents fois, et c'est l'ami d'un ami qui m'a appelé pour un entretien."
    ),
    "quote_author": "Mamadou D.",
    "quote_role": "Promotion 1, aujourd'hui maçon en CDI",
}

# Three calls to action on the home page: (audience, heading, text, button label).
CALLS_TO_ACTION = [
    (
        "visitors",
        "Partagez un CV",
        "Le geste le plus simple, et celui qui change tout : un partage sur vos réseaux "
        "ouvre le vôtre à un candidat.",
        "Lire les CV",
    ),
    (
        "companies",
        "Recrutez un candidat",
        "Des profils motivés, accompagnés par un coach, prêts pour un CDI, un CDD, une "
        "alternance ou une immersion.",
        "Voir les profils",
    ),
    (
        "donors",
        "Soutenez le programme",
        "Votre don finance l'accompagnement des candidats et ouvre droit à une réduction d'impôt.",
        "Découvrir les candidats",
    ),
]

# "looks" are hints for the illustrated portrait (see cv_pages.portraits); candidates
# with "photo": False have none, to show the placeholder.

# Reusable pieces.
TRANSPORTS = "Transports en commun, jusqu'à 1 h de trajet"
IMMEDIATE = "Immédiate"

CANDIDATES = [
    {
        "first_name": "Amina",
        "last_name": "Benali",
        "presentation": "f",
        "looks": {"skin_tone": 3, "hair_style": "headscarf"},
        "catchphrase": "Rigoureuse et rapide, je prépare vos commandes sans erreur.",
        "story": (
            "J'ai travaillé huit ans dans un entrepôt à Gonesse avant un licenciement "
            "économique. Ensuite, la maladie de ma mère m'a éloignée de l'emploi pendant "
            "trois ans. Aujourd'hui elle va mieux, et moi je suis prête à reprendre : "
            "j'aime le travail bien fait et les journées qui commencent tôt."
        ),
        "career": [
            ("logistique-et-approvisionnement", "préparatrice de commandes"),
            ("vente-et-commerce", "employée libre-service"),
        ],
        "strengths": ["Ponctuelle", "Rigoureuse", "Esprit d'équipe", "Endurante"],
        "skills": ["Préparation de commandes", "Conduite de transpalette", "Inventaires"],
        "passions": ["Cuisine marocaine", "Randonnée"],
        "departments": ["93", "95"],
        "contracts": ["cdi", "cdd", "interim"],
        "languages": [("Français", "native"), ("Arabe", "native")],
        "availability": IMMEDIATE,
        "mobility": TRANSPORTS,
        "licence": False,
        "experiences": [
            {
                "title": "Préparatrice de commandes",
                "organisation": "Entrepôt de distribution alimentaire",
                "location": "Gonesse",
                "period": "2011 – 2019",
                "description": "Préparation de 900 colis par jour au scanner, contrôle qualité, "
                "réapprovisionnement des zones de picking.",
            },
        ],
        "trainings": [
            {"title": "CACES R489 catégorie 1", "organisation": "AFPA", "period": "2024"}
        ],
        "recommendations": [
            {
                "name": "Sylvie M.",
                "role": "Ancienne cheffe d'équipe",
                "text": "Amina est la personne sur qui l'on pouvait compter les jours de rush. "
                "Précise, solidaire, jamais en retard.",
            },
        ],
        "status": "looking",
    },
    {
        "first_name": "Mamadou",
        "last_name": "Diallo",
        "presentation": "m",
        "looks": {"skin_tone": 7, "hair_style": "buzz"},
        "catchphrase": "Maçon qualifié, je construis du solide et je respecte les délais.",
        "story": (
            "Je suis arrivé de Guinée en 2019. Là-bas, j'étais maçon depuis l'âge de seize "
            "ans. J'ai appris le français en cours du soir et j'ai obtenu mon titre de "
            "séjour l'an dernier. Je veux maintenant construire ma vie ici, avec mes mains, "
            "comme je sais le faire."
        ),
        "career": [("batiment", "maçon coffreur")],
        "strengths": ["Courageux", "Travail soigné", "Ponctuel", "Apprend vite"],
        "skills": ["Coffrage", "Lecture de plans", "Montage de blocs béton", "Enduits"],
        "passions": ["Football"],
        "departments": ["75", "92", "94"],
        "contracts": ["cdi", "cdd", "interim"],
        "languages": [("Français", "fluent"), ("Peul", "native"), ("Soussou", "fluent")],
        "availability": IMMEDIATE,
        "mobility": TRANSPORTS,
        "licence": False,
        "experiences": [
            {
                "title": "Maçon",
                "organisation": "Entreprise familiale de construction",
                "location": "Conakry (Guinée)",
                "period": "2010 – 2018",
                "description": "Construction de maisons individuelles, du coffrage des fondations "
                "aux finitions.",
            },
            {
                "title": "Aide-maçon",
                "organisation": "Chantier d'insertion",
                "location": "Montreuil",
                "period": "2022 – 2023",
            },
        ],
        "trainings": [
            {
                "title": "Français langue étrangère, niveau B1",
                "organisation": "Cours du soir municipaux",
                "period": "2021",
            },
            {"title": "Sauveteur secouriste du travail", "period": "2023"},
        ],
        "recommendations": [
            {
                "name": "Bernard T.",
                "role": "Encadrant technique du chantier d'insertion",
                "text": "Mamadou a le geste sûr et l'œil du métier. Il a formé des collègues sans "
                "jamais se mettre en avant.",
            },
        ],
        "status": "employed",
        "months_ago": 1,
    },
    {
        "first_name": "Sandrine",
        "last_name": "Lefèvre",
        "presentation": "f",
        "looks": {"skin_tone": 1, "hair_style": "long"},
        "catchphrase": "Discrète et soigneuse, je rends chaque lieu accueillant.",
        "story": (
            "Après vingt ans à élever mes enfants et un divorce difficile, j'ai connu deux "
            "années sans logement stable. Grâce à un accompagnement, j'ai retrouvé un "
            "appartement à Roubaix en 2023. J'ai fait des remplacements dans le nettoyage "
            "et j'aime ce métier où l'on voit tout de suite le résultat de son travail."
        ),
        "career": [("proprete", "agente de propreté"), ("aide-a-la-personne", "aide à domicile")],
        "strengths": ["Discrète", "Soigneuse", "Autonome", "Fiable"],
        "skills": ["Entretien de bureaux", "Autolaveuse", "Protocoles d'hygiène"],
        "passions": ["Couture", "Jardinage"],
        "departments": ["59", "62"],
        "contracts": ["cdi", "cdd", "contrat-dinsertion"],
        "languages": [("Français", "native")],
        "availability": "Immédiate, de préférence le matin",
        "mobility": "Métro et bus dans la métropole lilloise",
        "licence": False,
        "experiences": [
            {
                "title": "Agente d'entretien (remplacements)",
                "organisation": "Société de nettoyage",
                "location": "Roubaix",
                "period": "2023 – 2024",
                "description": "Entretien de bureaux et de parties communes, tôt le matin.",
            },
        ],
        "trainings": [
            {
                "title": "Titre professionnel Agent de propreté et d'hygiène (en cours)",
                "organisation": "GRETA",
                "period": "2025",
            }
        ],
        "recommendations": [],
        "status": "looking",
    },
    {
        "first_name": "Karim",
        "last_name": "Haddad",
        "presentation": "m",
        "looks": {"skin_tone": 3, "hair_style": "short"},
        "catchphrase": "Chauffeur-livreur fiable : vos colis arrivent à l'heure, avec le sourire.",
        "story": (
            "J'ai été chauffeur-livreur pendant dix ans à Lyon. Un accident de la route, dont "
            "je n'étais pas responsable, m'a immobilisé deux ans. Je suis rétabli et le "
            "médecin du travail m'a déclaré apte. Je connais la ville rue par rue et j'ai "
            "hâte de reprendre le volant."
        ),
        "career": [
            ("transport", "chauffeur-livreur"),
            ("logistique-et-approvisionnement", "magasinier"),
        ],
        "strengths": ["Sens de l'orientation", "Ponctuel", "Aimable avec les clients", "Calme"],
        "skills": [
            "Conduite de véhicule utilitaire",
            "Chargement et arrimage",
            "Tournées optimisées",
        ],
        "passions": ["Pétanque", "Histoire de Lyon"],
        "departments": ["69", "38"],
        "contracts": ["cdi", "cdd", "interim"],
        "languages": [("Français", "native"), ("Arabe", "fluent")],
        "availability": IMMEDIATE,
        "mobility": "Permis B, véhicule personnel",
        "licence": True,
        "experiences": [
            {
                "title": "Chauffeur-livreur",
                "organisation": "Transporteur régional",
                "location": "Lyon",
                "period": "2012 – 2022",
                "description": "Livraison de 80 à 120 points par jour en véhicule de 12 m³, "
                "encaissements, relation avec les commerçants.",
            },
        ],
        "trainings": [{"title": "Éco-conduite", "organisation": "AFT", "period": "2020"}],
        "recommendations": [
            {
                "name": "Patrick R.",
                "role": "Ancien responsable d'exploitation",
                "text": "Dix ans de tournées et pas une réclamation client. Karim est un pilier.",
            },
        ],
        "status": "looking",
    },
    {
        "first_name": "Fatoumata",
        "last_name": "Koné",
        "presentation": "f",
        "looks": {"skin_tone": 6, "hair_style": "bun"},
        "catchphrase": "Aide-soignante dans l'âme : patience, écoute et gestes sûrs.",
        "story": (
            "En Côte d'Ivoire, j'étais aide-soignante à l'hôpital de Bouaké. Mon diplôme "
            "n'est pas reconnu en France, alors j'ai travaillé comme auxiliaire de vie chez "
            "des particuliers. Je prépare la validation des acquis de l'expérience et je "
            "veux retrouver le soin en établissement. Prendre soin des autres, c'est ce que "
            "je sais faire de mieux."
        ),
        "career": [("sante", "aide-soignante"), ("aide-a-la-personne", "auxiliaire de vie")],
        "strengths": ["Patiente", "À l'écoute", "Organisée", "Douce et ferme"],
        "skills": [
            "Aide à la toilette",
            "Prise des constantes",
            "Transferts lit-fauteuil",
            "Prévention des escarres",
        ],
        "passions": ["Chorale gospel", "Coiffure africaine"],
        "departments": ["13"],
        "contracts": ["cdi", "cdd", "interim"],
        "languages": [("Français", "native"), ("Dioula", "native"), ("Anglais", "basic")],
        "availability": "Immédiate, nuits et week-ends possibles",
        "mobility": TRANSPORTS,
        "licence": False,
        "experiences": [
            {
                "title": "Aide-soignante",
                "organisation": "Centre hospitalier",
                "location": "Bouaké (Côte d'Ivoire)",
                "period": "2008 – 2016",
            },
            {
                "title": "Auxiliaire de vie",
                "organisation": "Particuliers employeurs",
                "location": "Marseille",
                "period": "2018 – 2024",
                "description": "Accompagnement de personnes âgées dépendantes : toilette, repas, "
                "sorties, lien avec les infirmiers et les familles.",
            },
        ],
        "trainings": [
            {
                "title": "Diplôme d'État d'aide-soignant (VAE en cours)",
                "organisation": "IFAS de Marseille",
            },
            {"title": "Gestes et soins d'urgence, niveau 2", "period": "2023"},
        ],
        "recommendations": [
            {
                "name": "Jeanne P.",
                "role": "Fille d'une personne accompagnée",
                "text": "Fatoumata a accompagné ma mère pendant quatre ans avec une délicatesse "
                "rare. Nous lui faisions entièrement confiance.",
            },
            {
                "name": "Dr Hervé L.",
                "role": "Médecin traitant",
                "text": "Des transmissions claires et justes ; une vraie professionnelle du soin.",
            },
        ],
        "status": "employed",
        "employed_until_days": 120,
        "months_ago": 1,
    },
    {
        "first_name": "Julien",
        "last_name": "Moreau",
        "presentation": "m",
        "looks": {"skin_tone": 1, "hair_style": "side_part"},
        "catchphrase": "Technicien support patient, je dépanne et j'explique simplement.",
        "story": (
            "J'ai toujours bricolé les ordinateurs. Après une rupture et la perte de mon "
            "emploi, j'ai vécu un an à la rue à Bordeaux. C'est en aidant d'autres personnes "
            "sur les ordinateurs de l'accueil de jour que j'ai repris confiance. J'ai suivi "
            "une formation de technicien d'assistance informatique et je cherche mon premier "
            "poste dans le métier."
        ),
        "career": [("informatique", "technicien support")],
        "strengths": ["Pédagogue", "Curieux", "Persévérant", "Calme sous pression"],
        "skills": [
            "Installation de postes Windows et Linux",
            "Diagnostic matériel",
            "Support utilisateurs",
            "Bases réseau",
        ],
        "passions": ["Échecs", "Logiciels libres", "Course à pied"],
        "departments": ["33"],
        "contracts": ["cdi", "cdd", "alternance"],
        "languages": [("Français", "native"), ("Anglais", "intermediate")],
        "availability": IMMEDIATE,
        "mobility": "Tram et vélo dans la métropole bordelaise",
        "licence": True,
        "experiences": [
            {
                "title": "Bénévole en médiation numérique",
                "organisation": "Accueil de jour",
                "location": "Bordeaux",
                "period": "2022 – 2023",
                "description": "Aide aux démarches en ligne, création de boîtes mail, "
                "petits dépannages.",
            },
            {
                "title": "Vendeur en électroménager",
                "organisation": "Magasin spécialisé",
                "location": "Mérignac",
                "period": "2014 – 2020",
            },
        ],
        "trainings": [
            {
                "title": "Titre professionnel Technicien d'assistance informatique",
                "organisation": "AFPA de Bordeaux",
                "period": "2024",
            }
        ],
        "recommendations": [],
        "status": "looking",
    },
    {
        "first_name": "Nadia",
        "last_name": "Rahmani",
        "presentation": "f",
        "photo": False,
        "catchphrase": "Assistante administrative organisée, je mets vos dossiers en ordre.",
        "story": (
            "J'ai été secrétaire dans un cabinet d'assurances, puis je me suis arrêtée douze "
            "ans pour élever mes trois enfants. Reprendre après une si longue pause fait "
            "peur aux recruteurs ; j'ai donc remis mes compétences à jour sur les outils "
            "bureautiques. Je suis méthodique, souriante au téléphone et je ne laisse "
            "jamais un dossier en suspens."
        ),
        "career": [("administratif", "assistante administrative")],
        "strengths": ["Méthodique", "Souriante", "Discrète", "Polyvalente"],
        "skills": [
            "Traitement de texte et tableur",
            "Accueil téléphonique",
            "Classement",
            "Facturation",
        ],
        "passions": ["Lecture", "Pâtisserie"],
        "departments": ["31"],
        "contracts": ["cdi", "cdd"],
        "languages": [("Français", "native"), ("Arabe", "intermediate")],
        "availability": "Immédiate, à temps plein ou partiel",
        "mobility": "Métro toulousain",
        "licence": True,
        "experiences": [
            {
                "title": "Secrétaire",
                "organisation": "Cabinet d'assurances",
                "location": "Toulouse",
                "period": "2005 – 2012",
                "description": "Accueil, gestion des sinistres simples, agenda de trois agents.",
            },
        ],
        "trainings": [
            {"title": "Remise à niveau bureautique", "organisation": "GRETA", "period": "2024"}
        ],
        "recommendations": [],
        "status": "looking",
    },
    {
        "first_name": "Oleksandr",
        "last_name": "Petrenko",
        "presentation": "m",
        "looks": {"skin_tone": 0, "hair_style": "short"},
        "catchphrase": "Soudeur expérimenté, précis et exigeant sur la qualité.",
        "story": (
            "J'ai travaillé quinze ans comme soudeur dans un chantier naval à Mykolaïv, en "
            "Ukraine. Nous sommes arrivés à Strasbourg en 2022 avec ma femme et ma fille. "
            "J'ai appris le français chaque jour et j'ai passé une habilitation en France. "
            "Je veux de nouveau faire le métier que j'aime."
        ),
        "career": [("industrie", "soudeur")],
        "strengths": ["Précis", "Exigeant", "Sens de la sécurité", "Travailleur"],
        "skills": ["Soudure MIG et MAG", "Soudure TIG", "Lecture de plans", "Meulage"],
        "passions": ["Pêche", "Modélisme"],
        "departments": ["67", "68"],
        "contracts": ["cdi", "cdd", "interim"],
        "languages": [
            ("Ukrainien", "native"),
            ("Russe", "fluent"),
            ("Français", "intermediate"),
            ("Anglais", "basic"),
        ],
        "availability": IMMEDIATE,
        "mobility": "Permis B, véhicule personnel",
        "licence": True,
        "experiences": [
            {
                "title": "Soudeur",
                "organisation": "Chantier naval",
                "location": "Mykolaïv (Ukraine)",
                "period": "2006 – 2021",
                "description": "Soudure de coques et de structures acier, contrôle visuel des "
                "cordons, formation des apprentis.",
            },
        ],
        "trainings": [{"title": "Qualification soudeur NF EN ISO 9606-1", "period": "2024"}],
        "recommendations": [],
        "status": "looking",
    },
    {
        "first_name": "Jean-Baptiste",
        "last_name": "Mbarga",
        "presentation": "m",
        "looks": {"skin_tone": 6, "hair_style": "buzz"},
        "catchphrase": "Agent de sécurité vigilant et courtois, je rassure et je protège.",
        "story": (
            "Au Cameroun, j'étais professeur d'éducation physique. Arrivé en France, j'ai "
            "enchaîné les petits contrats sans jamais pouvoir me poser. J'ai obtenu ma carte "
            "professionnelle d'agent de sécurité et je cherche un poste stable, où ma "
            "vigilance et mon sens du contact seront utiles."
        ),
        "career": [("securite", "agent de sécurité")],
        "strengths": ["Vigilant", "Courtois", "Sang-froid", "Ponctuel"],
        "skills": ["Contrôle d'accès", "Rondes de surveillance", "Gestion des conflits"],
        "passions": ["Basket-ball", "Musique"],
        "departments": ["92", "75"],
        "contracts": ["cdi", "cdd"],
        "languages": [("Français", "native"), ("Anglais", "fluent"), ("Ewondo", "native")],
        "availability": IMMEDIATE,
        "mobility": TRANSPORTS,
        "licence": False,
        "experiences": [
            {
                "title": "Professeur d'éducation physique",
                "organisation": "Lycée public",
                "location": "Yaoundé (Cameroun)",
                "period": "2009 – 2016",
            },
            {
                "title": "Agent de sécurité (missions)",
                "organisation": "Agence d'intérim",
                "location": "Nanterre",
                "period": "2023 – 2024",
            },
        ],
        "trainings": [{"title": "CQP Agent de prévention et de sécurité", "period": "2023"}],
        "recommendations": [],
        "status": "employed",
        "months_ago": 1,
    },
    {
        "first_name": "Chloé",
        "last_name": "Garnier",
        "presentation": "f",
        "looks": {"skin_tone": 1, "hair_style": "long"},
        "catchphrase": "Commis de cuisine motivée, je donne le meilleur au coup de feu.",
        "story": (
            "J'ai grandi en foyer et, à dix-huit ans, je me suis retrouvée seule, sans "
            "diplôme ni logement. Une association de Montpellier m'a hébergée et m'a fait "
            "découvrir la cuisine dans son restaurant solidaire. J'y ai trouvé ma voie : "
            "je veux apprendre auprès d'une vraie brigade."
        ),
        "career": [("restauration", "commis de cuisine")],
        "strengths": ["Énergique", "Envie d'apprendre", "Esprit d'équipe", "Résistante"],
        "skills": ["Mise en place", "Découpe des légumes", "Règles d'hygiène HACCP"],
        "passions": ["Pâtisserie", "Danse hip-hop"],
        "departments": ["34", "30"],
        "contracts": ["cdi", "cdd", "alternance"],
        "languages": [("Français", "native")],
        "availability": IMMEDIATE,
        "mobility": "Tram et bus, horaires décalés possibles",
        "licence": False,
        "experiences": [
            {
                "title": "Commis de cuisine (insertion)",
                "organisation": "Restaurant solidaire",
                "location": "Montpellier",
                "period": "2024 – 2025",
                "description": "Préparation de 120 couverts par service, plonge, réception des "
                "livraisons.",
            },
        ],
        "trainings": [{"title": "Formation hygiène alimentaire HACCP", "period": "2024"}],
        "recommendations": [
            {
                "name": "Laurent B.",
                "role": "Chef du restaurant solidaire",
                "text": "Chloé arrive la première et repart la dernière. Elle progresse à une "
                "vitesse impressionnante.",
            },
        ],
        "status": "looking",
    },
    {
        "first_name": "Ahmed",
        "last_name": "Bensaïd",
        "presentation": "m",
        "looks": {"skin_tone": 3, "hair_style": "curly", "grey_hair": True},
        "catchphrase": "Jardinier paysagiste, trente ans de métier et toujours la main verte.",
        "story": (
            "J'ai entretenu les jardins de villas et de résidences pendant trente ans sur la "
            "Côte d'Azur. À cinquante-six ans, après la fermeture de mon entreprise, on me "
            "dit que je suis trop âgé. Pourtant, je connais chaque plante de la région et je "
            "travaille avec le même plaisir qu'au premier jour."
        ),
        "career": [("espaces-verts", "jardinier paysagiste")],
        "strengths": ["Expérimenté", "Autonome", "Minutieux", "Transmet son savoir"],
        "skills": [
            "Taille et élagage",
            "Arrosage automatique",
            "Création de massifs",
            "Tondeuse autoportée",
        ],
        "passions": ["Oliviers", "Photographie de nature"],
        "departments": ["06", "83"],
        "contracts": ["cdi", "cdd", "autre"],
        "languages": [("Français", "native"), ("Arabe", "native")],
        "availability": IMMEDIATE,
        "mobility": "Permis B, véhicule personnel",
        "licence": True,
        "experiences": [
            {
                "title": "Jardinier paysagiste",
                "organisation": "Entreprise d'espaces verts",
                "location": "Antibes",
                "period": "1993 – 2023",
                "description": "Entretien de 40 jardins privés et de deux résidences, encadrement "
                "d'un apprenti chaque année.",
            },
        ],
        "trainings": [{"title": "Certiphyto", "period": "2019"}],
        "recommendations": [],
        "status": "looking",
        "months_ago": 1,
    },
    {
        "first_name": "Lan",
        "last_name": "Nguyen",
        "presentation": "f",
        "looks": {"skin_tone": 2, "hair_style": "long"},
        "catchphrase": "Réceptionniste trilingue, je fais de chaque arrivée un bon souvenir.",
        "story": (
            "J'ai travaillé vingt ans dans un atelier de confection qui a fermé en 2021. "
            "J'ai toujours aimé accueillir les clients de l'atelier, et je parle trois "
            "langues. J'ai suivi une formation d'accueil en hôtellerie pour changer de "
            "métier à quarante-cinq ans."
        ),
        "career": [("hotellerie", "réceptionniste")],
        "strengths": ["Accueillante", "Trilingue", "Patiente", "Organisée"],
        "skills": ["Accueil de la clientèle", "Logiciel de réservation", "Encaissement"],
        "passions": ["Cuisine vietnamienne", "Tai-chi"],
        "departments": ["75"],
        "contracts": ["cdi", "cdd", "pmsmp"],
        "languages": [
            ("Vietnamien", "native"),
            ("Français", "fluent"),
            ("Anglais", "intermediate"),
        ],
        "availability": "Immédiate, horaires décalés possibles",
        "mobility": TRANSPORTS,
        "licence": False,
        "experiences": [
            {
                "title": "Couturière et accueil des clients",
                "organisation": "Atelier de confection",
                "location": "Paris 13e",
                "period": "2001 – 2021",
            },
        ],
        "trainings": [
            {
                "title": "Formation Réceptionniste en hôtellerie",
                "organisation": "AFPA",
                "period": "2024",
            }
        ],
        "recommendations": [],
        "status": "looking",
    },
    {
        "first_name": "Yannick",
        "last_name": "Le Gall",
        "presentation": "m",
        "looks": {"skin_tone": 0, "hair_style": "short"},
        "catchphrase": "Opérateur de production robuste, à l'aise en équipe postée.",
        "story": (
            "J'ai travaillé douze ans dans un abattoir breton, jusqu'à sa fermeture. Ensuite, "
            "j'ai perdu pied et j'ai vécu plusieurs mois dans ma voiture. Aujourd'hui j'ai un "
            "logement à Rennes et une formation de cariste en poche : je suis prêt pour "
            "les trois-huit."
        ),
        "career": [
            ("industrie", "opérateur de production"),
            ("logistique-et-approvisionnement", "cariste"),
        ],
        "strengths": ["Robuste", "Régulier", "Esprit d'équipe", "Sens de la sécurité"],
        "skills": ["Travail en trois-huit", "Conduite de chariot élévateur", "Contrôle qualité"],
        "passions": ["Voile", "Musique bretonne"],
        "departments": ["35", "22"],
        "contracts": ["cdi", "cdd", "interim"],
        "languages": [("Français", "native")],
        "availability": IMMEDIATE,
        "mobility": "Permis B, véhicule personnel",
        "licence": True,
        "experiences": [
            {
                "title": "Opérateur de production",
                "organisation": "Industrie agroalimentaire",
                "location": "Lampaul-Guimiliau",
                "period": "2001 – 2013",
            },
        ],
        "trainings": [{"title": "CACES R489 catégories 1, 3 et 5", "period": "2024"}],
        "recommendations": [],
        "status": "looking",
    },
    {
        "first_name": "Samira",
        "last_name": "Ouali",
        "presentation": "f",
        "looks": {"skin_tone": 3, "hair_style": "long"},
        "catchphrase": "Animatrice pleine d'idées, je crée du lien entre les générations.",
        "story": (
            "J'ai animé pendant des années, bénévolement, les ateliers du centre social de "
            "mon quartier à Vaulx-en-Velin. Sans diplôme, je n'arrivais pas à en faire mon "
            "métier. J'ai obtenu mon BPJEPS en alternance et je veux maintenant monter des "
            "projets pour les enfants et les personnes âgées."
        ),
        "career": [
            ("social", "animatrice socioculturelle"),
            ("culture-et-loisirs", "animatrice d'ateliers"),
        ],
        "strengths": ["Créative", "Enthousiaste", "Fédératrice", "Responsable"],
        "skills": ["Conduite d'ateliers", "Montage de projets", "Accueil des familles"],
        "passions": ["Théâtre", "Cuisine du monde", "Jeux de société"],
        "departments": ["69"],
        "contracts": ["cdi", "cdd"],
        "languages": [("Français", "native"), ("Arabe", "intermediate"), ("Anglais", "basic")],
        "availability": "À partir du mois prochain",
        "mobility": TRANSPORTS,
        "licence": True,
        "experiences": [
            {
                "title": "Animatrice bénévole",
                "organisation": "Centre social",
                "location": "Vaulx-en-Velin",
                "period": "2015 – 2023",
                "description": "Ateliers cuisine parents-enfants, sorties culturelles, fête "
                "de quartier annuelle.",
            },
        ],
        "trainings": [
            {"title": "BPJEPS Animation sociale", "organisation": "CEMEA", "period": "2023 – 2025"}
        ],
        "recommendations": [
            {
                "name": "Corinne V.",
                "role": "Directrice du centre social",
                "text": "Samira a une énergie communicative. Les familles la suivent partout.",
            },
        ],
        "status": "employed",
        "months_ago": 2,
    },
    {
        "first_name": "Abdoulaye",
        "last_name": "Sow",
        "presentation": "m",
        "looks": {"skin_tone": 7, "hair_style": "short"},
        "catchphrase": "Plongeur rapide et organisé, prêt à monter en cuisine.",
        "story": (
            "J'ai quitté le Sénégal à vingt ans. Depuis trois ans, je travaille en plonge "
            "dans des restaurants parisiens, souvent sans contrat stable. Je regarde les "
            "cuisiniers, j'apprends, et je rêve de devenir commis puis cuisinier."
        ),
        "career": [("restauration", "plongeur"), ("restauration", "commis de cuisine")],
        "strengths": ["Rapide", "Organisé", "Souriant", "Endurant"],
        "skills": ["Plonge batterie", "Entretien de la cuisine", "Épluchage et mise en place"],
        "passions": ["Football", "Cuisine sénégalaise"],
        "departments": ["75", "93"],
        "contracts": ["cdi", "cdd", "alternance"],
        "languages": [("Wolof", "native"), ("Français", "fluent")],
        "availability": "Immédiate, soirs et week-ends",
        "mobility": TRANSPORTS,
        "licence": False,
        "experiences": [
            {
                "title": "Plongeur",
                "organisation": "Brasserie",
                "location": "Paris 11e",
                "period": "2022 – 2025",
            },
        ],
        "trainings": [],
        "recommendations": [],
        "status": "looking",
    },
    {
        "first_name": "Sophie",
        "last_name": "Martin",
        "presentation": "f",
        "looks": {"skin_tone": 1, "hair_style": "bun"},
        "catchphrase": "Chargée de communication, je raconte les projets qui ont du sens.",
        "story": (
            "J'ai été journaliste en presse locale pendant dix ans. Un épuisement "
            "professionnel m'a arrêtée net, suivi de deux ans de chômage. J'ai repris pied "
            "en bénévolat dans une association nantaise, dont je gère les réseaux sociaux."
        ),
        "career": [("communication", "chargée de communication")],
        "strengths": ["Plume", "Curieuse", "Organisée", "Sens du collectif"],
        "skills": ["Rédaction", "Réseaux sociaux", "Relations presse", "Mise en page"],
        "passions": ["Photographie", "Vélo"],
        "departments": ["44"],
        "contracts": ["cdi", "cdd"],
        "languages": [("Français", "native"), ("Anglais", "fluent")],
        "availability": IMMEDIATE,
        "mobility": "Vélo et tram à Nantes",
        "licence": True,
        "experiences": [
            {
                "title": "Journaliste",
                "organisation": "Quotidien régional",
                "location": "Nantes",
                "period": "2010 – 2020",
            },
        ],
        "trainings": [],
        "recommendations": [],
        "status": "hidden",
    },
    {
        "first_name": "Thierry",
        "last_name": "Lambert",
        "presentation": "m",
        "looks": {"skin_tone": 1, "hair_style": "side_part", "grey_hair": True},
        "catchphrase": "Menuisier de métier, je travaille le bois avec soin et précision.",
        "story": (
            "J'ai tenu ma propre menuiserie à Limoges pendant quinze ans. Quand elle a fait "
            "faillite, j'ai tout perdu, y compris mon logement. Deux ans plus tard, je suis "
            "à nouveau debout et je veux mettre mon savoir-faire au service d'une équipe."
        ),
        "career": [("artisanat", "menuisier"), ("batiment", "poseur de menuiseries")],
        "strengths": ["Précis", "Expérimenté", "Autonome", "Créatif"],
        "skills": [
            "Machines à bois",
            "Agencement sur mesure",
            "Pose de fenêtres et de portes",
            "Devis",
        ],
        "passions": ["Restauration de meubles anciens", "Rugby"],
        "departments": ["87", "86"],
        "contracts": ["cdi", "cdd", "interim"],
        "languages": [("Français", "native")],
        "availability": IMMEDIATE,
        "mobility": "Permis B, véhicule personnel",
        "licence": True,
        "experiences": [
            {
                "title": "Menuisier, gérant",
                "organisation": "Menuiserie artisanale",
                "location": "Limoges",
                "period": "2006 – 2021",
                "description": "Fabrication et pose de cuisines, escaliers et agencements, "
                "avec deux salariés.",
            },
        ],
        "trainings": [{"title": "CAP Menuisier fabricant", "period": "1998"}],
        "recommendations": [],
        "status": "looking",
        "months_ago": 1,
    },
    {
        "first_name": "Aïcha",
        "last_name": "Traoré",
        "presentation": "f",
        "looks": {"skin_tone": 6, "hair_style": "curly"},
        "catchphrase": "Vendeuse souriante, j'ai le sens du service et du commerce.",
        "story": (
            "Je suis maman solo de deux enfants. J'ai arrêté le lycée trop tôt et enchaîné "
            "les missions courtes. Une immersion dans une boulangerie de Lille m'a donné "
            "envie d'apprendre le métier de la vente pour de bon."
        ),
        "career": [
            ("vente-et-commerce", "vendeuse en boulangerie"),
            ("restauration", "employée polyvalente"),
        ],
        "strengths": ["Souriante", "Dynamique", "Sens du service", "Ponctuelle"],
        "skills": ["Encaissement", "Mise en rayon", "Conseil client"],
        "passions": ["Danse", "Mode"],
        "departments": ["59"],
        "contracts": ["cdi", "cdd", "pmsmp", "alternance"],
        "languages": [("Français", "native"), ("Bambara", "intermediate")],
        "availability": "Immédiate, en journée",
        "mobility": "Métro lillois",
        "licence": False,
        "experiences": [
            {
                "title": "Vendeuse (immersion PMSMP)",
                "organisation": "Boulangerie",
                "location": "Lille",
                "period": "2025",
            },
            {
                "title": "Employée polyvalente",
                "organisation": "Restauration rapide",
                "location": "Villeneuve-d'Ascq",
                "period": "2021 – 2023",
            },
        ],
        "trainings": [],
        "recommendations": [
            {
                "name": "Marc D.",
                "role": "Boulanger, tuteur de l'immersion",
                "text": (
                    "Aïcha a conquis les habitués en deux semaines. Elle a tout d'une vendeuse."
                ),
            },
        ],
        "status": "looking",
    },
    {
        "first_name": "Dimitri",
        "last_name": "Popescu",
        "presentation": "m",
        "looks": {"skin_tone": 2, "hair_style": "side_part"},
        "catchphrase": "Électricien du bâtiment, je câble proprement et dans les normes.",
        "story": (
            "En Roumanie, j'étais électricien sur des chantiers de logements. En France, je "
            "n'ai trouvé que des missions non déclarées. J'ai passé mon habilitation "
            "électrique et je veux un vrai contrat, dans une équipe sérieuse."
        ),
        "career": [("batiment", "électricien")],
        "strengths": ["Soigneux", "Respect des normes", "Fiable", "Débrouillard"],
        "skills": ["Tirage de câbles", "Tableaux électriques", "Lecture de schémas"],
        "passions": ["Mécanique", "Football"],
        "departments": ["94", "91"],
        "contracts": ["cdi", "cdd", "interim"],
        "languages": [("Roumain", "native"), ("Français", "intermediate"), ("Italien", "fluent")],
        "availability": IMMEDIATE,
        "mobility": TRANSPORTS,
        "licence": True,
        "experiences": [
            {
                "title": "Électricien",
                "organisation": "Entreprise générale du bâtiment",
                "location": "Cluj-Napoca (Roumanie)",
                "period": "2012 – 2019",
            },
        ],
        "trainings": [{"title": "Habilitation électrique B1V BR", "period": "2024"}],
        "recommendations": [],
        "status": "looking",
    },
    {
        "first_name": "Hélène",
        "last_name": "Fabre",
        "presentation": "f",
        "photo": False,
        "catchphrase": "Auxiliaire de vie bienveillante, je prends soin de vos proches.",
        "story": (
            "J'ai accompagné mon mari malade pendant six ans, jusqu'à son décès. À "
            "cinquante-huit ans, je me suis retrouvée seule et sans emploi depuis longtemps. "
            "Ce que j'ai appris à ses côtés, je veux le mettre au service des autres."
        ),
        "career": [("aide-a-la-personne", "auxiliaire de vie")],
        "strengths": ["Bienveillante", "Patiente", "Fiable", "Discrète"],
        "skills": ["Aide aux repas", "Aide à la mobilité", "Tenue du logement"],
        "passions": ["Tricot", "Jardinage", "Chant"],
        "departments": ["66", "11"],
        "contracts": ["cdi", "cdd", "contrat-dinsertion"],
        "languages": [("Français", "native"), ("Catalan", "intermediate")],
        "availability": IMMEDIATE,
        "mobility": "Permis B, véhicule personnel",
        "licence": True,
        "experiences": [
            {"title": "Aidante familiale", "location": "Perpignan", "period": "2016 – 2022"},
            {
                "title": "Employée de mairie",
                "organisation": "Commune de Rivesaltes",
                "period": "1990 – 2015",
            },
        ],
        "trainings": [{"title": "Titre professionnel Assistant de vie aux familles (en cours)"}],
        "recommendations": [],
        "status": "looking",
    },
    {
        "first_name": "Moussa",
        "last_name": "Camara",
        "presentation": "m",
        "looks": {"skin_tone": 6, "hair_style": "buzz"},
        "catchphrase": "Cariste habile et prudent, je sécurise chaque mouvement de palette.",
        "story": (
            "J'ai grandi à Sarcelles et j'ai enchaîné les missions d'intérim pendant "
            "sept ans. Sans permanence, impossible de trouver un logement. J'ai passé "
            "mes CACES et je cherche enfin un poste durable en entrepôt."
        ),
        "career": [("logistique-et-approvisionnement", "cariste"), ("transport", "agent de quai")],
        "strengths": ["Prudent", "Habile", "Ponctuel", "Bon collègue"],
        "skills": ["Chariot frontal et rétractable", "Gestion de stock", "Chargement de camions"],
        "passions": ["Basket-ball", "Rap"],
        "departments": ["95", "60"],
        "contracts": ["cdi", "cdd", "interim"],
        "languages": [("Français", "native"), ("Soninké", "fluent")],
        "availability": IMMEDIATE,
        "mobility": "Permis B, horaires de nuit possibles",
        "licence": True,
        "experiences": [
            {
                "title": "Cariste intérimaire",
                "organisation": "Plateformes logistiques",
                "location": "Roissy",
                "period": "2018 – 2025",
            },
        ],
        "trainings": [{"title": "CACES R489 catégories 3 et 5", "period": "2023"}],
        "recommendations": [],
        "status": "employed",
        "months_ago": 2,
    },
    {
        "first_name": "Leïla",
        "last_name": "Mansouri",
        "presentation": "f",
        "looks": {"skin_tone": 3, "hair_style": "headscarf"},
        "catchphrase": "Agente de service hospitalier rigoureuse sur l'hygiène.",
        "story": (
            "J'ai travaillé comme agente d'entretien en clinique à Avignon, puis j'ai dû "
            "m'arrêter pour des raisons familiales. Je veux retrouver le milieu hospitalier, "
            "où chaque geste d'hygiène compte."
        ),
        "career": [("sante", "agente de service hospitalier"), ("proprete", "agente d'entretien")],
        "strengths": ["Rigoureuse", "Discrète", "Efficace"],
        "skills": ["Bionettoyage", "Circuits du linge", "Service des repas"],
        "passions": ["Marche", "Cuisine"],
        "departments": ["84", "13"],
        "contracts": ["cdi", "cdd"],
        "languages": [("Français", "native"), ("Arabe", "fluent")],
        "availability": IMMEDIATE,
        "mobility": TRANSPORTS,
        "licence": False,
        "experiences": [
            {
                "title": "Agente d'entretien",
                "organisation": "Clinique",
                "location": "Avignon",
                "period": "2014 – 2020",
            },
        ],
        "trainings": [],
        "recommendations": [],
        "status": "hidden",
    },
    {
        "first_name": "Kevin",
        "last_name": "Dupont",
        "presentation": "m",
        "looks": {"skin_tone": 1, "hair_style": "buzz"},
        "catchphrase": "Jeune, motivé et volontaire : je mets les rayons en valeur.",
        "story": (
            "J'ai arrêté l'école à seize ans et j'ai passé plusieurs années sans travail à "
            "Amiens. Un chantier d'insertion m'a redonné un rythme et l'envie de me lever "
            "le matin. Je veux travailler en magasin, au contact des clients."
        ),
        "career": [
            ("vente-et-commerce", "employé libre-service"),
            ("logistique-et-approvisionnement", "préparateur de commandes"),
        ],
        "strengths": ["Motivé", "Volontaire", "Ponctuel", "Bonne humeur"],
        "skills": ["Mise en rayon", "Étiquetage", "Réception de marchandises"],
        "passions": ["Jeux vidéo", "Football"],
        "departments": ["80", "02"],
        "contracts": ["cdi", "cdd", "contrat-dinsertion", "alternance"],
        "languages": [("Français", "native")],
        "availability": IMMEDIATE,
        "mobility": "Bus et train régional",
        "licence": False,
        "experiences": [
            {
                "title": "Agent polyvalent (insertion)",
                "organisation": "Chantier d'insertion",
                "location": "Amiens",
                "period": "2024 – 2025",
            },
        ],
        "trainings": [],
        "recommendations": [],
        "status": "looking",
    },
    {
        "first_name": "Rosa",
        "last_name": "Fernandes",
        "presentation": "f",
        "looks": {"skin_tone": 2, "hair_style": "bun"},
        "catchphrase": "Femme de chambre expérimentée, l'excellence jusque dans les détails.",
        "story": (
            "J'ai fait quinze saisons dans les hôtels des stations de Savoie. Les contrats "
            "saisonniers ne me permettaient plus de faire vivre ma famille. Je cherche un "
            "poste à l'année, où je pourrai aussi former les nouvelles recrues."
        ),
        "career": [("hotellerie", "femme de chambre"), ("hotellerie", "gouvernante d'étage")],
        "strengths": ["Perfectionniste", "Rapide", "Expérimentée", "Sens de l'accueil"],
        "skills": ["Entretien des chambres", "Contrôle qualité", "Gestion du linge"],
        "passions": ["Ski de fond", "Fado"],
        "departments": ["74", "73"],
        "contracts": ["cdi", "cdd"],
        "languages": [
            ("Portugais", "native"),
            ("Français", "fluent"),
            ("Espagnol", "intermediate"),
        ],
        "availability": IMMEDIATE,
        "mobility": "Permis B, véhicule personnel",
        "licence": True,
        "experiences": [
            {
                "title": "Femme de chambre saisonnière",
                "organisation": "Hôtels de station",
                "location": "Val d'Isère et Chamonix",
                "period": "2008 – 2024",
                "description": "Jusqu'à 16 chambres par jour, formation des saisonniers débutants.",
            },
        ],
        "trainings": [],
        "recommendations": [
            {
                "name": "Brigitte F.",
                "role": "Gouvernante générale",
                "text": "Rosa est la meilleure femme de chambre avec qui j'ai travaillé. "
                "Exigeante et bienveillante.",
            },
        ],
        "status": "looking",
    },
    {
        "first_name": "Ibrahim",
        "last_name": "Yusuf",
        "presentation": "m",
        "looks": {"skin_tone": 6, "hair_style": "short"},
        "catchphrase": "Tailleur et retoucheur, je redonne vie à chaque vêtement.",
        "story": (
            "À Khartoum, je tenais un atelier de couture avec mon père. La guerre nous a "
            "séparés et je suis arrivé en France en 2021. J'ai obtenu le statut de réfugié "
            "et j'apprends le français tous les jours. Mes mains, elles, n'ont rien oublié."
        ),
        "career": [("artisanat", "couturier retoucheur")],
        "strengths": ["Minutieux", "Patient", "Créatif", "Calme"],
        "skills": ["Retouches", "Confection sur mesure", "Machine à coudre industrielle"],
        "passions": ["Calligraphie", "Football"],
        "departments": ["75", "93"],
        "contracts": ["cdi", "cdd", "pmsmp"],
        "languages": [("Arabe", "native"), ("Anglais", "fluent"), ("Français", "intermediate")],
        "availability": IMMEDIATE,
        "mobility": TRANSPORTS,
        "licence": False,
        "experiences": [
            {
                "title": "Tailleur",
                "organisation": "Atelier familial",
                "location": "Khartoum (Soudan)",
                "period": "2008 – 2020",
            },
        ],
        "trainings": [{"title": "Français langue étrangère, niveau A2", "period": "2024"}],
        "recommendations": [],
        "status": "looking",
    },
    {
        "first_name": "Céline",
        "last_name": "Roux",
        "presentation": "f",
        "looks": {"skin_tone": 0, "hair_style": "long"},
        "catchphrase": "Secrétaire médicale, je soigne l'accueil des patients.",
        "story": (
            "Caissière pendant quinze ans à Clermont-Ferrand, j'ai été licenciée lors de "
            "l'automatisation des caisses. Après deux ans de recherche, j'ai choisi de me "
            "reconvertir vers le secrétariat médical, un métier où l'on aide vraiment les gens."
        ),
        "career": [("sante", "secrétaire médicale"), ("administratif", "agente d'accueil")],
        "strengths": ["Empathique", "Organisée", "Discrète", "Rigoureuse"],
        "skills": ["Prise de rendez-vous", "Terminologie médicale", "Logiciels de cabinet"],
        "passions": ["Randonnée en volcans", "Lecture"],
        "departments": ["63", "42"],
        "contracts": ["cdi", "cdd"],
        "languages": [("Français", "native"), ("Anglais", "basic")],
        "availability": "Immédiate",
        "mobility": "Permis B, véhicule personnel",
        "licence": True,
        "experiences": [
            {
                "title": "Hôtesse de caisse",
                "organisation": "Hypermarché",
                "location": "Clermont-Ferrand",
                "period": "2007 – 2022",
            },
            {
                "title": "Secrétaire médicale (stage)",
                "organisation": "Centre de santé",
                "location": "Riom",
                "period": "2024",
            },
        ],
        "trainings": [
            {"title": "Titre professionnel Secrétaire assistant médico-social", "period": "2024"}
        ],
        "recommendations": [],
        "status": "employed",
        "months_ago": 2,
    },
    {
        "first_name": "Malik",
        "last_name": "Benhamou",
        "presentation": "m",
        "looks": {"skin_tone": 4, "hair_style": "curly"},
        "catchphrase": "Technicien de spectacle polyvalent, la scène est mon terrain.",
        "story": (
            "J'ai été régisseur dans des salles de concert marseillaises jusqu'à ce qu'une "
            "longue maladie m'éloigne du travail. Guéri, je n'ai plus de réseau dans un "
            "milieu où tout passe par le bouche-à-oreille. C'est pour ça que je compte sur "
            "vos partages."
        ),
        "career": [("culture-et-loisirs", "technicien de spectacle")],
        "strengths": ["Débrouillard", "Réactif", "Esprit d'équipe", "Passionné"],
        "skills": ["Sonorisation", "Éclairage scénique", "Montage de scènes"],
        "passions": ["Musique live", "Photographie"],
        "departments": ["13", "84"],
        "contracts": ["cdi", "cdd", "autre"],
        "languages": [("Français", "native"), ("Anglais", "intermediate")],
        "availability": "Immédiate, soirs et week-ends",
        "mobility": "Permis B, véhicule personnel",
        "licence": True,
        "experiences": [
            {
                "title": "Régisseur son et lumière",
                "organisation": "Salles de concert",
                "location": "Marseille",
                "period": "2008 – 2019",
            },
        ],
        "trainings": [{"title": "Habilitation électrique BR", "period": "2018"}],
        "recommendations": [],
        "status": "looking",
    },
    {
        "first_name": "Grace",
        "last_name": "Mensah",
        "presentation": "f",
        "looks": {"skin_tone": 7, "hair_style": "bun"},
        "catchphrase": "Médiatrice sociale, je crée des ponts entre les gens.",
        "story": (
            "Je suis arrivée du Ghana il y a six ans, sans parler un mot de français. "
            "Aujourd'hui je le parle couramment et j'aide bénévolement d'autres familles "
            "dans leurs démarches à Metz. Je veux en faire mon métier."
        ),
        "career": [("social", "médiatrice sociale")],
        "strengths": ["Empathique", "Polyglotte", "Patiente", "Persévérante"],
        "skills": ["Accompagnement administratif", "Interprétariat", "Écoute active"],
        "passions": ["Chant", "Cuisine ghanéenne"],
        "departments": ["57", "54"],
        "contracts": ["cdi", "cdd", "contrat-dinsertion"],
        "languages": [("Anglais", "native"), ("Twi", "native"), ("Français", "fluent")],
        "availability": IMMEDIATE,
        "mobility": "Bus et train régional",
        "licence": False,
        "experiences": [
            {
                "title": "Bénévole d'accompagnement",
                "organisation": "Association d'aide aux familles",
                "location": "Metz",
                "period": "2021 – 2025",
                "description": "Aide aux démarches, interprétariat anglais-français, orientation "
                "vers les services sociaux.",
            },
        ],
        "trainings": [{"title": "Français langue étrangère, niveau B2", "period": "2023"}],
        "recommendations": [
            {
                "name": "Odile K.",
                "role": "Présidente de l'association",
                "text": "Grace trouve toujours les mots justes. Les familles lui font confiance.",
            },
        ],
        "status": "looking",
    },
    {
        "first_name": "Patrick",
        "last_name": "Girard",
        "presentation": "m",
        "photo": False,
        "catchphrase": "Agent de sécurité incendie rigoureux, le calme en toute situation.",
        "story": (
            "Ancien militaire, j'ai ensuite été gardien d'immeuble pendant vingt ans. Quand le "
            "poste a été supprimé, à cinquante-neuf ans, les portes se sont fermées. Je suis "
            "en pleine forme, diplômé SSIAP 1 et disponible tout de suite."
        ),
        "career": [("securite", "agent de sécurité incendie")],
        "strengths": ["Rigoureux", "Calme", "Expérimenté", "Ponctuel"],
        "skills": ["Sécurité incendie", "Secourisme", "Rondes", "Main courante"],
        "passions": ["Randonnée", "Histoire"],
        "departments": ["51"],
        "contracts": ["cdi", "cdd", "interim"],
        "languages": [("Français", "native")],
        "availability": IMMEDIATE,
        "mobility": "Permis B, véhicule personnel",
        "licence": True,
        "experiences": [
            {
                "title": "Gardien d'immeuble",
                "organisation": "Bailleur social",
                "location": "Reims",
                "period": "2003 – 2024",
            },
            {
                "title": "Militaire du rang",
                "organisation": "Armée de terre",
                "period": "1985 – 2002",
            },
        ],
        "trainings": [{"title": "SSIAP 1", "period": "2024"}, {"title": "SST", "period": "2024"}],
        "recommendations": [],
        "status": "looking",
    },
    {
        "first_name": "Mariam",
        "last_name": "Saïdi",
        "presentation": "f",
        "looks": {"skin_tone": 4, "hair_style": "headscarf"},
        "catchphrase": "Développeuse web junior, autodidacte et tenace.",
        "story": (
            "Caissière le jour, j'apprenais à coder la nuit sur des cours gratuits. Une "
            "école du numérique inclusive de Lille m'a acceptée et j'en sors diplômée. Je "
            "cherche une alternance ou un premier poste pour progresser dans une équipe."
        ),
        "career": [("informatique", "développeuse web"), ("communication", "intégratrice web")],
        "strengths": ["Tenace", "Autodidacte", "Logique", "Curieuse"],
        "skills": ["HTML et CSS", "JavaScript", "Python", "Git"],
        "passions": ["Mangas", "Escalade", "Jeux de logique"],
        "departments": ["59", "62"],
        "contracts": ["cdi", "alternance", "stage"],
        "languages": [("Français", "native"), ("Anglais", "intermediate"), ("Arabe", "basic")],
        "availability": IMMEDIATE,
        "mobility": "Métro et train régional",
        "licence": False,
        "experiences": [
            {
                "title": "Hôtesse de caisse",
                "organisation": "Supermarché",
                "location": "Lille",
                "period": "2017 – 2023",
            },
            {
                "title": "Projet : site d'une épicerie solidaire",
                "organisation": "École du numérique",
                "location": "Lille",
                "period": "2024",
                "description": "Conception et réalisation du site, en équipe de trois.",
            },
        ],
        "trainings": [
            {
                "title": "Titre professionnel Développeur web et web mobile",
                "organisation": "École du numérique inclusive",
                "period": "2024 – 2025",
            }
        ],
        "recommendations": [],
        "status": "looking",
    },
]

# Extra names for generated candidates (beyond the hand-written ones), by presentation.
EXTRA_FIRST_NAMES = {
    "f": [
        "Awa",
        "Nour",
        "Inès",
        "Sarah",
        "Mélissa",
        "Khadija",
        "Émilie",
        "Jessica",
        "Mariama",
        "Hawa",
        "Valérie",
        "Yasmina",
        "Laetitia",
        "Oumou",
        "Nathalie",
        "Sabrina",
        "Aminata",
        "Océane",
        "Zohra",
        "Priscilla",
        "Svetlana",
        "Ana",
        "Kenza",
        "Maryse",
        "Djeneba",
    ],
    "m": [
        "Youssef",
        "Bakary",
        "Sébastien",
        "Mehdi",
        "Ousmane",
        "David",
        "Rachid",
        "Christophe",
        "Ali",
        "Jérôme",
        "Seydou",
        "Anthony",
        "Hamza",
        "Olivier",
        "Tiago",
        "Kofi",
        "Franck",
        "Bilal",
        "Nicolas",
        "Issa",
        "Grégory",
        "Mohamed",
        "Arnaud",
        "Vasile",
        "Cédric",
    ],
}
EXTRA_LAST_NAMES = [
    "Bernard",
    "Petit",
    "Durand",
    "Leroy",
    "Fournier",
    "Girard",
    "Bonnet",
    "Mercier",
    "Cissé",
    "Touré",
    "Keita",
    "Bamba",
    "Amrani",
    "Chaouch",
    "Meziane",
    "Hamidi",
    "Nowak",
    "Silva",
    "Pereira",
    "Costa",
    "Ionescu",
    "Kovalenko",
    "Ndiaye",
    "Faye",
    "Kaba",
    "Tran",
    "Pham",
    "Vidal",
    "Gauthier",
    "Chevalier",
    "Robin",
    "Masson",
    "Renaud",
    "Picard",
]
# Départements per region, to spread generated candidates over the country.
REGION_DEPARTMENTS = [
    ["75", "77", "78", "91", "92", "93", "94", "95"],  # Île-de-France
    ["59", "62", "80", "60", "02"],  # Hauts-de-France
    ["69", "38", "42", "63", "73", "74"],  # Auvergne-Rhône-Alpes
    ["13", "06", "83", "84"],  # Provence-Alpes-Côte d'Azur
    ["31", "34", "30", "66", "11"],  # Occitanie
    ["33", "64", "87", "86", "17"],  # Nouvelle-Aquitaine
    ["67", "68", "57", "54", "51"],  # Grand Est
    ["35", "29", "22", "56"],  # Bretagne
    ["44", "49", "72"],  # Pays de la Loire
    ["76", "14"],  # Normandie
]
EXTRA_PASSIONS = [
    "Football",
    "Cuisine",
    "Lecture",
    "Randonnée",
    "Musique",
    "Jardinage",
    "Dessin",
    "Natation",
    "Jeux de société",
    "Bricolage",
    "Danse",
    "Cinéma",
    "Vélo",
    "Échecs",
]
EXTRA_AVAILABILITIES = [
    IMMEDIATE,
    "Immédiate, à temps plein",
    "À partir du mois prochain",
    "Immédiate, horaires décalés possibles",
]
EXTRA_MOBILITIES = [
    TRANSPORTS,
    "Permis B, véhicule personnel",
    "Bus et train régional",
    "Vélo et transports en commun",
]
