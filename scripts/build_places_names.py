#!/usr/bin/env python3
"""Build and check the place, title, honorific and given-name gazetteers of pressx.

Usage (from the repository root):

    python3 scripts/build_places_names.py [DATA_DIR]          # regenerate
    python3 scripts/build_places_names.py --check [DATA_DIR]  # validate only

DATA_DIR is the shared open-data folder (default: ../shared/data, i.e. the
`shared/data` folder beside the repository).

Generated files (never edit them by hand, edit their sources instead):

  gazetteers/cities.tsv       = gazetteers/sources/cities-curated.tsv
                                + GeoNames cities15000 places with population
                                  >= 500,000 (CC BY 4.0, "GeoNames (geonames.org)"),
                                  minus gazetteers/sources/cities-stop.tsv and
                                  minus names that are countries, regions or
                                  already listed.
  gazetteers/given_names.tsv  = nam_dict.txt by Joerg Michael (GFDL 1.2+),
                                filtered by frequency, `+` expanded,
                                + gazetteers/sources/given_names-extra.tsv,
                                minus gazetteers/sources/given_names-stop.tsv and
                                minus names that are countries, demonyms, regions,
                                cities, titles or honorifics (unless listed in
                                gazetteers/sources/given_names-keep.tsv).

Hand-curated files (edited directly, only checked here):
  gazetteers/countries.tsv, regions.tsv, titles.tsv, honorifics.tsv.

Python 3 standard library only; the output is deterministic (sorted).
"""

import csv
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAZ = os.path.join(ROOT, "gazetteers")
SRC = os.path.join(GAZ, "sources")

HEADERS = {
    "countries.tsv": ["code", "name", "official", "variants", "demonyms"],
    "cities.tsv": ["name", "country", "variants", "capital"],
    "regions.tsv": ["name", "variants"],
    "titles.tsv": ["title", "variants", "kind"],
    "honorifics.tsv": ["honorific", "variants"],
    "given_names.tsv": ["name", "origin"],
}
SOURCE_HEADERS = {
    "cities-curated.tsv": ["name", "country", "variants", "capital"],
    "cities-stop.tsv": ["name", "reason"],
    "given_names-extra.tsv": ["name", "origin"],
    "given_names-stop.tsv": ["name", "reason"],
    "given_names-keep.tsv": ["name", "reason"],
}
LIST_FIELDS = {"variants", "demonyms", "origin"}

# --- given names: selection rule -------------------------------------------------
# keep a name when its frequency is >= 4 in any country group, or >= 2 in one of
# these groups (the regions whose officials the press releases name most).
PRIORITY_GROUPS = {
    "russia", "ukraine", "belarus", "kazakhstan_uzbekistan_etc", "turkey",
    "arabia_persia", "china", "india_sri_lanka", "korea", "vietnam", "japan",
}
MIN_FREQ_ANY = 4
MIN_FREQ_PRIORITY = 2
# names of one or two letters match too many abbreviations (UN, EU, AI, UK, Co)
# when matched case-insensitively; these few are kept.
SHORT_KEEP = {"Bo", "Ed", "Jo"}
# common Chinese, Korean and Vietnamese family names: dropped when the name is
# known only from East Asian groups (they are surnames, not given names there).
EAST_ASIAN_GROUPS = {"china", "korea", "vietnam", "japan"}
EAST_ASIAN_SURNAMES = set("""
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo
Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai
Jiang Du Ye Cheng Wei Su Ding Ren Lu Yao Shen Zhong Cui Tan Fan Liao Shi Jin Jia
Xia Fu Fang Zou Xiong Bai Meng Qin Qiu Hou Yin Xue Yan Duan Lei Long Mao Hao Gu Gong
Shao Wan Qian Dai Mo Kong Xiang Chang Niu Weng Xing Pang Gan Lai Qi Xi Lan Ge
Choi Jung Chung Kang Cho Jo Yoon Yun Jang Lim Oh Seo Shin Kwon Hwang Ahn Yoo Jeon
Moon Bae Baek Heo Nam Noh Ha Kwak Sung Cha Joo Woo Ryu
Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Trinh Dinh
""".split())

# GeoNames: population threshold for the generated part of cities.tsv
CITY_MIN_POP = 500000
# transliteration marks that are not part of the usual English spelling of a
# city: a name containing them is replaced by its plain form
TRANSLIT_MARKS = set("āēīōūĀĒĪŌŪḩḨḥḤşŞţŢẓẒ‘ʼʻ")


def fold(s):
    """Case-folded form used for duplicate and collision checks."""
    s = s.replace("’", "'").replace("‘", "'")
    return " ".join(s.casefold().split())


def plain(s):
    """Strip diacritics (NFKD, drop combining marks), straighten apostrophes."""
    s = s.replace("’", "'").replace("ʼ", "'").replace("ʻ", "'").replace("‘", "'")
    s = s.replace("ı", "i").replace("İ", "I").replace("ł", "l").replace("Ł", "L")
    s = s.replace("đ", "d").replace("Đ", "D").replace("ø", "o").replace("Ø", "O")
    s = s.replace("ß", "ss").replace("æ", "ae").replace("Æ", "Ae")
    d = unicodedata.normalize("NFKD", s)
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))


# ------------------------------------------------------------------------------
# reading and checking TSV files

class TsvError(Exception):
    pass


def read_tsv(path, header):
    """Read a gazetteer TSV: returns list of (lineno, dict). Raises TsvError with
    file:line messages for every rule broken (all errors of the file at once)."""
    errors = []
    rows = []
    seen_header = False
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise TsvError(f"{path}: cannot read: {e}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise TsvError(f"{path}: not UTF-8: {e}")
    if text.startswith("\ufeff"):
        errors.append(f"{path}:1: byte order mark not allowed")
    for i, line in enumerate(text.split("\n"), 1):
        if line.endswith("\r"):
            errors.append(f"{path}:{i}: CR line ending")
            line = line[:-1]
        if not line.strip() or line.startswith("#"):
            if line.strip() and not line.startswith("#"):
                pass
            continue
        fields = line.split("\t")
        if not seen_header:
            seen_header = True
            if fields != header:
                errors.append(f"{path}:{i}: header must be {chr(9).join(header)!r}, got {line!r}")
            continue
        if len(fields) != len(header):
            errors.append(f"{path}:{i}: {len(fields)} fields, expected {len(header)}")
            continue
        row = dict(zip(header, fields))
        for k, v in row.items():
            if v != v.strip():
                errors.append(f"{path}:{i}: field {k} has leading/trailing space")
            if k in LIST_FIELDS and v:
                items = v.split("|")
                if any(not it.strip() for it in items):
                    errors.append(f"{path}:{i}: field {k} has an empty list item: {v!r}")
                if any(it != it.strip() for it in items):
                    errors.append(f"{path}:{i}: field {k} has a list item with surrounding space: {v!r}")
            elif "|" in v and k not in ("reason",):
                errors.append(f"{path}:{i}: field {k} must not contain '|'")
        if not row[header[0]]:
            errors.append(f"{path}:{i}: empty key field {header[0]}")
        rows.append((i, row))
    if not seen_header:
        errors.append(f"{path}: no header line")
    if errors:
        raise TsvError("\n".join(errors))
    return rows


def items(v):
    return [x for x in v.split("|") if x] if v else []


# ------------------------------------------------------------------------------
# loading the hand-curated gazetteers

def load_countries():
    rows = read_tsv(os.path.join(GAZ, "countries.tsv"), HEADERS["countries.tsv"])
    return rows


def country_forms(rows):
    """fold(form) -> code, for names, official names, variants and demonyms."""
    forms = {}
    for _, r in rows:
        for f in [r["name"], r["official"]] + items(r["variants"]) + items(r["demonyms"]):
            if f:
                forms.setdefault(fold(f), r["code"])
    return forms


def region_forms():
    rows = read_tsv(os.path.join(GAZ, "regions.tsv"), HEADERS["regions.tsv"])
    forms = set()
    for _, r in rows:
        forms.add(fold(r["name"]))
        forms.update(fold(v) for v in items(r["variants"]))
    return forms


def title_forms():
    forms = set()
    for fn, key in (("titles.tsv", "title"), ("honorifics.tsv", "honorific")):
        for _, r in read_tsv(os.path.join(GAZ, fn), HEADERS[fn]):
            forms.add(fold(r[key]))
            forms.update(fold(v) for v in items(r["variants"]))
    return forms


def load_names_list(fn):
    return {fold(r["name"]): r for _, r in read_tsv(os.path.join(SRC, fn), SOURCE_HEADERS[fn])}


# ------------------------------------------------------------------------------
# cities

def build_cities(data):
    countries = load_countries()
    codes = {r["code"] for _, r in countries}
    cforms = country_forms(countries)
    rforms = region_forms()
    stop = load_names_list("cities-stop.tsv")
    curated = read_tsv(os.path.join(SRC, "cities-curated.tsv"), SOURCE_HEADERS["cities-curated.tsv"])

    taken = {}   # fold(form) -> name of the city holding it
    out = []
    for _, r in curated:
        out.append(dict(r))
        for f in [r["name"]] + items(r["variants"]):
            taken.setdefault(fold(f), r["name"])
            taken.setdefault(fold(plain(f)), r["name"])

    path = os.path.join(data, "places", "geonames-cities15000.tsv")
    with open(path, encoding="utf-8", newline="") as f:
        rd = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        geo = [g for g in rd if int(g["population"] or 0) >= CITY_MIN_POP]
    geo.sort(key=lambda g: (-int(g["population"]), int(g["geonameid"])))

    for g in geo:
        cc = g["country_code"]
        name = g["name"].replace("’", "'").rstrip("'")   # soft sign: Ryazan' -> Ryazan
        if cc not in codes or "," in name or "(" in name:
            continue
        if any(c in TRANSLIT_MARKS for c in g["name"]):
            name = plain(name)
        variants = []
        p = plain(name)
        if p != name:
            variants.append(p)
        if any(fold(x) in stop for x in (g["name"], name, p)):
            continue
        if any(fold(x) in cforms or fold(x) in rforms or fold(x) in taken for x in (name, p)):
            continue
        # a plain-spelling variant that is a stop word or taken elsewhere is dropped
        variants = [v for v in variants
                    if fold(v) not in stop and fold(v) not in cforms
                    and fold(v) not in rforms and fold(v) not in taken]
        row = {"name": name, "country": cc, "variants": "|".join(variants), "capital": ""}
        out.append(row)
        for x in [name] + variants:
            taken[fold(x)] = name
    out.sort(key=lambda r: (fold(r["name"]), r["country"]))
    return out


def write_cities(rows):
    hdr = HEADERS["cities.tsv"]
    with open(os.path.join(GAZ, "cities.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(
            "# Cities: national capitals (capital=yes), cities where international meetings are\n"
            "# held, and every place of GeoNames cities15000 with population >= 500,000.\n"
            "# GENERATED by scripts/build_places_names.py -- do not edit; edit\n"
            "# gazetteers/sources/cities-curated.tsv or cities-stop.tsv and rebuild.\n"
            "# Sources: hand-curated list (capitals, meeting venues, variants) and GeoNames\n"
            "# (geonames.org), cities15000, licensed CC BY 4.0 -- attribution: GeoNames (geonames.org).\n"
            "# country = ISO 3166-1 alpha-2 code (see countries.tsv); variants = other Latin-script\n"
            "# spellings, '|'-separated. Names that are ordinary English words, very common\n"
            "# surnames or given names, and names of countries or regions are left out.\n"
        )
        f.write("\t".join(hdr) + "\n")
        for r in rows:
            f.write("\t".join(r[h] for h in hdr) + "\n")


# ------------------------------------------------------------------------------
# given names

def expand(name):
    if "+" not in name:
        return [name]
    parts = name.split("+")
    joined = parts[0] + "".join(p.lower() for p in parts[1:])
    return ["-".join(parts), " ".join(parts), joined]


def build_given_names(data, cities_rows):
    countries = load_countries()
    cforms = country_forms(countries)
    rforms = region_forms()
    tforms = title_forms()
    city_forms = set()
    for r in cities_rows:
        city_forms.add(fold(r["name"]))
        city_forms.update(fold(v) for v in items(r["variants"]))
    stop = load_names_list("given_names-stop.tsv")
    keep = load_names_list("given_names-keep.tsv")
    extra = read_tsv(os.path.join(SRC, "given_names-extra.tsv"), SOURCE_HEADERS["given_names-extra.tsv"])

    origins = {}   # base name -> set of groups
    path = os.path.join(data, "names", "nam_dict-given-names.tsv")
    with open(path, encoding="utf-8", newline="") as f:
        rd = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        for r in rd:
            for cf in r["countries"].split(","):
                if not cf:
                    continue
                grp, freq = cf.rsplit(":", 1)
                freq = int(freq)
                if freq >= MIN_FREQ_ANY or (grp in PRIORITY_GROUPS and freq >= MIN_FREQ_PRIORITY):
                    origins.setdefault(r["name"], set()).add(grp)

    names = {}     # fold -> [display, set(origins)]
    for base, groups in origins.items():
        if base in EAST_ASIAN_SURNAMES and groups <= EAST_ASIAN_GROUPS:
            continue
        for form in expand(base):
            k = fold(form)
            if k in names:
                names[k][1] |= groups
            else:
                names[k] = [form, set(groups)]
    for _, r in extra:
        k = fold(r["name"])
        if k in names:
            names[k][1] |= set(items(r["origin"]))
        else:
            names[k] = [r["name"], set(items(r["origin"]))]

    out = []
    dropped = {}
    for k, (form, groups) in names.items():
        why = None
        if k in stop:
            why = "stop"
        elif len(form) <= 2 and form not in SHORT_KEEP:
            why = "short"
        elif k not in keep:
            if k in cforms:
                why = "country"
            elif k in rforms:
                why = "region"
            elif k in city_forms:
                why = "city"
            elif k in tforms:
                why = "title"
        if why:
            dropped[why] = dropped.get(why, 0) + 1
            continue
        out.append({"name": form, "origin": "|".join(sorted(groups))})
    out.sort(key=lambda r: (fold(r["name"]), r["name"]))
    return out, dropped


def write_given_names(rows):
    hdr = HEADERS["given_names.tsv"]
    with open(os.path.join(GAZ, "given_names.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(
            "# Given names (first names), to recognise person names that come without a title.\n"
            "# GENERATED by scripts/build_places_names.py -- do not edit; edit\n"
            "# gazetteers/sources/given_names-{extra,stop,keep}.tsv and rebuild.\n"
            "#\n"
            "# Derived from nam_dict.txt (v1.2), Copyright (c) 2007-2008 Jörg Michael,\n"
            "# as converted in shared/data/names/nam_dict-given-names.tsv.\n"
            "# This file is licensed under the GNU Free Documentation License, version 1.2\n"
            "# or any later version (GFDL 1.2+), like its source; see the GFDL text shipped\n"
            "# with the source data (licenses/GFDL-1.2.txt). It includes hand-added names\n"
            "# (gazetteers/sources/given_names-extra.tsv), released under the same terms here.\n"
            "#\n"
            f"# Selection: frequency >= {MIN_FREQ_ANY} in any country group, or >= {MIN_FREQ_PRIORITY} in one of\n"
            "# " + ", ".join(sorted(PRIORITY_GROUPS)) + ";\n"
            "# a '+' in the source (Jun+Wei) gives three rows: Jun-Wei, Jun Wei, Junwei.\n"
            "# Dropped: common English/press-release words, months, weekdays, particles\n"
            "# (sources/given_names-stop.tsv), names of 1-2 letters, common East Asian family\n"
            "# names, and names that are countries, demonyms, regions, cities, titles or\n"
            "# honorifics in the other gazetteers (unless in sources/given_names-keep.tsv).\n"
            "# origin = the nam_dict country groups the name is common in ('|'-separated).\n"
        )
        f.write("\t".join(hdr) + "\n")
        for r in rows:
            f.write("\t".join(r[h] for h in hdr) + "\n")


# ------------------------------------------------------------------------------
# check

CODE_RE = re.compile(r"^[A-Z]{2}$")


def check(data):
    errors = []
    warnings = []
    counts = {}

    def load(fn, header, base=GAZ):
        p = os.path.join(base, fn)
        try:
            rows = read_tsv(p, header)
        except TsvError as e:
            errors.append(str(e))
            return []
        counts[os.path.relpath(p, ROOT)] = len(rows)
        return rows

    def unique_forms(fn, rows, fields, case_sensitive_caps=False):
        """Every surface form (name + variants ...) unique within the file."""
        seen = {}
        for ln, r in rows:
            for fld in fields:
                vals = items(r[fld]) if fld in LIST_FIELDS else ([r[fld]] if r[fld] else [])
                for v in vals:
                    k = fold(v)
                    if k in seen and seen[k][1] is not r:
                        errors.append(f"gazetteers/{fn}:{ln}: {v!r} duplicates line {seen[k][0]}")
                    elif k not in seen:
                        seen[k] = (ln, r)
        return {k: v[1] for k, v in seen.items()}

    # countries
    countries = load("countries.tsv", HEADERS["countries.tsv"])
    codes = set()
    for ln, r in countries:
        if not CODE_RE.match(r["code"]):
            errors.append(f"gazetteers/countries.tsv:{ln}: bad alpha-2 code {r['code']!r}")
        if r["code"] in codes:
            errors.append(f"gazetteers/countries.tsv:{ln}: duplicate code {r['code']}")
        codes.add(r["code"])
        if not r["name"]:
            errors.append(f"gazetteers/countries.tsv:{ln}: empty name")
    cforms = unique_forms("countries.tsv", countries, ["name", "official", "variants", "demonyms"])
    iso_path = os.path.join(data, "countries", "iso3166-1.tsv")
    if os.path.exists(iso_path):
        with open(iso_path, encoding="utf-8") as f:
            iso = {r["alpha_2"] for r in csv.DictReader(f, delimiter="\t")}
        missing = sorted(iso - codes)
        if missing:
            errors.append(f"gazetteers/countries.tsv: ISO 3166-1 codes missing: {' '.join(missing)}")
        extra = sorted(codes - iso)
        if extra:
            warnings.append(f"countries.tsv: codes outside ISO 3166-1 (user-assigned): {' '.join(extra)}")
    else:
        warnings.append(f"{iso_path} not found: ISO completeness not checked")

    # regions
    regions = load("regions.tsv", HEADERS["regions.tsv"])
    rforms = unique_forms("regions.tsv", regions, ["name", "variants"])
    for k in rforms:
        if k in cforms:
            errors.append(f"gazetteers/regions.tsv: {k!r} is also a country form")

    # cities (generated) and curated sources
    def check_cities(fn, rows, base_label):
        for ln, r in rows:
            if r["country"] not in codes:
                errors.append(f"{base_label}:{ln}: unknown country code {r['country']!r}")
            if r["capital"] not in ("", "yes"):
                errors.append(f"{base_label}:{ln}: capital must be 'yes' or empty")
        forms = {}
        for ln, r in rows:
            for v in [r["name"]] + items(r["variants"]):
                k = fold(v)
                if k in forms and forms[k][1] is not r:
                    errors.append(f"{base_label}:{ln}: {v!r} duplicates line {forms[k][0]}")
                forms.setdefault(k, (ln, r))
                if k in cforms:
                    errors.append(f"{base_label}:{ln}: {v!r} is also a country form")
                if k in rforms:
                    errors.append(f"{base_label}:{ln}: {v!r} is also a region form")
        return forms

    cities = load("cities.tsv", HEADERS["cities.tsv"])
    city_forms = check_cities("cities.tsv", cities, "gazetteers/cities.tsv")
    capitals = {r["country"] for _, r in cities if r["capital"] == "yes"}
    cur = load("cities-curated.tsv", SOURCE_HEADERS["cities-curated.tsv"], SRC)
    check_cities("cities-curated.tsv", cur, "gazetteers/sources/cities-curated.tsv")
    for fn in ("cities-stop.tsv", "given_names-stop.tsv", "given_names-keep.tsv"):
        rows = load(fn, SOURCE_HEADERS[fn], SRC)
        seen = {}
        for ln, r in rows:
            k = fold(r["name"])
            if k in seen:
                errors.append(f"gazetteers/sources/{fn}:{ln}: duplicate {r['name']!r} (line {seen[k]})")
            seen.setdefault(k, ln)

    # titles and honorifics
    titles = load("titles.tsv", HEADERS["titles.tsv"])
    for ln, r in titles:
        if r["kind"] not in ("office", "rank"):
            errors.append(f"gazetteers/titles.tsv:{ln}: kind must be office or rank")
    tf = unique_forms("titles.tsv", titles, ["title", "variants"])
    hon = load("honorifics.tsv", HEADERS["honorifics.tsv"])
    hf = unique_forms("honorifics.tsv", hon, ["honorific", "variants"])
    for k in hf:
        if k in tf:
            errors.append(f"gazetteers/honorifics.tsv: {k!r} is also a title")

    # given names
    known_groups = set()
    src_names = os.path.join(data, "names", "nam_dict-given-names.tsv")
    if os.path.exists(src_names):
        with open(src_names, encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                for cf in r["countries"].split(","):
                    if cf:
                        known_groups.add(cf.rsplit(":", 1)[0])
    extra = load("given_names-extra.tsv", SOURCE_HEADERS["given_names-extra.tsv"], SRC)
    gn = load("given_names.tsv", HEADERS["given_names.tsv"])
    keep = set()
    for _, r in read_tsv(os.path.join(SRC, "given_names-keep.tsv"), SOURCE_HEADERS["given_names-keep.tsv"]) \
            if os.path.exists(os.path.join(SRC, "given_names-keep.tsv")) else []:
        keep.add(fold(r["name"]))
    for label, rows in (("gazetteers/given_names.tsv", gn), ("gazetteers/sources/given_names-extra.tsv", extra)):
        seen = {}
        for ln, r in rows:
            k = fold(r["name"])
            if k in seen:
                errors.append(f"{label}:{ln}: duplicate name {r['name']!r} (line {seen[k]})")
            seen.setdefault(k, ln)
            if not r["origin"]:
                errors.append(f"{label}:{ln}: empty origin")
            if known_groups:
                bad = [g for g in items(r["origin"]) if g not in known_groups]
                if bad:
                    errors.append(f"{label}:{ln}: unknown origin group(s) {bad}")
    for ln, r in gn:
        k = fold(r["name"])
        for what, forms in (("country", cforms), ("region", rforms), ("city", city_forms),
                            ("title", tf), ("honorific", hf)):
            if k in forms:
                if k in keep:
                    warnings.append(f"given_names.tsv: {r['name']!r} is also a {what} (kept on purpose)")
                else:
                    errors.append(f"gazetteers/given_names.tsv:{ln}: {r['name']!r} is also a {what}")
    return errors, warnings, counts, len(capitals)


# ------------------------------------------------------------------------------

def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    flags = {a for a in argv[1:] if a.startswith("--")}
    unknown = flags - {"--check", "--help", "-h"}
    if "--help" in flags or unknown:
        print(__doc__)
        return 0 if not unknown else 2
    data = args[0] if args else os.path.join(ROOT, "..", "shared", "data")
    data = os.path.normpath(data)
    if not os.path.isdir(data):
        print(f"build_places_names: data folder not found: {data}", file=sys.stderr)
        return 2

    if "--check" not in flags:
        try:
            cities = build_cities(data)
            write_cities(cities)
            names, dropped = build_given_names(data, cities)
            write_given_names(names)
        except TsvError as e:
            print(str(e), file=sys.stderr)
            return 1
        print(f"cities.tsv: {len(cities)} rows")
        print(f"given_names.tsv: {len(names)} rows (dropped: "
              + ", ".join(f"{k} {v}" for k, v in sorted(dropped.items())) + ")")

    errors, warnings, counts, ncap = check(data)
    for w in warnings:
        print(f"warning: {w}")
    for k in sorted(counts):
        print(f"ok-parse {k}: {counts[k]} rows")
    print(f"countries with a capital in cities.tsv: {ncap}")
    if errors:
        for e in errors:
            print(f"error: {e}", file=sys.stderr)
        print(f"check: {len(errors)} error(s)", file=sys.stderr)
        return 1
    print("check: all gazetteer files OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
