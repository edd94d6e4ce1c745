import type { Dict } from './index';

export const fr: Dict = {
  appName: 'Radar',
  tagline: 'Matières premières critiques et dépendances stratégiques — UE, Belgique, Flandre',
  skipToContent: 'Aller au contenu',
  nav: {
    overview: 'Vue d’ensemble',
    material: 'Matières',
    belgium: 'Belgique & Flandre',
    dependencies: 'Dépendances',
    scenarios: 'Scénarios',
    benchmarks: 'Objectifs du CRM Act',
    stockpile: 'Stocks stratégiques',
    concentration: 'Carte de concentration',
    explorer: 'Explorateur d’API',
  },
  languageName: { en: 'English', nl: 'Nederlands', fr: 'Français' },
  loading: 'Chargement…',
  errorTitle: 'Cette vue n’a pas pu être affichée',
  notFoundTitle: 'Page introuvable',
  notFoundText: (path: string) => `Radar n’a pas de page à l’adresse ${path}.`,
  backToOverview: 'Retour à la vue d’ensemble',
  source: 'Source',
  data: 'Données',
  method: 'Méthode',
  assumed: 'supposé',
  assumedParams: 'Paramètres supposés',
  warnings: 'Remarques sur les données',
  download: 'Télécharger',
  filterRows: 'Filtrer les lignes…',
  rowsShown: (shown: number, total: number) =>
    shown === total ? `${total} ${total === 1 ? 'ligne' : 'lignes'}` : `${shown} lignes sur ${total}`,
  sourceGiven: 'chiffres indiqués dans le formulaire',
  yes: 'oui',
  no: 'non',
  footerApi: 'API et document OpenAPI',
  footerDatasets: 'Jeux de données de la base',

  overviewTitle: 'Les matières premières critiques en un coup d’œil',
  overviewLede:
    'L’UE a évalué la criticité des matières premières cinq fois depuis 2011. Une matière est critique lorsque son ' +
    'risque d’approvisionnement et son importance économique dépassent tous deux un seuil. Voici les listes et ' +
    'scores publiés.',
  listsHeading: 'Listes en vigueur et proposées',
  official: 'officielle',
  proposed: 'proposée',
  materialsCount: (n: number) => `${n} matières`,
  scatterTitle: (edition: number) => `Risque d’approvisionnement et importance économique, évaluation UE ${edition}`,
  scatterHelp:
    'Chaque point est une matière évaluée. Cliquez sur un point pour suivre son parcours dans les évaluations 2011–2023.',
  critical: 'critique',
  notCritical: 'non critique',
  thresholdNote: 'Critique si SR ≥ 1 et EI ≥ 2,8 (seuils de la méthode appliquée depuis 2017).',
  olderMethodNote:
    'Les évaluations de 2011 et 2014 suivaient une méthode et une échelle antérieures ; aucun seuil n’est tracé.',
  historyOf: (name: string) => `Évolution : ${name}`,
  clearHistory: 'Effacer',
  openFactsheet: 'Ouvrir la fiche',
  edition: 'Édition',
  supplyRisk: 'Risque d’approvisionnement (SR)',
  economicImportance: 'Importance économique (EI)',
  euListTitle: (n: number) => `Matières premières critiques de l’UE 2023 (${n})`,
  strategic: 'stratégique',

  materialTitle: 'Fiche matière',
  chooseMaterial: 'Choisir une matière',
  go: 'Afficher',
  group: 'groupe',
  members: 'Membres',
  partOf: 'Fait partie de',
  srEiTitle: 'Risque d’approvisionnement et importance économique par évaluation UE',
  listsByEdition: 'Listes par édition',
  viaGroup: (group: string) => `via ${group}`,
  technologiesTitle: 'Technologies stratégiques qui l’utilisent (JRC 2023)',
  noTechnologies: 'Aucune technologie stratégique de l’étude prospective du JRC n’est enregistrée pour cette matière.',
  sourcesTitle: 'Sources',
  notAssessed: 'Pas de SR/EI publiés pour cette matière.',
  badgeEu2023: 'critique UE 2023',
  badgeStrategic: 'stratégique (CRMA)',
  badgeBelgium: 'critique pour la Belgique (VITO)',
  badgeFlanders: 'métal de base flamand',

  belgiumTitle: 'Belgique et Flandre',
  belgiumLede:
    'Ce que la Belgique importe en matières premières critiques, auprès de qui, et quelles matières le VITO et le ' +
    'rapport du SERV considèrent comme critiques pour la Belgique et la Flandre.',
  kpiImports: 'importations belges de matières premières critiques en 2023',
  kpiVito: 'matières premières critiques pour la Belgique (VITO), sur 34 pour l’UE',
  kpiCompanies: 'entreprises produisant des métaux de base en Flandre (environ)',
  kpiEstablishments: 'établissements transformant des matières critiques ou stratégiques (environ)',
  millionEur: (value: string) => `${value} millions €`,
  table24Title: 'Importations belges de matières premières critiques, 2023 (rapport du SERV, tableau 24)',
  partnersTitle: 'Provenance des importations belges de matières premières critiques, 2023',
  shareOfImports: 'part des importations de matières critiques',
  vitoTitle: 'La liste UE 2023 et la sélection belge (VITO)',
  vitoLede:
    'Le VITO a appliqué la méthode de criticité de l’UE à la Belgique et a retenu 27 des 34 matières premières ' +
    'critiques de l’UE.',
  keptForBelgium: 'retenue pour la Belgique',
  leftOutForBelgium: 'non retenue pour la Belgique',
  flandersTitle: 'Métaux de base à considérer comme critiques en Flandre (rapport du SERV)',

  byProductsTitle: 'Sous-produits : métaux extraits des minerais de métaux hôtes',

  relations: { 'main-host': 'hôte principal', host: 'hôte', potential: 'hôte potentiel' },
  explorerTitle: 'Explorateur d’API',
  explorerLede:
    'Chaque tableau servi par l’API, avec un formulaire construit à partir de sa description OpenAPI. Une nouvelle ' +
    'analyse apparaît ici dès que sa route est enregistrée.',
  chooseRoute: 'Choisir un tableau ou une analyse',
  run: 'Exécuter',
  noParameters: 'Cette route n’a pas de paramètres.',
  notAResult: 'Cette route ne renvoie pas de tableau de résultats ; sa réponse brute :',

  moreOptions: (n: number) => `Plus d’options (${n})`,
  dependenciesLede:
    'De quels produits importés l’UE (ou un État membre) dépend-elle ? Le filtrage de la Commission européenne (2021) ' +
    'et ses variantes nationales (BNB, BFP avec persistance, GeoDep, MERICS) sur les données commerciales de la base.',
  scenariosLede:
    'Qu’advient-il de la production et de la valeur ajoutée si les importations (ou exportations) de certains ' +
    'produits cessent ? Un choc entrées-sorties sur un tableau importé : indiquez le tableau et les coupes, p. ex. 24B=1.',
  benchmarksLede:
    'À quelle distance l’UE se trouve-t-elle des objectifs 2030 du CRM Act (extraction 10 %, transformation 40 %, ' +
    'recyclage 25 %, au plus 65 % d’un seul pays tiers), par matière stratégique, avec la base et l’approximation de ' +
    'chaque valeur.',
  stockpileLede:
    'Quelle taille et quel coût aurait un stock stratégique couvrant un nombre de jours d’importations nettes ' +
    'moyennes (CRM Act, art. 23) ? À partir des données commerciales de la base, ou de chiffres que vous indiquez.',
  concentrationLede:
    'Quelle est la concentration de l’approvisionnement d’une matière, par étape : parts par pays, HHI, parts du ' +
    'premier et des trois premiers fournisseurs et un indicateur de point de défaillance unique, à partir des ' +
    'données de production de la base.',
  benchmarkOf: (name: string) => `Objectif : ${name}`,
  target: 'objectif',
  meets: 'atteint',
  misses: 'non atteint',
  stockTonnes: 'stock (tonnes)',
  stockValue: 'valeur d’achat',
  dailyNetImports: 'importations nettes par jour (tonnes)',
  daysCovered: 'jours couverts',
  shockChartTitle: 'Variation de la valeur ajoutée par branche (pertes les plus fortes)',
  tradePartnersTitle: 'Partenaires commerciaux (principaux, par année)',
  concentrationMapTitle: 'Parts de l’approvisionnement par pays',
  columns: {
    material: 'matière',
    name: 'nom',
    kind: 'type',
    grade: 'qualité',
    sr: 'SR',
    ei: 'EI',
    note: 'remarque',
    source: 'source',
    locator: 'emplacement dans la source',
    edition: 'édition',
    list: 'liste',
    jurisdiction: 'juridiction',
    status: 'statut',
    items: 'nombre',
    technology: 'technologie',
    sector: 'secteur',
    import_value: 'importations (millions EUR)',
    share_of_total: 'part du total',
    partner: 'partenaire',
    partner_name: 'pays',
    rank: 'rang',
    share: 'part',
    value_stated: 'valeur indiquée (millions EUR)',
    value_from_share: 'part × total (millions EUR)',
    critical: 'critique',
    strategic: 'stratégique',
    assessed_as: 'évaluée comme',
    via_group: 'via le groupe',
    key: 'clé',
    value: 'valeur',
    unit: 'unité',
    belgium: 'Belgique (VITO)',
  },
  listLabels: {
    'eu-crm': 'Matières premières critiques de l’UE',
    'crma-strategic': 'CRMA annexe I : stratégiques',
    'crma-critical': 'CRMA annexe II : critiques',
    'be-crm': 'Belgique (VITO)',
    'flanders-base-metals': 'Métaux de base flamands',
  },
};
