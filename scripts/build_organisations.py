#!/usr/bin/env python3
"""Build the organisations gazetteers of pressx (Python 3 standard library only).

    python3 scripts/build_organisations.py [DATA_DIR]

DATA_DIR is the shared open-data folder (default: ../shared/data, taken relative to the
repository root). The script writes, deterministically (rows sorted by id):

  gazetteers/organisations.tsv
      gazetteers/sources/organisations-curated.tsv (hand-written, the project's licence)
      + rows generated from the CIA World Factbook, Appendix B (public domain):
        orgs/cia-factbook-appendix-b.tsv and orgs/cia-factbook-appendix-b-embedded.tsv,
        each row reviewed by hand in the CIA table below.
      A curated row wins over a generated row with the same id; a generated row that names
      an organisation the curated file already has (same name, variant or acronym) is dropped.

  gazetteers/organisations-supraverden.tsv
      rows derived from SupraVerden (orgs/supraverden-international-organisations.tsv,
      CC BY-SA 4.0, "SupraVerden, © Confirmordeny 2025–2026"). Share-alike, so kept in a
      file of its own with its attribution. Only organisations that organisations.tsv does
      not already have; names and acronyms corrected by the SV_FIX table below.

Pass --report to print what was dropped and why.
"""

import csv
import os
import re
import sys
import unicodedata

HEADER = ['id', 'name', 'acronyms', 'kind', 'parent', 'country', 'variants']
KINDS = {'igo', 'agency', 'police', 'ministry', 'government', 'ngo', 'company', 'other'}

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAZ = os.path.join(ROOT, 'gazetteers')
CURATED = os.path.join(GAZ, 'sources', 'organisations-curated.tsv')
OUT_MAIN = os.path.join(GAZ, 'organisations.tsv')
OUT_SV = os.path.join(GAZ, 'organisations-supraverden.tsv')

REPORT = []


def report(msg):
    REPORT.append(msg)


# --------------------------------------------------------------------------- helpers

def norm(s):
    """Normalise a name for duplicate detection (not for matching)."""
    s = unicodedata.normalize('NFKC', s).casefold()
    s = s.replace('’', "'").replace('‐', '-').replace('–', '-').replace('&', ' and ')
    s = re.sub(r"^the\s+", '', s)
    for a, b in (('organisation', 'organization'), ('co-operation', 'cooperation'),
                 ('co-operative', 'cooperative'), ('centre', 'center'),
                 ('programme', 'program'), ('defence', 'defense'), ('labour', 'labor'),
                 ('aribtral', 'arbitral')):
        s = s.replace(a, b)
    s = re.sub(r"[^\w]+", ' ', s)
    return ' '.join(s.split())


def slug(s):
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", '-', s).strip('-')
    return s


def split_list(cell):
    return [x.strip() for x in cell.split('|') if x.strip()] if cell else []


def make_row(id, name, acronyms=(), kind='igo', parent='', country='', variants=()):
    return {'id': id, 'name': name, 'acronyms': list(acronyms), 'kind': kind,
            'parent': parent, 'country': country, 'variants': list(variants)}


def clean_row(r):
    """Drop duplicate aliases inside a row (a variant equal to the name or to an acronym)."""
    seen_acr = []
    for a in r['acronyms']:
        if a and a not in seen_acr:
            seen_acr.append(a)
    r['acronyms'] = seen_acr
    seen = {r['name'].casefold()} | set(seen_acr)
    out = []
    for v in r['variants']:
        if v and v not in seen and v.casefold() not in seen:
            seen.add(v)
            seen.add(v.casefold())
            out.append(v)
    r['variants'] = out
    return r


def read_tsv_rows(path):
    rows = []
    with open(path, encoding='utf-8') as f:
        header_seen = False
        for lineno, line in enumerate(f, 1):
            line = line.rstrip('\n').rstrip('\r')
            if not line.strip() or line.startswith('#'):
                continue
            fields = line.split('\t')
            if not header_seen:
                if fields != HEADER:
                    sys.exit(f'{path}:{lineno}: header must be: ' + '\t'.join(HEADER))
                header_seen = True
                continue
            if len(fields) != 7:
                sys.exit(f'{path}:{lineno}: expected 7 fields, got {len(fields)}')
            rows.append(make_row(fields[0], fields[1], split_list(fields[2]), fields[3],
                                 fields[4], fields[5], split_list(fields[6])))
    return rows


def read_data_tsv(path):
    with open(path, encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE))


class Index:
    """Names/variants (normalised) and acronyms (exact) already taken, by id."""

    def __init__(self):
        self.names = {}
        self.acrs = {}
        self.ids = set()

    def add(self, r):
        self.ids.add(r['id'])
        for n in [r['name']] + r['variants']:
            self.names.setdefault(norm(n), r['id'])
        for a in r['acronyms']:
            self.acrs.setdefault(a, r['id'])
        # a variant written like an acronym also blocks that acronym elsewhere
        for v in r['variants']:
            if re.fullmatch(r"[A-Z0-9][A-Za-z0-9&./-]*", v) and any(c.isupper() for c in v[1:]):
                self.acrs.setdefault(v, r['id'])

    def name_hit(self, r, own=None):
        """(id, alias) of another row that already has r's name or one of its variants."""
        for n in [r['name']] + r['variants']:
            hit = self.names.get(norm(n))
            if hit and hit != own:
                return hit, n
        return None

    def prune(self, r, label):
        """Remove from r the aliases another id already has."""
        keep = []
        for a in r['acronyms']:
            owner = self.acrs.get(a)
            if owner and owner != r['id']:
                report(f'{label} {r["id"]}: acronym {a!r} dropped (already {owner})')
            else:
                keep.append(a)
        r['acronyms'] = keep
        keep = []
        for v in r['variants']:
            owner = self.names.get(norm(v))
            if owner and owner != r['id']:
                report(f'{label} {r["id"]}: variant {v!r} dropped (already {owner})')
            else:
                keep.append(v)
        r['variants'] = keep
        return r


def write_tsv(path, header_comment, rows):
    rows = sorted(rows, key=lambda r: r['id'])
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write(header_comment)
        f.write('\t'.join(HEADER) + '\n')
        for r in rows:
            cells = [r['id'], r['name'], '|'.join(r['acronyms']), r['kind'], r['parent'],
                     r['country'], '|'.join(r['variants'])]
            for c in cells:
                if '\t' in c or '\n' in c:
                    sys.exit(f'{r["id"]}: tab or newline inside a cell')
            f.write('\t'.join(cells) + '\n')


# --------------------------------------------------------------------------- CIA Factbook
# Every row of Appendix B is listed here by its name as it appears in the source.
#   None          -> skipped (a category of countries, a treaty, or already curated)
#   dict          -> fields of the generated row (id, name, acronyms, kind, parent, variants);
#                    missing fields default to: id = lowercase acronym, the source name and
#                    acronym, kind igo, no parent, no variants.
UNM = {'kind': 'agency', 'parent': 'un'}
CIA = {
    'advanced developing countries': None,
    'advanced economies': None,
    'African Development Bank Group': None,                 # curated afdb
    'African Union': None,                                  # curated au
    'African Union/United Nations Hybrid Operation in Darfur': dict(UNM, id='unamid'),
    'African, Caribbean, and Pacific Group of States': dict(
        id='oacps', name='Organisation of African, Caribbean and Pacific States',
        acronyms=['OACPS', 'ACP'],
        variants=['Organization of African, Caribbean and Pacific States',
                  'African, Caribbean and Pacific Group of States', 'ACP Group of States',
                  'ACP Group']),
    'Agency for the Prohibition of Nuclear Weapons in Latin America and the Caribbean': dict(
        variants=['Agency for the Prohibition of Nuclear Weapons in Latin America']),
    'Alliance of Small Island States': {},
    'Andean Community': dict(id='andean-community', acronyms=[],
                             variants=['Comunidad Andina', 'Andean Pact', 'Andean Group']),
    'Arab Bank for Economic Development in Africa': dict(
        id='badea', acronyms=['BADEA', 'ABEDA'],
        variants=['Banque Arabe pour le Développement Economique en Afrique']),
    'Arab Fund for Economic and Social Development': {},
    'Arab Maghreb Union': dict(acronyms=['AMU', 'UMA'], variants=['Union du Maghreb Arabe']),
    'Arab Monetary Fund': {},
    'Arctic Council': dict(id='arctic-council'),
    'ASEAN Regional Forum': None,
    'Asia-Pacific Economic Cooperation': None,
    'Asian Development Bank': None,
    'Asian Infrastructure Investment Bank': None,
    'Association of Southeast Asian Nations': None,
    'Australia Group': dict(id='australia-group', acronyms=[]),
    'Australia-New Zealand-United States Security Treaty': dict(
        kind='other', name='ANZUS', variants=['ANZUS Treaty', 'Australia, New Zealand and United States Security Treaty']),
    'Baltic Assembly': dict(id='baltic-assembly', acronyms=[]),
    'Bank for International Settlements': None,
    'Bay of Bengal Initiative for Multi-Sectoral Technical and Economic Cooperation': None,
    'Benelux Union': dict(id='benelux', acronyms=[], variants=['Benelux', 'Benelux Economic Union']),
    'Black Sea Economic Cooperation Zone': dict(
        name='Organization of the Black Sea Economic Cooperation',
        variants=['Organisation of the Black Sea Economic Cooperation', 'Black Sea Economic Cooperation']),
    'BRICS': None,
    'Caribbean Community and Common Market': None,          # curated caricom
    'Caribbean Development Bank': {},
    'Central African Customs and Economic Union': {},
    'Central African States Development Bank': dict(
        variants=["Banque de Développement des États de l'Afrique Centrale",
                  "Development Bank of Central African States"]),
    'Central American Bank for Economic Integration': dict(id='cabei', acronyms=['CABEI', 'BCIE']),
    'Central American Common Market': {},
    'Central American Integration System': dict(variants=['Sistema de la Integración Centroamericana']),
    'Central European Initiative': {},
    'centrally planned economies': None,
    'Collective Security Treaty Organization': None,
    'Colombo Plan': dict(id='colombo-plan', acronyms=[],
                         variants=['Colombo Plan for Cooperative Economic and Social Development in Asia and the Pacific']),
    'Common Market for Eastern and Southern Africa': None,
    'Commonwealth': None,                                   # curated commonwealth
    'Commonwealth of Independent States': None,
    'communist countries': None,
    'Community of Democracies': dict(id='community-of-democracies', acronyms=[]),
    'Community of Latin American and Caribbean States': {},
    'Comuinidade dos Paises de Lingua Portuguesa': dict(
        name='Community of Portuguese Language Countries',
        variants=['Comunidade dos Países de Língua Portuguesa',
                  'Community of Portuguese-Speaking Countries',
                  'Community of Portuguese Speaking Countries']),
    'Conference of Interaction and Confidence-Building Measures in Asia': None,
    'Convention of the Southeast European Law Enforcement Center': None,   # curated selec
    'Coordinating Committee on Export Controls': dict(
        name='Coordinating Committee for Multilateral Export Controls', acronyms=['CoCom', 'COCOM'],
        variants=['Coordinating Committee on Export Controls']),
    'Council for Mutual Economic Assistance': dict(
        id='comecon', acronyms=['CMEA', 'CEMA'], variants=['Comecon']),
    'Council of Arab Economic Unity': {},
    'Council of Europe': None,
    'Council of the Baltic Sea States': None,
    'Council of the Entente': dict(id='council-of-the-entente', acronyms=[],
                                   variants=["Conseil de l'Entente"]),
    'countries in transition': None,
    'Customs Cooperation Council': None,                    # curated wco
    'developed countries': None,
    'developing countries': None,
    'Developing Eight': dict(id='d-8', name='D-8 Organization for Economic Cooperation',
                             variants=['Developing Eight', 'Developing 8',
                                       'D-8 Organisation for Economic Cooperation']),
    'East African Community': None,
    'East African Development Bank': {},
    'East Asia Summit': None,                               # a named meeting, not an organisation
    'Economic and Monetary Community of Central Africa': None,
    'Economic and Monetary Union': None,
    'Economic and Social Council': None,
    'Economic Community of the Great Lakes Countries': dict(
        variants=['Communauté Économique des Pays des Grands Lacs']),
    'Economic Community of West African States': None,
    'Economic Cooperation Organization': None,
    'Eurasian Economic Community': None,                    # curated eurasec
    'Eurasian Economic Union': None,
    'Euro-Atlantic Partnership Council': None,
    'European Bank for Reconstruction and Development': None,
    'European Central Bank': None,
    'European Community': dict(id='european-community', acronyms=[],
                               variants=['European Communities', 'European Economic Community']),
    'European Free Trade Association': {},
    'European Investment Bank': None,
    'European Organization for Nuclear Research': dict(
        variants=['European Organisation for Nuclear Research']),
    'European Space Agency': {},
    'European Union': None,
    'Extractive Industry Transparency Initiative': dict(
        name='Extractive Industries Transparency Initiative', kind='other',
        variants=['Extractive Industry Transparency Initiative']),
    'Financial Action Task Force': None,
    'Food and Agriculture Organization': None,
    'First World': None,
    'former Soviet Union': None,
    'former USSR/Eastern Europe': None,
    'Four Dragons': None,
    'Franc Zone': None,
    'Front Line States': None,
    'General Agreement on Tariffs and Trade': None,
    'General Confederation of Trade Unions': dict(kind='ngo'),
    'Group of 10': dict(id='g10', name='Group of Ten', acronyms=['G10', 'G-10'], variants=['Group of 10']),
    'Group of 11': None,
    'Group of 15': dict(id='g15', name='Group of Fifteen', acronyms=['G15', 'G-15'], variants=['Group of 15']),
    'Group of 20': None,
    'Group of 24': dict(id='g24',
                        name='Intergovernmental Group of Twenty-Four on International Monetary Affairs and Development',
                        acronyms=['G24', 'G-24'], variants=['Group of 24', 'Group of Twenty-Four']),
    'Group of 3': None,
    'Group of 5': None,
    'Group of 6': None,
    'Group of 7': None,
    'Group of 77': None,
    'Group of 8': None,
    'Group of 9': None,
    'Gulf Cooperation Council': None,
    'high income countries': None,
    'Indian Ocean Commission': dict(id='indian-ocean-commission', acronyms=[],
                                    variants=["Commission de l'océan Indien"]),
    'industrial countries': None,
    'Inter-American Development Bank': None,
    'Inter-Governmental Authority on Development': None,
    'Inter-Parliamentary Union': None,
    'International Atomic Energy Agency': None,
    'International Bank for Reconstruction and Development': None,
    'International Chamber of Commerce': dict(id='international-chamber-of-commerce', acronyms=[], kind='ngo'),
    'International Civil Aviation Organization': None,
    'International Civilian Support Mission in Haiti': None,
    'International Committee of the Red Cross': None,
    'International Court of Justice': None,
    'International Criminal Court': None,
    'International Criminal Police Organization': None,
    'International Development Association': None,
    'International Energy Agency': dict(parent='oecd'),
    'International Federation of Red Cross and Red Crescent Societies': None,
    'International Finance Corporation': None,
    'International Fund for Agricultural Development': None,
    'International Hydrographic Organization': dict(variants=['International Hydrographic Organisation']),
    'International Labor Organization': None,
    'International Maritime Organization': None,
    'International Mobile Satellite Organization': {},
    'International Monetary Fund': None,
    'International Olympic Committee': dict(kind='ngo'),
    'International Organization for Migration': None,
    'International Organization for Standardization': dict(kind='ngo'),
    'International Organization of the French-speaking World': dict(
        name='International Organisation of La Francophonie',
        variants=['Organisation internationale de la Francophonie',
                  'International Organization of la Francophonie',
                  'International Organization of the French-speaking World', 'La Francophonie']),
    'International Red Cross and Red Crescent Movement': dict(kind='ngo'),
    'International Telecommunication Satellite Organization': dict(
        name='International Telecommunications Satellite Organization',
        variants=['International Telecommunication Satellite Organization']),
    'International Telecommunication Union': None,
    'International Trade Union Confederation': dict(kind='ngo'),
    'Islamic Development Bank': None,                       # curated isdb
    'Latin American and Caribbean Economic System': dict(
        id='sela', acronyms=['SELA'], variants=['Sistema Económico Latinoamericano y del Caribe']),
    'Latin American Integration Association': dict(
        id='aladi', acronyms=['ALADI', 'LAIA'], variants=['Asociación Latinoamericana de Integración']),
    'League of Arab States': None,
    'least developed countries': None,
    'less developed countries': None,
    'low-income countries': None,
    'middle-income countries': None,
    'Multilateral Investment Guarantee Agency': None,
    'Near Abroad': None,
    'new independent states': None,
    'newly industrializing countries': None,
    'newly industrializing economies': None,
    'Nonaligned Movement': None,
    'Nordic Council': dict(id='nordic-council', acronyms=[]),
    'Nordic Investment Bank': {},
    'North': None,
    'North American Free Trade Agreement': None,
    'North Atlantic Treaty Organization': None,
    'Nuclear Energy Agency': dict(parent='oecd', variants=['OECD Nuclear Energy Agency']),
    'Nuclear Suppliers Group': None,
    'Organisation for Economic Cooperation and Development': None,
    'Organization for Democracy and Economic Development': dict(
        name='GUAM Organization for Democracy and Economic Development',
        variants=['Organization for Democracy and Economic Development']),
    'Organization for Security and Cooperation in Europe': None,
    'Organization for the Prohibition of Chemical Weapons': None,
    'Organization of African Unity': dict(variants=['Organisation of African Unity']),
    'Organization of American States': None,
    'Organization of Arab Petroleum Exporting Countries': dict(
        variants=['Organisation of Arab Petroleum Exporting Countries']),
    'Organization of Eastern Caribbean States': dict(variants=['Organisation of Eastern Caribbean States']),
    'Organization of Islamic Cooperation': None,
    'Organization of Petroleum Exporting Countries': dict(
        name='Organization of the Petroleum Exporting Countries',
        variants=['Organization of Petroleum Exporting Countries',
                  'Organisation of the Petroleum Exporting Countries']),
    'Pacific Alliance': dict(id='pacific-alliance', variants=['Alianza del Pacífico']),
    'Pacific Community': dict(variants=['Secretariat of the Pacific Community', 'South Pacific Commission']),
    'Pacific Islands Forum': None,
    'Paris Club': dict(id='paris-club', kind='other'),
    'Partnership for Peace': dict(id='pfp', acronyms=['PfP'], kind='agency', parent='nato'),
    'Permanent Court of Arbitration': None,
    'Petrocaribe': dict(id='petrocaribe', name='PetroCaribe', kind='other', variants=['Petrocaribe']),
    'Rio Group': dict(id='rio-group', acronyms=[]),
    'Schengen Convention': None,
    'Second World': None,
    'Secretariat of the Pacific Community': None,           # same body as the Pacific Community
    'Shanghai Cooperation Organization': None,
    'socialist countries': None,
    'South': None,
    'South American Community of Nations': None,            # predecessor of UNASUR, a variant there
    'South Asia Co-operative Environment Program': dict(
        name='South Asia Co-operative Environment Programme',
        variants=['South Asia Cooperative Environment Programme']),
    'South Asian Association for Regional Cooperation': None,
    'South Pacific Forum': None,                            # former name of the PIF
    'South Pacific Regional Trade and Economic Cooperation Agreement': None,
    'Southern African Customs Union': {},
    'Southern African Development Community': None,
    'Southern Cone Common Market (Mercosur) or Southern Common Market': None,
    'Third World': None,
    'underdeveloped countries': None,
    'undeveloped countries': None,
    'Union Latina': None,
    'Union of South American Nations': dict(
        id='unasur', acronyms=['UNASUR', 'UNASUL'], variants=['South American Community of Nations']),
    'United Nations': None,
    'United Nations Assistance Mission in Afghanistan': None,
    "United Nations Children's Fund": None,
    'United Nations Conference on Trade and Development': None,
    'United Nations Development Program': None,
    'United Nations Disengagement Observer Force': dict(UNM),
    'United Nations Educational, Scientific, and Cultural Organization': None,
    'United Nations Environment Program': None,
    'United Nations General Assembly': None,
    'United Nations High Commissioner for Refugees': None,
    'United Nations Industrial Development Organization': None,
    'United Nations Institute for Training and Research': None,
    'United Nations Integrated Mission in Timor-Leste': dict(UNM),
    'United Nations Interim Administration Mission in Kosovo': dict(UNM),
    'United Nations Interim Force in Lebanon': dict(UNM),
    'United Nations Interim Security Force for Abyei': dict(UNM),
    'United Nations Military Observer Group in India and Pakistan': dict(UNM),
    'United Nations Mission for the Referendum in Western Sahara': dict(UNM),
    'United Nations Mission in Liberia': dict(UNM),
    'United Nations Mission in the Central African Republic and Chad': dict(UNM),
    'United Nations Mission in the Republic of South Sudan': dict(
        UNM, variants=['United Nations Mission in South Sudan', 'UN Mission in South Sudan']),
    'United Nations Mission in the Sudan': dict(UNM),
    'United Nations Multidimensional Integrated Stabilization Mission in Mali': dict(UNM),
    "United Nations Operation in Cote d'Ivoire": dict(UNM, variants=["United Nations Operation in Côte d'Ivoire"]),
    'United Nations Organization Stabilization Mission in the Democratic Republic of the Congo': dict(UNM),
    'United Nations Peacekeeping Force in Cyprus': dict(UNM),
    'United Nations Population Fund': None,
    'United Nations Relief and Works Agency for Palestine Refugees in the Near East': None,
    'United Nations Research Institute for Social Development': None,
    'United Nations Secretariat': None,
    'United Nations Security Council': None,
    'United Nations Truce Supervision Organization': dict(UNM),
    'United Nations Trusteeship Council': None,
    'United Nations University': None,
    'Universal Postal Union': None,
    'Warsaw Pact': dict(id='warsaw-pact', name='Warsaw Treaty Organization', acronyms=[],
                        variants=['Warsaw Pact', 'Warsaw Treaty Organisation']),
    'West African Development Bank': dict(id='boad', acronyms=['BOAD', 'WADB'],
                                          variants=['Banque Ouest-Africaine de Développement']),
    'West African Economic and Monetary Union': dict(
        acronyms=['WAEMU', 'UEMOA'], variants=['Union Économique et Monétaire Ouest-Africaine']),
    'Western European Union': {},
    'World Bank Group': None,
    'World Confederation of Labor': dict(name='World Confederation of Labour', kind='ngo',
                                         variants=['World Confederation of Labor']),
    'World Customs Organization': None,
    'World Federation of Trade Unions': dict(kind='ngo'),
    'World Food Program': None,
    'World Health Organization': None,
    'World Intellectual Property Organization': None,
    'World Meteorological Organization': None,
    'World Tourism Organization': None,
    'World Trade Organization': None,
    'Zangger Committee': dict(id='zangger-committee', acronyms=[]),
}

# "Long Name (ACR)" pairs found inside the entries: only these (checked by hand) are used.
CIA_EMBEDDED = {
    'CACO': dict(id='caco', name='Central Asian Cooperation Organization',
                 variants=['Central Asian Cooperation Organisation']),
    'ECSC': dict(id='ecsc', name='European Coal and Steel Community'),
    'Euratom': dict(id='euratom', name='European Atomic Energy Community', acronyms=[],
                    variants=['Euratom']),
    'ITC': dict(id='itc', name='International Trade Centre', kind='agency', parent='un',
                variants=['International Trade Center']),
    'MINUSTAH': dict(id='minustah', name='United Nations Stabilization Mission in Haiti',
                     kind='agency', parent='un'),
    'UNISDR': None, 'ICTY': None, 'ICTR': None,
}


def acronym_list(cell):
    if not cell:
        return []
    # "EAEC or EurasEC", "UNASUR - Spanish; UNASUL - Portuguese": handled in CIA table
    return [cell.strip()]


def build_cia(data):
    rows = []
    path = os.path.join(data, 'orgs', 'cia-factbook-appendix-b.tsv')
    for rec in read_data_tsv(path):
        name = rec['name'].strip()
        if name not in CIA:
            report(f'cia: no decision for {name!r} ({rec["acronym"]}); skipped')
            continue
        fix = CIA[name]
        if fix is None:
            continue
        acrs = fix.get('acronyms', acronym_list(rec['acronym']))
        rid = fix.get('id') or (acrs[0].lower() if acrs else slug(name))
        rows.append(clean_row(make_row(
            rid, fix.get('name', name), acrs, fix.get('kind', 'igo'), fix.get('parent', ''), '',
            fix.get('variants', []))))
    path = os.path.join(data, 'orgs', 'cia-factbook-appendix-b-embedded.tsv')
    seen = set()
    for rec in read_data_tsv(path):
        acr = rec['acronym'].strip()
        fix = CIA_EMBEDDED.get(acr)
        if not fix or acr in seen:
            continue
        seen.add(acr)
        rows.append(clean_row(make_row(
            fix['id'], fix['name'], fix.get('acronyms', [acr]), fix.get('kind', 'igo'),
            fix.get('parent', ''), '', fix.get('variants', []))))
    return rows


# --------------------------------------------------------------------------- SupraVerden
# Rows of these types are out of scope (research infrastructures, funding joint undertakings).
SV_SKIP_TYPES = {'European Research Infrastructure Consortium', 'EU joint undertaking'}
# Parent organisation by SupraVerden org_family (only where the family's root is known).
SV_FAMILY_PARENT = {
    'EU institutions and bodies': 'eu',
    'UN and affiliates': 'un',
    'Council of Europe entities': 'coe',
    'OAS institutions and bodies': 'oas',
    'African Union entities': 'au',
    'ECOWAS entities': 'ecowas',
    'Caribbean Community entities': 'caricom',
    'Arab League entities': 'las',
    'Organization of Turkic States entities': 'ots',
    'Eurasian Economic Union entities': 'eaeu',
    'Association of Southeast Asian Nations entities': 'asean',
    'Nordic Council entities': 'nordic-council',
    'Central American Integration System entities': 'sica',
    'Andean Community entities': 'andean-community',
    'East African Community entities': 'eac',
    'Common Market for Eastern and Southern Africa entities': 'comesa',
    'Benelux entities': 'benelux',
    'Commonwealth of Nations entities': 'commonwealth',
    'World Bank Group entities': 'wbg',
    'Organisation for Economic Co-operation and Development entities': 'oecd',
    'OSCE entities': 'osce',
    'Mercosur entities': 'mercosur',
    'Pacific Islands Forum': 'pif',
    'West African Economic and Monetary Union': 'waemu',
    'Economic and Monetary Community of Central Africa': 'cemac',
    'Organization of the Black Sea Economic Cooperation': 'bsec',
    'EFTA entities': 'efta',
    'Colombo Plan entities': 'colombo-plan',
    'UN Environment Programme entities': 'unep',
    'BRICS entities': 'brics',
    'Organisation of Islamic Cooperation': 'oic',
    'Union of South American Nations entities': 'unasur',
    'Southern African Development Community': 'sadc',
    'Organization of the Petroleum Exporting Countries': 'opec',
    'CGIAR entities': 'cgiar',
    'Antarctic Treaty System entities': '',
}
# Bodies of a family that are independent organisations rather than its organs.
SV_INDEPENDENT = {'World Bank Group entities', 'CGIAR entities', 'Antarctic Treaty System entities'}

# Corrections by SupraVerden sprvd_id: None drops the row; a dict overrides fields
# (id, name, acronyms, variants, kind, parent). Filled in after reviewing every row.
SV_FIX = {
    # duplicates of rows in organisations.tsv under another name
    'SPRVD0380314': None,   # Union State (curated union-state)
    'SPRVD0252299': None,   # United Nations Tourism (curated unwto)
    'SPRVD0575348': None,   # UNFCCC secretariat (curated unfccc)
    'SPRVD0081970': None,   # European Committee for Prevention of Torture (curated cpt)
    'SPRVD0939662': None,   # West African Monetary Union (its acronym is WAEMU's)
    'SPRVD0756365': None,   # Latin American and the Caribbean Economic System (sela)
    'SPRVD0442046': None,   # OPANAL under another name (opanal)
    # names that are ordinary phrases, or not an international organisation
    'SPRVD0346792': None,   # "Energy Community": a common phrase
    'SPRVD0036362': None,   # "European Schools": a common phrase
    'SPRVD0641703': None,   # EUCLID University: not an intergovernmental body of note
    # corrections
    'SPRVD0420757': dict(name='United Nations Statistical Commission', variants=['UN Statistical Commission']),
    'SPRVD0907620': dict(id='recofi', acronyms=['RECOFI']),
    'SPRVD0460800': dict(acronyms=['CWP']),
    'SPRVD0135400': dict(id='unaids-pcb', acronyms=[]),
    'SPRVD0469976': dict(acronyms=[], kind='igo', parent=''),          # ISA is ambiguous
    'SPRVD0097698': dict(id='international-solar-alliance', acronyms=[]),
    'SPRVD0151735': dict(id='inter-american-defense-board', acronyms=[]),   # not IDB
    'SPRVD0229812': dict(id='international-iberian-nanotechnology-laboratory', acronyms=[]),
    'SPRVD0979737': dict(id='opec-fund', acronyms=[], variants=['OPEC Fund'], kind='igo', parent=''),
    'SPRVD0065929': dict(id='arabsat', name='Arab Satellite Communications Organization',
                         acronyms=['ARABSAT'], variants=['Arabsat', 'Arab Satellite Communications Organisation']),
    'SPRVD0868495': dict(id='eit', acronyms=['EIT']),
    'SPRVD0296913': dict(id='ilzsg', acronyms=['ILZSG']),
    'SPRVD0145119': dict(id='osce-court-of-conciliation-and-arbitration', acronyms=[],
                         name='Court of Conciliation and Arbitration within the OSCE',
                         variants=['OSCE Court of Conciliation and Arbitration']),
    'SPRVD0860220': dict(id='cilss', acronyms=['CILSS']),
    'SPRVD0860060': dict(id='caribbean-council-of-legal-education', acronyms=[], variants=[]),
    'SPRVD0230217': dict(name='Commonwealth Secretariat Arbitral Tribunal', variants=[]),
    'SPRVD0904870': dict(id='antarctic-treaty-secretariat', name='Secretariat of the Antarctic Treaty'),
    'SPRVD0257192': dict(variants=['Loss and Damage Fund']),
    'SPRVD0244371': dict(variants=['Fusion for Energy']),
    'SPRVD0610800': dict(variants=['Bioversity International']),
    'SPRVD0044871': dict(kind='ngo'),
    'SPRVD0080104': dict(kind='other', parent=''),
    'SPRVD0726852': dict(id='convenio-andres-bello', name='Andrés Bello Convention Organization',
                         variants=['Convenio Andrés Bello', 'Andrés Bello Convention']),
    'SPRVD0024895': dict(variants=['Arab Labour Organization', 'Arab Labour Organisation']),
    'SPRVD0930007': dict(name='African Intellectual Property Organization',
                         variants=['African Intellectual Property Organisation',
                                   'Organisation Africaine de la Propriété Intellectuelle']),
    'SPRVD0276299': dict(kind='igo', parent=''),
    'SPRVD0398050': dict(kind='igo', parent=''),
    'SPRVD0997784': dict(kind='igo', parent=''),
    'SPRVD0486544': dict(id='caf', name='CAF – Development Bank of Latin America and the Caribbean',
                         acronyms=['CAF'], kind='igo', parent='',
                         variants=['CAF - Development Bank of Latin America and the Caribbean',
                                   'Development Bank of Latin America and the Caribbean',
                                   'Development Bank of Latin America', 'Andean Development Corporation']),
    'SPRVD0529908': dict(kind='agency', parent='afdb'),
    'SPRVD0559557': dict(kind='igo', parent=''),
    'SPRVD0999519': dict(acronyms=[], variants=['Intersputnik']),
    'SPRVD0772247': dict(acronyms=[], variants=['EastMed Gas Forum']),
    'SPRVD0002482': dict(id='eutelsat-igo', acronyms=[], variants=['Eutelsat IGO']),
    'SPRVD0745891': dict(id='cbd-secretariat', acronyms=[], variants=['CBD Secretariat']),
    'SPRVD0717102': dict(id='cefta-secretariat', acronyms=[], variants=['CEFTA Secretariat']),
    # acronyms that are ambiguous or ordinary words in capitals: dropped
    'SPRVD0772258': dict(id='south-asian-university', acronyms=[]),
    'SPRVD0746587': dict(id='saarc-development-fund', acronyms=[]),
    'SPRVD0523499': dict(id='common-fund-for-commodities', acronyms=[]),
    'SPRVD0566723': dict(id='international-sericultural-commission', acronyms=[]),
    'SPRVD0174969': dict(id='international-meuse-commission', acronyms=[]),
    'SPRVD0619307': dict(id='lake-tanganyika-authority', acronyms=[]),
    'SPRVD0032133': dict(id='european-training-foundation', acronyms=[]),
    'SPRVD0391888': dict(id='european-environment-agency', acronyms=[]),     # EEA: also the Economic Area
    'SPRVD0677281': dict(id='eccc-cybersecurity', acronyms=[]),               # ECCC: also the Cambodia tribunal
    'SPRVD0909331': dict(id='inter-american-center-for-tax-administrations', acronyms=[]),
    'SPRVD0868111': dict(id='international-center-for-tropical-agriculture', acronyms=[]),
    'SPRVD0894939': dict(id='un-commission-on-population-and-development', acronyms=[]),
    'SPRVD0105204': dict(id='asia-pacific-telecommunity', acronyms=[]),      # APT: also "advanced persistent threat"
    'SPRVD0829276': dict(id='british-irish-council', acronyms=[]),
    'SPRVD0043403': dict(name='Asian Productivity Organization', variants=['Asian Productivity Organisation']),
    'SPRVD0638879': dict(kind='other'),
    # well-known acronyms missing in the source, and name fixes
    'SPRVD0151133': dict(id='recaap', acronyms=['ReCAAP'],
                         name='Regional Cooperation Agreement on Combating Piracy and Armed Robbery against Ships in Asia'),
    'SPRVD0322963': dict(id='ospar', acronyms=['OSPAR'], name='OSPAR Commission', variants=['Oslo and Paris Commissions']),
    'SPRVD0104961': dict(id='ices', acronyms=['ICES'], name='International Council for the Exploration of the Sea',
                         variants=['International Council for Exploration of the Sea']),
    'SPRVD0140647': dict(name='International Center for Agricultural Research in the Dry Areas',
                         variants=['International Centre for Agricultural Research in the Dry Areas']),
    'SPRVD0691601': dict(id='oiv', acronyms=['OIV'], variants=['International Organization of Vine and Wine']),
    'SPRVD0492842': dict(id='woah', acronyms=['WOAH', 'OIE'],
                         variants=['World Organization for Animal Health', 'Office International des Epizooties']),
    'SPRVD0228988': dict(id='otif', acronyms=['OTIF']),
    'SPRVD0525440': dict(id='upov', acronyms=['UPOV']),
    'SPRVD0636726': dict(id='itto', acronyms=['ITTO']),
    'SPRVD0780789': dict(id='iwc', acronyms=['IWC']),
    'SPRVD0595288': dict(id='iattc', acronyms=['IATTC']),
    'SPRVD0644666': dict(id='iccat', acronyms=['ICCAT']),
    'SPRVD0869534': dict(id='lcbc', acronyms=['LCBC']),
    'SPRVD0533040': dict(id='mano-river-union', acronyms=['MRU']),
    'SPRVD0992676': dict(id='iora', acronyms=['IORA']),
    'SPRVD0672537': dict(id='acto', acronyms=['ACTO'], variants=['Amazon Cooperation Treaty Organisation']),
    'SPRVD0985240': dict(id='gecf', acronyms=['GECF']),
    'SPRVD0706354': dict(id='iib', acronyms=['IIB']),
    'SPRVD0106069': dict(id='istc', acronyms=['ISTC']),
    'SPRVD0992256': dict(id='omvs', acronyms=['OMVS'], name='Organization for the Development of the Senegal River',
                         variants=['Organisation for the Development of the Senegal River']),
    'SPRVD0182183': dict(id='pam', acronyms=['PAM']),
    'SPRVD0935626': dict(id='olade', acronyms=['OLADE']),
    'SPRVD0125622': dict(id='ico', acronyms=['ICO'], name='International Coffee Organization',
                         variants=['International Coffee Organisation']),
    'SPRVD0121448': dict(name='International Sugar Organization', variants=['International Sugar Organisation']),
    'SPRVD0475321': dict(id='icco', acronyms=['ICCO']),
    'SPRVD0101688': dict(id='icac', acronyms=['ICAC']),
    'SPRVD0984350': dict(id='igc', acronyms=['IGC']),
    'SPRVD0903219': dict(id='acwl', acronyms=['ACWL']),
    'SPRVD0508338': dict(name='International Union for Conservation of Nature',
                         variants=['International Union for Conservation of Nature and Natural Resources']),
    'SPRVD0755248': dict(variants=['Court of Justice of the EFTA States', 'European Free Trade Association Court']),
    'SPRVD0272593': dict(acronyms=['RSCSL']),
    'SPRVD0903673': dict(id='euratom-supply-agency', acronyms=[], variants=['Euratom Supply Agency']),
}


def build_supraverden(data, main_index):
    path = os.path.join(data, 'orgs', 'supraverden-international-organisations.tsv')
    rows = []
    sv_index = Index()
    for rec in read_data_tsv(path):
        sid = rec['sprvd_id']
        fix = SV_FIX.get(sid, {})
        if fix is None:
            report(f'supraverden {sid} {rec["name_en"]!r}: dropped by SV_FIX')
            continue
        if rec['type'] in SV_SKIP_TYPES:
            continue
        name = fix.get('name', rec['name_en'].strip().replace('‐', '-'))
        acrs = fix.get('acronyms')
        if acrs is None:
            acrs = [a for a in (rec['abbreviation_en'].strip(), rec['abbreviation_other_en'].strip()) if a]
        variants = fix.get('variants')
        if variants is None:
            variants = [v.replace('‐', '-') for v in (rec['name_other_en'].strip(), rec['name_other_2_en'].strip()) if v]
            if rec['key'].strip() not in (name, rec['name_en']):
                variants.append(rec['key'].strip())
        # an "other name" that is really an acronym goes to acronyms
        moved = [v for v in variants if re.fullmatch(r"[A-Z][A-Z0-9&\- ]{1,12}", v)]
        for v in moved:
            variants.remove(v)
            acrs.append(v)
        family = rec['org_family'].strip()
        parent = fix.get('parent')
        if parent is None:
            parent = SV_FAMILY_PARENT.get(family, '')
            if rec['type'].strip() == 'FAO statutory body':
                parent = 'fao'
        kind = fix.get('kind')
        if kind is None:
            if rec['type'].strip() == 'UN specialized agency':
                kind = 'igo'
            elif parent and family not in SV_INDEPENDENT:
                kind = 'agency'
            else:
                kind = 'igo'
        rid = fix.get('id') or (slug(acrs[0]) if acrs and len(acrs[0]) >= 3 else slug(name))
        r = clean_row(make_row(rid, name, acrs, kind, parent, '', variants))
        if r['id'] == r['parent']:
            r['parent'] = ''
        hit = main_index.name_hit(r)
        if hit:
            report(f'supraverden {sid} {name!r}: already in organisations.tsv as {hit[0]} ({hit[1]!r})')
            continue
        if r['id'] in main_index.ids or r['id'] in sv_index.ids:
            r['id'] = slug(name)
            if r['id'] in main_index.ids or r['id'] in sv_index.ids:
                r['id'] = 'sv-' + slug(name)
        main_index.prune(r, 'supraverden')
        sv_index.prune(r, 'supraverden')
        hit = sv_index.name_hit(r)
        if hit:
            report(f'supraverden {sid} {name!r}: duplicate of {hit[0]} in the same file')
            continue
        sv_index.add(r)
        rows.append(r)
    # parents must exist in this file or in organisations.tsv
    ids = main_index.ids | sv_index.ids
    for r in rows:
        if r['parent'] and r['parent'] not in ids:
            report(f'supraverden {r["id"]}: parent {r["parent"]!r} unknown, cleared')
            r['parent'] = ''
    return rows


# --------------------------------------------------------------------------- main

MAIN_HEADER = """\
# organisations.tsv — organisations gazetteer of pressx. GENERATED by
# scripts/build_organisations.py from:
#   - gazetteers/sources/organisations-curated.tsv (hand-curated; the project's licence);
#   - the CIA World Factbook, Appendix B "International Organizations and Groups"
#     (US Government work, public domain), rows reviewed and corrected by hand.
# Do not edit by hand: edit the curated file (or the tables in the script) and rebuild.
# Columns: id, name, acronyms (case-sensitive, first is canonical), kind (igo, agency,
# police, ministry, government, ngo, company, other), parent (an id), country (ISO 3166-1
# alpha-2, national bodies only), variants (case-insensitive aliases); lists use "|".
"""

SV_HEADER = """\
# organisations-supraverden.tsv — organisations gazetteer of pressx, derived from
# SupraVerden, © Confirmordeny 2025–2026 (https://github.com/confirmordeny/supraverden,
# data/general_list.yaml, commit 59ab4fa), licensed under CC BY-SA 4.0
# (https://creativecommons.org/licenses/by-sa/4.0/). Changes: converted to the pressx
# columns; rows already in organisations.tsv, research infrastructures and joint
# undertakings removed; some names, acronyms, kinds and parents corrected. This file as a
# whole is licensed under CC BY-SA 4.0. GENERATED by scripts/build_organisations.py.
"""


def main(argv):
    args = [a for a in argv if not a.startswith('--')]
    data = args[0] if args else os.path.join(ROOT, '..', 'shared', 'data')
    if not os.path.isdir(os.path.join(data, 'orgs')):
        sys.exit(f'{data}: not the shared data folder (no orgs/ inside)')

    curated = [clean_row(r) for r in read_tsv_rows(CURATED)]
    index = Index()
    for r in curated:
        if r['id'] in index.ids:
            sys.exit(f'{CURATED}: duplicate id {r["id"]}')
        index.add(r)

    generated = []
    for r in build_cia(data):
        if r['id'] in index.ids:
            report(f'cia {r["id"]}: id already curated, curated row kept')
            continue
        hit = index.name_hit(r)
        if hit:
            report(f'cia {r["id"]} {r["name"]!r}: already curated as {hit[0]} ({hit[1]!r})')
            continue
        if r['acronyms'] and r['acronyms'][0] in index.acrs:
            report(f'cia {r["id"]}: acronym {r["acronyms"][0]} already curated as {index.acrs[r["acronyms"][0]]}')
        index.prune(r, 'cia')
        index.add(r)
        generated.append(r)

    main_rows = curated + generated
    ids = {r['id'] for r in main_rows}
    for r in main_rows:
        if r['parent'] and r['parent'] not in ids:
            sys.exit(f'{r["id"]}: parent {r["parent"]!r} does not exist')
    write_tsv(OUT_MAIN, MAIN_HEADER, main_rows)

    sv_rows = build_supraverden(data, index)
    write_tsv(OUT_SV, SV_HEADER, sv_rows)

    print(f'{os.path.relpath(OUT_MAIN, ROOT)}: {len(main_rows)} rows '
          f'({len(curated)} curated, {len(generated)} from the CIA World Factbook)')
    print(f'{os.path.relpath(OUT_SV, ROOT)}: {len(sv_rows)} rows (SupraVerden, CC BY-SA 4.0)')
    if '--report' in argv:
        for m in REPORT:
            print('  ' + m)


if __name__ == '__main__':
    main(sys.argv[1:])
