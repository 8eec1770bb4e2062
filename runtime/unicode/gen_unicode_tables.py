#!/usr/bin/env python3
"""gen_unicode_tables.py — the runtime's Unicode character database.

Run by CMake at build time:

    gen_unicode_tables.py OUT_DIR

writes OUT_DIR/unicode_db.h (the constants runtime/src/unicode.h's inline
lookups need) and OUT_DIR/unicode_db.inc (the tables, included once by
runtime/src/unicode.cpp).

Where the data comes from: the python3 running this script.  It asks that
interpreter's own str methods (and unicodedata for the general category) about
every code point 0..0x10FFFF, so tide classifies and case-maps exactly as the
CPython that is its oracle does, on the same Unicode version.  The output is
generated data, not vendored code: nothing is copied from CPython's sources,
and the files are never checked in.

What is recorded per code point, and which str method reads it (the meaning
each flag has in CPython's str):

    ALPHA          isalpha, isalnum           c.isalpha()
    DECIMAL        isdecimal, isalnum, int()  c.isdecimal()  (value: int(c))
    DIGIT          isdigit, isalnum           c.isdigit()
    NUMERIC        isnumeric, isalnum         c.isnumeric()
    SPACE          isspace, split, strip      c.isspace()
    UPPER, LOWER   isupper/islower/istitle,   c.isupper(), c.islower()
                   swapcase                   (Unicode's Uppercase/Lowercase)
    TITLE          istitle, isupper, islower  general category Lt
    CASED          title, final sigma         probed: (c + 'A').title() lowers
                                              the 'A' only after a cased c
    CASE_IGNORABLE final sigma (lower)        probed through lower()'s final
                                              sigma rule, see case_ignorable()
    PRINTABLE      isprintable, repr          c.isprintable()
    XID_START      isidentifier (first)       c.isidentifier() or c == '_'
    XID_CONTINUE   isidentifier (rest)        ('a' + c).isidentifier()

and the four full case mappings, c.upper(), c.lower(), c.title() and
c.casefold() of the one-character string (for U+03A3 lower() is the plain σ:
the final-sigma context is the runtime's business).  A mapping to one code
point is stored as a delta; a mapping to 2 or 3 code points (ß → SS) as an
offset into a side array of code points.

Layout (three stages, CPython's two-stage idea applied twice): code points
are cut into blocks of 2**SHIFT1, each block into leaves of 2**SHIFT2.
INDEX1 gives each block's number among the distinct blocks; INDEX2 holds the
distinct blocks one after the other, as leaf numbers; INDEX3 the distinct
leaves, as record numbers; RECORDS the distinct records.  Every code point
from LIMIT on has record 0 (unassigned: no flag, maps to itself), so INDEX1
stops there.  The shifts are whichever make the tables smallest: about 27 KB
of indexes against 85 KB for two stages of 128 code points, at the price of
one more load per lookup (an ASCII character's flags are one load:
td_uni_ascii_flags).  Surrogates
(U+D800..U+DFFF) get record 0 too: a tide str is UTF-8 and never holds one.
"""
import os
import sys
import unicodedata

FLAGS = [
    "ALPHA", "DECIMAL", "DIGIT", "NUMERIC", "SPACE", "UPPER", "LOWER", "TITLE",
    "CASED", "CASE_IGNORABLE", "PRINTABLE", "XID_START", "XID_CONTINUE",
]
BIT = {name: 1 << i for i, name in enumerate(FLAGS)}
MAPS = ["upper", "lower", "title", "casefold"]  # TdUniMap's order
MAX_CP = 0x110000


def is_cased(c):
    # title() lowers a letter that follows a cased character, and title-cases
    # it otherwise.
    return (c + "A").title()[-1] == "a"


def case_ignorable(c):
    # lower() turns Σ into ς when a cased letter precedes it, skipping
    # case-ignorable characters, and no cased letter follows it (skipping them
    # too).  'AΣc': a c that is ignorable is skipped to the end, so ς; one that
    # is not ignorable gives σ when it is cased.  'AcΣ': an ignorable c is
    # skipped back to A, so ς; one that is not gives σ when it is not cased.
    # Only an ignorable c gives ς in both.
    return ("A\u03a3" + c).lower()[1] == "\u03c2" and ("A" + c + "\u03a3").lower()[-1] == "\u03c2"


def describe(cp):
    """(flags, decimal value or 0, [upper, lower, title, casefold] strings)."""
    c = chr(cp)
    f = 0
    if c.isalpha(): f |= BIT["ALPHA"]
    if c.isdecimal(): f |= BIT["DECIMAL"]
    if c.isdigit(): f |= BIT["DIGIT"]
    if c.isnumeric(): f |= BIT["NUMERIC"]
    if c.isspace(): f |= BIT["SPACE"]
    if c.isupper(): f |= BIT["UPPER"]
    if c.islower(): f |= BIT["LOWER"]
    if unicodedata.category(c) == "Lt": f |= BIT["TITLE"]
    if is_cased(c): f |= BIT["CASED"]
    if case_ignorable(c): f |= BIT["CASE_IGNORABLE"]
    if c.isprintable(): f |= BIT["PRINTABLE"]
    if c.isidentifier() or c == "_": f |= BIT["XID_START"]
    if ("a" + c).isidentifier(): f |= BIT["XID_CONTINUE"]
    dec = int(c) if c.isdecimal() else 0
    maps = [c.upper(), c.lower(), c.title(), c.casefold()]
    return f, dec, maps


def build():
    side = []          # code points of the multi-code-point mappings
    side_at = {}       # tuple of code points -> (offset, length)
    records = []       # (flags, decimal, ext bits, (4 ints))
    record_at = {}
    per_cp = []
    default = (0, 0, 0, (0, 0, 0, 0))
    records.append(default)
    record_at[default] = 0
    for cp in range(MAX_CP):
        if 0xD800 <= cp <= 0xDFFF:
            per_cp.append(0)
            continue
        f, dec, maps = describe(cp)
        ext = 0
        vals = []
        for k, m in enumerate(maps):
            if len(m) == 1:
                vals.append(ord(m) - cp)
            else:
                key = tuple(ord(x) for x in m)
                assert 2 <= len(key) <= 3, (hex(cp), m)
                if key not in side_at:
                    side_at[key] = (len(side), len(key))
                    side.extend(key)
                off, n = side_at[key]
                ext |= 1 << k
                vals.append((n << 24) | off)
        rec = (f, dec, ext, tuple(vals))
        if rec not in record_at:
            record_at[rec] = len(records)
            records.append(rec)
        per_cp.append(record_at[rec])
    # Checks of what the runtime relies on.
    assert records[record_at[default]] == default
    assert len(records) < 1 << 16
    for cp in range(0xD800, 0xE000):
        f, dec, maps = describe(cp)
        assert f == 0 and maps == [chr(cp)] * 4, hex(cp)
    return side, records, per_cp


def dedup(seq, size):
    """(index of each size-long piece of seq among the distinct pieces, the pieces)."""
    pieces = []
    piece_at = {}
    index = []
    for start in range(0, len(seq), size):
        p = tuple(seq[start:start + size])
        if p not in piece_at:
            piece_at[p] = len(pieces)
            pieces.append(p)
        index.append(piece_at[p])
    return index, pieces


def split(per_cp, shift1, shift2):
    last = max(cp for cp in range(MAX_CP) if per_cp[cp] != 0)
    limit = (last >> shift1) + 1 << shift1
    leaf_of, leaves = dedup(per_cp[:limit], 1 << shift2)
    index1, blocks = dedup(leaf_of, 1 << (shift1 - shift2))
    index2 = [x for b in blocks for x in b]
    index3 = [x for leaf in leaves for x in leaf]
    return limit, index1, index2, index3


def ctype(values):
    m = max(values)
    return ("uint8_t", 1) if m < 1 << 8 else ("uint16_t", 2) if m < 1 << 16 else ("uint32_t", 4)


def array(name, typ, values, per_line=16):
    lines = [f"const {typ} {name}[{len(values)}] = {{"]
    for i in range(0, len(values), per_line):
        lines.append("    " + ", ".join(str(v) for v in values[i:i + per_line]) + ",")
    lines.append("};")
    return "\n".join(lines)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_unicode_tables.py OUT_DIR")
    out_dir = sys.argv[1]
    side, records, per_cp = build()
    RECORD_BYTES = 20  # uint16 flags, uint8 decimal, uint8 ext, 4 x int32
    best = None
    for shift1 in range(7, 11):
        for shift2 in range(3, 6):
            tables = split(per_cp, shift1, shift2)
            size = sum(len(t) * ctype(t)[1] for t in tables[1:])
            if best is None or size < best[0]:
                best = (size, shift1, shift2) + tables
    _, shift1, shift2, limit, index1, index2, index3 = best
    (t1, s1), (t2, s2), (t3, s3) = ctype(index1), ctype(index2), ctype(index3)
    total = (len(index1) * s1 + len(index2) * s2 + len(index3) * s3 +
             len(records) * RECORD_BYTES + len(side) * 4 + 128 * 2)
    ascii_flags = [records[per_cp[c]][0] for c in range(128)]

    stamp = (f"// Generated by runtime/unicode/gen_unicode_tables.py from python {sys.version.split()[0]}'s\n"
             f"// str methods (Unicode {unicodedata.unidata_version}); do not edit.\n")
    header = [stamp, "#pragma once", "#include <cstdint>", ""]
    header.append(f"#define TD_UNI_VERSION \"{unicodedata.unidata_version}\"")
    header.append(f"constexpr unsigned kTdUniShift1 = {shift1};  // code points per block: 1 << shift1")
    header.append(f"constexpr unsigned kTdUniShift2 = {shift2};  // code points per leaf: 1 << shift2")
    header.append(f"constexpr uint32_t kTdUniLimit = 0x{limit:X};")
    header.append(f"constexpr unsigned kTdUniTableBytes = {total};")
    for name in FLAGS:
        header.append(f"constexpr uint16_t TD_UNI_{name} = 0x{BIT[name]:04X};")
    header.append("")
    header.append("struct TdUniRecord {")
    header.append("  uint16_t flags;   // TD_UNI_*")
    header.append("  uint8_t decimal;  // the digit's value when TD_UNI_DECIMAL")
    header.append("  uint8_t ext;      // bit k: map[k] is (length << 24) | offset in td_uni_special")
    header.append("  int32_t map[4];   // upper, lower, title, casefold: else a delta")
    header.append("};")
    header.append(f"static_assert(sizeof(TdUniRecord) == {RECORD_BYTES});")
    header.append(f"extern const {t1} td_uni_index1[{len(index1)}];")
    header.append(f"extern const {t2} td_uni_index2[{len(index2)}];")
    header.append(f"extern const {t3} td_uni_index3[{len(index3)}];")
    header.append(f"extern const TdUniRecord td_uni_records[{len(records)}];")
    header.append(f"extern const uint32_t td_uni_special[{len(side)}];")
    header.append("extern const uint16_t td_uni_ascii_flags[128];")

    body = [stamp, '#include "unicode_db.h"', ""]
    body.append(f"// {len(index1)} blocks of {1 << shift1} code points, {len(index2) >> (shift1 - shift2)} "
                f"distinct, {len(index3) >> shift2} distinct leaves of {1 << shift2}, {len(records)} records, "
                f"{len(side)} special code points: {total} bytes in all.")
    body.append(array("td_uni_index1", t1, index1))
    body.append(array("td_uni_index2", t2, index2))
    body.append(array("td_uni_index3", t3, index3))
    body.append(f"const TdUniRecord td_uni_records[{len(records)}] = {{")
    for f, dec, ext, vals in records:
        body.append("    {%d, %d, %d, {%s}}," % (f, dec, ext, ", ".join(str(v) for v in vals)))
    body.append("};")
    body.append(array("td_uni_special", "uint32_t", side or [0]))
    body.append(array("td_uni_ascii_flags", "uint16_t", ascii_flags))

    os.makedirs(out_dir, exist_ok=True)
    for name, lines in (("unicode_db.h", header), ("unicode_db.inc", body)):
        path = os.path.join(out_dir, name)
        text = "\n".join(lines) + "\n"
        with open(path + ".tmp", "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(path + ".tmp", path)
    print(f"unicode tables (Unicode {unicodedata.unidata_version}): shifts {shift1}/{shift2}, "
          f"limit 0x{limit:X}, {len(records)} records, {len(side)} special code points, {total} bytes")


if __name__ == "__main__":
    main()
