#!/usr/bin/env python3
"""Validate the organisations gazetteers of pressx (Python 3 standard library only).

    python3 scripts/check_gazetteer.py [FILE_OR_DIR ...]

Default: every gazetteers/organisations*.tsv of the repository. Files are checked
together (ids unique across all of them, parents may be in any of them). Errors are
printed as FILE:LINE: message; the exit status is 1 if there is any error.

Checks: exact header; 7 fields a line; ids well-formed and unique; kinds valid; parents
exist and form no cycle; country is 2 uppercase letters; names not empty; no empty list
items or stray spaces; no alias repeated inside a row; no alias shared by two ids (names
and variants compared case-insensitively, acronyms exactly, and a variant against another
id's acronym case-insensitively); no variant that is a common English word, a lowercase
single word, or starts with "the "; no possessive variant. A variant made only of common words ("Foreign Office") is
reported as a warning, to be looked at, not as an error.
"""

import glob
import os
import re
import sys
import unicodedata

HEADER = ['id', 'name', 'acronyms', 'kind', 'parent', 'country', 'variants']
KINDS = {'igo', 'agency', 'police', 'ministry', 'government', 'ngo', 'company', 'other'}
ID_RE = re.compile(r'^[a-z0-9]+(?:-[a-z0-9]+)*$')
COUNTRY_RE = re.compile(r'^[A-Z]{2}$')

# Words that must never be a variant on their own (variants match case-insensitively).
COMMON_WORDS = set("""
a about above academy act action administration affairs after against agency aid all
alliance also an and any area army as assembly association at authority bank be board
body bureau but by cabinet can center centre chamber chambers club coalition college
command commission committee commonwealth community company conference congress
cooperation corps council court department development directorate division do eco
economic education energy european executive for force forces foreign forum foundation
from fund general government group guard has have headquarters health home house in
independent initiative institute interior international is it its justice labour labor
league mechanism meeting ministry mission movement national network not of office on
or order organisation organization other our pact parliament partnership party peace
police presidency president program programme project public regional republic research
secretariat security senate service services society state states staff summit system
task team that the their these this to trade treasury treaty tribunal trust union unit
united university was we were which who will with world yes you aim art chair chairman
defence defense may march april june july august aids well sun
""".split())


def norm(s):
    s = unicodedata.normalize('NFKC', s).replace('’', "'")
    return ' '.join(s.casefold().split())


class Checker:
    def __init__(self):
        self.errors = []
        self.warnings = []
        self.rows = []          # (path, lineno, fields)
        self.counts = {}

    def err(self, path, lineno, msg):
        self.errors.append(f'{path}:{lineno}: {msg}')

    def read(self, path):
        n = 0
        header_seen = False
        with open(path, 'rb') as f:
            raw = f.read()
        try:
            text = raw.decode('utf-8')
        except UnicodeDecodeError as e:
            self.err(path, 0, f'not UTF-8: {e}')
            return
        if text.startswith('\ufeff'):
            self.err(path, 1, 'byte-order mark at the start')
            text = text[1:]
        for lineno, line in enumerate(text.split('\n'), 1):
            if line.endswith('\r'):
                self.err(path, lineno, 'CR line ending')
                line = line[:-1]
            if not line.strip() or line.startswith('#'):
                continue
            fields = line.split('\t')
            if not header_seen:
                header_seen = True
                if fields != HEADER:
                    self.err(path, lineno, 'header must be exactly: ' + '\\t'.join(HEADER))
                continue
            if len(fields) != 7:
                self.err(path, lineno, f'expected 7 tab-separated fields, got {len(fields)}')
                continue
            self.rows.append((path, lineno, fields))
            n += 1
        if not header_seen:
            self.err(path, 0, 'no header line')
        self.counts[path] = n

    def check(self):
        ids = {}
        for path, lineno, f in self.rows:
            rid, name, acrs, kind, parent, country, variants = f
            for i, cell in enumerate(f):
                if cell != cell.strip():
                    self.err(path, lineno, f'column {HEADER[i]}: leading or trailing space')
            if not ID_RE.match(rid):
                self.err(path, lineno, f'bad id {rid!r} (lowercase [a-z0-9-]+, no leading/trailing/double hyphen)')
            if rid in ids:
                p, l = ids[rid]
                self.err(path, lineno, f'duplicate id {rid!r} (first at {p}:{l})')
            else:
                ids[rid] = (path, lineno)
            if not name.strip():
                self.err(path, lineno, 'empty name')
            if kind not in KINDS:
                self.err(path, lineno, f'bad kind {kind!r} (one of {", ".join(sorted(KINDS))})')
            if country and not COUNTRY_RE.match(country):
                self.err(path, lineno, f'bad country {country!r} (ISO 3166-1 alpha-2, uppercase)')
            for col, cell in (('acronyms', acrs), ('variants', variants)):
                if cell and any(not x.strip() for x in cell.split('|')):
                    self.err(path, lineno, f'{col}: empty item')

        parents = {}
        for path, lineno, f in self.rows:
            rid, parent = f[0], f[4]
            if parent:
                if parent not in ids:
                    self.err(path, lineno, f'parent {parent!r} does not exist')
                elif parent == rid:
                    self.err(path, lineno, 'parent is the row itself')
                else:
                    parents[rid] = parent
        for rid in parents:
            seen = {rid}
            p = parents.get(rid)
            while p:
                if p in seen:
                    path, lineno = ids[rid]
                    self.err(path, lineno, f'parent cycle through {p!r}')
                    break
                seen.add(p)
                p = parents.get(p)

        names = {}      # normalised name/variant -> (id, path, line, text)
        acr_owner = {}  # exact acronym -> (id, path, line)
        for path, lineno, f in self.rows:
            rid, name, acrs, _, _, _, variants = f
            acr_list = [a for a in acrs.split('|') if a] if acrs else []
            var_list = [v for v in variants.split('|') if v] if variants else []
            if len(set(acr_list)) != len(acr_list):
                self.err(path, lineno, 'an acronym is listed twice')
            for a in acr_list:
                if a in acr_owner and acr_owner[a][0] != rid:
                    o = acr_owner[a]
                    self.err(path, lineno, f'acronym {a!r} also belongs to {o[0]} ({o[1]}:{o[2]}): ambiguous')
                acr_owner.setdefault(a, (rid, path, lineno))
            seen_here = set()
            for kind_of, text in [('name', name)] + [('variant', v) for v in var_list]:
                key = norm(text)
                if kind_of == 'variant':
                    if key == norm(name):
                        self.err(path, lineno, f'variant {text!r} repeats the name')
                    if text in acr_list:
                        self.err(path, lineno, f'variant {text!r} repeats an acronym')
                    if key in seen_here:
                        self.err(path, lineno, f'variant {text!r} listed twice')
                    self.check_variant(path, lineno, text)
                seen_here.add(key)
                if key in names and names[key][0] != rid:
                    o = names[key]
                    self.err(path, lineno, f'{kind_of} {text!r} also names {o[0]} ({o[1]}:{o[2]}): ambiguous alias')
                names.setdefault(key, (rid, path, lineno, text))
        # a variant (case-insensitive) must not equal another id's acronym
        acr_ci = {}
        for a, o in acr_owner.items():
            acr_ci.setdefault(norm(a), o)
        for key, (rid, path, lineno, text) in names.items():
            o = acr_ci.get(key)
            if o and o[0] != rid:
                self.err(path, lineno, f'{text!r} matches the acronym of {o[0]} ({o[1]}:{o[2]}) case-insensitively: ambiguous')

    def check_variant(self, path, lineno, v):
        low = norm(v)
        if low in COMMON_WORDS:
            self.err(path, lineno, f'variant {v!r} is a common word')
        elif ' ' not in v and v == v.lower() and re.fullmatch(r"[a-z]+", v):
            self.err(path, lineno, f'variant {v!r} is a lowercase single word')
        if low.startswith('the '):
            self.err(path, lineno, f'variant {v!r} starts with "the" (handled by the matcher)')
        if re.search(r"['’]s$", v):
            self.err(path, lineno, f'variant {v!r} is a possessive (handled by the matcher)')
        words = low.split()
        if 1 < len(words) <= 2 and all(w in COMMON_WORDS for w in words):
            self.warnings.append(f'{path}:{lineno}: warning: variant {v!r} is made only of common words')


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths = []
    for a in argv or [os.path.join(root, 'gazetteers')]:
        if os.path.isdir(a):
            paths += sorted(glob.glob(os.path.join(a, 'organisations*.tsv')))
        else:
            paths.append(a)
    if not paths:
        print('no organisations*.tsv found', file=sys.stderr)
        return 2
    c = Checker()
    for p in paths:
        c.read(p)
    c.check()
    for p in paths:
        print(f'{os.path.relpath(p)}: {c.counts.get(p, 0)} rows')
    ids = len({f[0] for _, _, f in c.rows})
    print(f'total: {len(c.rows)} rows, {ids} distinct ids, {len(c.errors)} errors, '
          f'{len(c.warnings)} warnings')
    for e in c.errors + c.warnings:
        print(e)
    return 1 if c.errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
