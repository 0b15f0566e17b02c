"""Deterministic generator for the demo shop's CSV files.

Run it as ``python sample_data/generate.py``: it writes locations.csv, vendors.csv,
customers.csv, staff.csv, pieces.csv, items.csv, stock_levels.csv and holds.csv beside
itself, then reads every file back and checks it. Standard library only. Everything
random comes from ``random.Random(2026)``, so a rerun gives byte-identical files.

Formats the loader relies on (UTF-8, header row, ``\\n`` line endings):

- money: plain decimal strings with two decimals (``642.50``); weights: integer mg;
- pieces.stones: ``;``-separated ``type|shape|carat_points|count|colour|clarity``
  (carat_points = hundredths of a carat; clarity empty for coloured stones and pearls);
- pieces.codes: ``;``-separated extra scan codes (EAN-13 digits or ``OLD-nnnn`` tags).
"""

from __future__ import annotations

import csv
import random
import re
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
rng = random.Random(2026)

# --------------------------------------------------------------------------- helpers


def money(value: float) -> str:
    cents = round(value * 100)
    return f"{cents // 100}.{cents % 100:02d}"


def cost_price(value: float) -> str:
    """Vendor invoices: to the half dollar above 100, to the cent below."""
    return money(round(value * 2) / 2 if value >= 100 else value)


def shop_price(value: float) -> str:
    """Retail the way a jeweler tags it: 49.00, 149.00, 450.00, 1250.00, 1299.00, 10500.00."""
    if value < 200:
        return f"{max(19, round(value / 10) * 10 - 1)}.00"
    step = 50 if value < 1000 else 250 if value < 10000 else 500
    whole = round(value / step) * step
    if whole % (step * 2 if step < 500 else 1000) == 0:
        whole -= 1  # 500 -> 499, 2000 -> 1999, 11000 -> 10999
    return f"{whole}.00"


def ct(points: int) -> str:
    return f"{points // 100}.{points % 100:02d}"


def ean13(body12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - total % 10) % 10)


def ean_ok(code: str) -> bool:
    return len(code) == 13 and code.isdigit() and ean13(code[:12]) == code


def a(phrase: str) -> str:
    """'a 14K …' but 'an 18K …', 'an 8mm …'."""
    return ("an " if phrase[:2] in ("18", "8m", "8K") else "a ") + phrase


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "", plain.lower())


def weighted(pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def write_csv(name: str, header: list[str], rows: list[dict[str, object]]) -> None:
    with open(HERE / name, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: row.get(key, "") for key in header})


# --------------------------------------------------------------------------- locations

LOCATIONS = [
    # code, name, kind, sellable
    ("L-CASE-A", "Case A — bridal", "case", 1),
    ("L-CASE-B", "Case B — fashion & gold", "case", 1),
    ("L-CASE-C", "Case C — watches, necklaces & bracelets", "case", 1),
    ("L-WINDOW", "Front window", "case", 1),
    ("L-SAFE", "Main safe", "safe", 0),
    ("L-BACK", "Back office", "backroom", 0),
    ("L-BENCH", "Repair bench", "bench", 0),
    ("L-SETTER", "Stone setter (Kowalski Setting, outside)", "vendor", 0),
    ("L-MEMO-OUT", "Out on memo to other dealers", "vendor", 0),
    ("L-TRANSIT", "In transit (store ↔ warehouse)", "transit", 0),
    ("L-CONSIGN", "Consignment case", "consignment", 1),
    ("L-WAREHOUSE", "Off-site warehouse", "warehouse", 0),
]
SELLABLE = {code for code, _, _, sellable in LOCATIONS if sellable}
HOME_CASE = {
    "engagement_ring": "L-CASE-A",
    "wedding_band": "L-CASE-A",
    "ring": "L-CASE-B",
    "earrings": "L-CASE-B",
    "pendant": "L-CASE-B",
    "necklace": "L-CASE-C",
    "bracelet": "L-CASE-C",
    "watch": "L-CASE-C",
    "brooch": "L-CASE-B",
}

# --------------------------------------------------------------------------- vendors

VENDORS = [
    # code, name, contact, email, phone, terms, lead_time_days, memo_days
    (
        "V-001",
        "Harmon Bridal Manufacturing",
        "Dana Harmon",
        "orders@harmonbridal.example",
        "+1 212-555-0110",
        "Net 30",
        21,
        "",
    ),
    (
        "V-002",
        "Van der Berg Diamonds",
        "Pieter van der Berg",
        "pieter@vdbdiamonds.example",
        "+1 212-555-0147",
        "Memo 30 days",
        7,
        30,
    ),
    (
        "V-003",
        "Atlas Chain Co.",
        "Marisol Ortega",
        "sales@atlaschain.example",
        "+1 401-555-0163",
        "Net 30",
        14,
        "",
    ),
    (
        "V-004",
        "Oreficeria Rossi S.r.l.",
        "Giulia Rossi",
        "export@oreficeriarossi.example",
        "+39 0575 555 018",
        "Net 60",
        45,
        "",
    ),
    (
        "V-005",
        "Meridian Watch Distribution",
        "Thomas Keller",
        "dealers@meridianwatch.example",
        "+1 201-555-0122",
        "Net 45",
        30,
        "",
    ),
    (
        "V-006",
        "Pacific Pearl Imports",
        "Kenji Watanabe",
        "kenji@pacificpearl.example",
        "+1 415-555-0185",
        "Net 30; memo on strands",
        28,
        21,
    ),
    (
        "V-007",
        "Nordlys Silver Studio",
        "Ingrid Solberg",
        "studio@nordlys.example",
        "+47 22 55 50 19",
        "Consignment 90 days",
        60,
        90,
    ),
    (
        "V-008",
        "Heirloom Estate Buyers",
        "Walter Greene",
        "walter@heirloomestate.example",
        "+1 617-555-0131",
        "Due on receipt",
        10,
        "",
    ),
]

# --------------------------------------------------------------------------- customers

FIRST = [
    "Zoë", "José", "Amélie", "Søren", "Łukasz", "Chloé", "Björn", "Inés", "Matthäus",
    "Renée", "François", "Małgorzata", "Jürgen", "Noémie", "Ólafur", "Margaret", "David",
    "Sarah", "Michael", "Emily", "Robert", "Jessica", "Daniel", "Laura", "James", "Olivia",
    "Hannah", "Marco", "Elena", "Niamh", "Siobhán", "Andrés", "Catarina", "Héctor", "Anaïs",
    "Tomás", "Grace", "Benjamin", "Camille", "Katarzyna", "Ethan", "Sophia", "Liam",
]  # fmt: skip
LAST = [
    "Müller", "Núñez", "Lefèvre", "Kjærgaard", "Wójcik", "Dubois", "Åström", "García",
    "Schröder", "Öztürk", "O'Brien", "Smith", "Johnson", "Williams", "Brown", "Miller",
    "Davis", "Rossi", "Ferrari", "Jensen", "Kowalski", "Martínez", "Hernández", "Peña",
    "Fitzgerald", "Nakamura", "Byrne", "Novák", "Dvořák", "Costa", "Bianchi", "Clarke",
    "Hoffmann", "Lindqvist", "Moreau", "Reyes", "Sullivan", "Weiß", "Zieliński",
    "Ó Súilleabháin",
]  # fmt: skip
NOTES = [
    "ring size 6.5, prefers white gold",
    "ring size 7, yellow gold only",
    "allergic to nickel — gold or platinum only",
    "anniversary 14 June; wife likes pearls",
    "call when 1ct ovals arrive",
    "layaway customer, pays every Friday",
    "husband's watch in for service yearly",
    "collects estate brooches",
    "birthday in March (aquamarine)",
    "prefers text messages, not calls",
    "engaged — wedding in October, bands to order",
    "ring size 5.5, stacks thin bands",
    "pays by wire; needs invoice with VAT number",
    "insurance appraisal due every 2 years",
    "daughter graduating in May — looking at pendants",
    "",
]
EMAIL_DOMAINS = ["gmail.com", "outlook.com", "icloud.com", "yahoo.com", "proton.me", "web.de"]
AREA_CODES = ["212", "617", "401", "718", "646", "203", "914"]


def make_customers() -> list[dict[str, object]]:
    names: list[str] = []
    while len(names) < 40:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in names:
            names.append(name)
    rows = []
    used_emails: set[str] = set()
    used_phones: set[str] = set()
    for n, name in enumerate(names, start=1):
        first, last = name.split(" ", 1)
        local = f"{ascii_slug(first)}.{ascii_slug(last)}"
        email = f"{local}@{rng.choice(EMAIL_DOMAINS)}"
        while email in used_emails:
            email = f"{local}{rng.randint(2, 99)}@{rng.choice(EMAIL_DOMAINS)}"
        used_emails.add(email)
        phone = f"+1 {rng.choice(AREA_CODES)}-555-01{rng.randint(0, 99):02d}"
        while phone in used_phones:
            phone = f"+1 {rng.choice(AREA_CODES)}-555-01{rng.randint(0, 99):02d}"
        used_phones.add(phone)
        note = rng.choice(NOTES) if rng.random() < 0.55 else ""
        rows.append(
            {"code": f"C-{n:05d}", "name": name, "phone": phone, "email": email, "notes": note}
        )
    return rows


# Demo PINs, printed by `jeweltui demo` and listed in README, so a new user can sign in.
STAFF = [
    ("S-OWNER", "Owner", "owner", "1234"),
    ("S-ANNA", "Anna Lindgren", "manager", "2345"),
    ("S-LUCA", "Luca Moretti", "sales", "3456"),
    ("S-MIA", "Mia Fischer", "sales", "4567"),
]

# --------------------------------------------------------------------------- metals & stones

GOLD_PER_G = 130.0  # USD per gram of pure gold, dealer basis
PLATINUM_PER_G = 52.0
SILVER_PER_G = 1.6
PREFIX = {
    "ring": "R",
    "engagement_ring": "ER",
    "wedding_band": "WB",
    "earrings": "E",
    "pendant": "P",
    "necklace": "N",
    "bracelet": "B",
    "watch": "W",
    "brooch": "BR",
}
SKU_CAT = {
    "ring": "RNG",
    "engagement_ring": "ENG",
    "wedding_band": "WBD",
    "earrings": "EAR",
    "pendant": "PND",
    "necklace": "NCK",
    "bracelet": "BRC",
    "watch": "WCH",
    "brooch": "BRO",
}
DIA_COLOURS = [("D", 2), ("E", 5), ("F", 10), ("G", 22), ("H", 24), ("I", 20), ("J", 12)]
DIA_CLARITY = [
    ("IF", 2),
    ("VVS1", 5),
    ("VVS2", 8),
    ("VS1", 20),
    ("VS2", 25),
    ("SI1", 25),
    ("SI2", 15),
]
COLOUR_FACTOR = {"D": 1.35, "E": 1.25, "F": 1.15, "G": 1.07, "H": 1.0, "I": 0.9, "J": 0.82}
CLARITY_FACTOR = {
    "IF": 1.35,
    "VVS1": 1.25,
    "VVS2": 1.18,
    "VS1": 1.1,
    "VS2": 1.03,
    "SI1": 0.93,
    "SI2": 0.82,
}
GEMS = {
    # type: (colour, cost per carat, shapes)
    "sapphire": ("blue", 650, ["oval", "cushion", "round", "pear"]),
    "ruby": ("red", 900, ["oval", "cushion", "round"]),
    "emerald": ("green", 700, ["emerald", "oval", "round"]),
    "tanzanite": ("violet", 350, ["oval", "cushion", "pear"]),
    "amethyst": ("purple", 25, ["oval", "cushion", "round", "pear"]),
    "blue topaz": ("blue", 20, ["oval", "cushion", "emerald"]),
    "aquamarine": ("blue", 180, ["emerald", "oval"]),
}


class Metal:
    def __init__(self, metal: str, karat: int | None) -> None:
        self.metal = metal
        self.karat = karat
        self.colour = metal.split()[0] if "gold" in metal else "white"

    @property
    def code(self) -> str:
        if self.metal == "platinum":
            return "PT"
        if self.metal == "sterling silver":
            return "SS"
        return f"{self.karat}{self.metal[0].upper()}"

    @property
    def phrase(self) -> str:
        if self.karat:
            return f"{self.karat}K {self.metal}"
        return self.metal

    def cost(self, mg: int) -> float:
        grams = mg / 1000
        if self.metal == "platinum":
            return grams * PLATINUM_PER_G * 1.1
        if self.metal == "sterling silver":
            return grams * SILVER_PER_G * 1.2
        return grams * GOLD_PER_G * (self.karat or 14) / 24 * 1.08


def pick_metal(gold=8, plat=1, silver=0, karats=None) -> Metal:
    kind = weighted([("gold", gold), ("platinum", plat), ("silver", silver)])
    if kind == "platinum":
        return Metal("platinum", None)
    if kind == "silver":
        return Metal("sterling silver", None)
    karat = weighted(karats or [(14, 55), (18, 25), (10, 12), (9, 4), (22, 4)])
    colour = weighted([("yellow", 50), ("white", 35), ("rose", 15)])
    if karat == 22:
        colour = "yellow"
    return Metal(f"{colour} gold", karat)


def diamond(points: int, count: int = 1, shape: str = "round", fine: bool = False) -> tuple:
    colour = weighted(DIA_COLOURS[:5] if fine else DIA_COLOURS)
    clarity = weighted(DIA_CLARITY[:5] if fine else DIA_CLARITY)
    if points < 5:  # melee is bought by parcel, graded in a range
        colour, clarity = rng.choice(["G", "H"]), rng.choice(["VS2", "SI1"])
    return ("diamond", shape, points, count, colour, clarity)


def gem(kind: str, points: int, count: int = 1, shape: str | None = None) -> tuple:
    colour, _, shapes = GEMS[kind]
    return (kind, shape or rng.choice(shapes), points, count, colour, "")


def pearl(points: int, count: int = 1) -> tuple:
    return ("pearl", "round", points, count, "white", "")


def stone_cost(stone: tuple) -> float:
    kind, _, points, count, colour, clarity = stone
    carats = points / 100 * count
    if kind == "pearl":
        return count * (18 + points * 0.12)
    if kind != "diamond":
        return carats * GEMS[kind][1] * (1 + points / 300)
    if points < 5:
        per_ct = 450
    elif points < 30:
        per_ct = 900
    elif points < 50:
        per_ct = 1500
    elif points < 90:
        per_ct = 2300
    elif points < 150:
        per_ct = 3400
    else:
        per_ct = 4800
    return carats * per_ct * COLOUR_FACTOR[colour] * CLARITY_FACTOR[clarity]


def stones_text(stones: list[tuple]) -> str:
    return ";".join("|".join(str(part) for part in stone) for stone in stones)


def dia_words(stone: tuple) -> str:
    _, shape, points, _, colour, clarity = stone
    return f"a {ct(points)}ct {shape} diamond, {colour} colour, {clarity} clarity"


def ladies_size() -> float:
    return weighted(
        [(4.5, 2), (5, 5), (5.5, 8), (6, 14), (6.5, 14), (7, 12), (7.5, 6), (8, 4), (9, 1)]
    )


def mens_size() -> float:
    return weighted([(8.5, 3), (9, 6), (9.5, 7), (10, 8), (10.5, 6), (11, 4), (12, 2)])


def size_text(size: float) -> str:
    return f"{size:g}"


def size_code(size: float) -> str:
    return str(int(size * 10))


# --------------------------------------------------------------------------- piece makers
# Each returns a dict with style, variant parts, title, description, metal, size, mg,
# stones, vendor and labour (USD of making/setting cost on top of metal and stones).


def make_engagement_ring() -> dict:
    style = weighted([("SOL", 45), ("HAL", 25), ("3ST", 15), ("PAV", 15)])
    metal = pick_metal(gold=7, plat=3, karats=[(14, 60), (18, 40)])
    shape = weighted(
        [("round", 50), ("oval", 18), ("princess", 10), ("cushion", 12), ("emerald", 10)]
    )
    pts = weighted(
        [(30, 6), (40, 8), (50, 16), (70, 16), (75, 8), (90, 10), (100, 14), (120, 6)]
        + [(150, 5), (200, 2)]
    )
    centre = diamond(pts, shape=shape, fine=pts >= 100)
    size = ladies_size()
    mg = rng.randint(2500, 5500)
    stones = [centre]
    if style == "SOL":
        title = f"Solitaire engagement ring {ct(pts)}ct {shape}"
        desc = f"{metal.phrase} four-prong solitaire set with {dia_words(centre)}."
    elif style == "HAL":
        stones.append(diamond(1, count=rng.randint(16, 26)))
        title = f"Halo engagement ring {ct(pts)}ct {shape}"
        desc = f"{metal.phrase} halo ring around {dia_words(centre)}, pavé shoulders."
    elif style == "3ST":
        side = max(10, pts // 3 // 5 * 5)
        stones.append(diamond(side, count=2, shape=shape))
        title = f"Three-stone engagement ring {ct(pts + 2 * side)}ctw {shape}"
        desc = (
            f"{metal.phrase} three-stone ring: {dia_words(centre)} between two {ct(side)}ct sides."
        )
    else:
        stones.append(diamond(1, count=rng.randint(18, 30)))
        title = f"Pavé band engagement ring {ct(pts)}ct {shape}"
        desc = f"{metal.phrase} pavé band holding {dia_words(centre)}."
    vendor = "V-002" if style == "SOL" and rng.random() < 0.35 else "V-001"
    return dict(
        style=style,
        variant=[metal.code, f"{pts:03d}", size_code(size)],
        title=title,
        desc=desc,
        metal=metal,
        size=size,
        mg=mg,
        stones=stones,
        vendor=vendor,
        labour=rng.uniform(180, 420),
    )


def make_wedding_band() -> dict:
    style = weighted([("CMF", 40), ("MIL", 15), ("ETN", 20), ("HET", 15), ("KNF", 10)])
    metal = pick_metal(gold=7, plat=3, karats=[(14, 55), (18, 35), (10, 10)])
    mens = style in ("CMF", "KNF") and rng.random() < 0.6
    size = mens_size() if mens else ladies_size()
    width = rng.choice([4, 5, 6, 7]) if mens else rng.choice([2, 3, 4])
    mg = min(9000, rng.randint(900, 1200) * width + (800 if mens else 0))
    mg = max(2000, mg)
    stones: list[tuple] = []
    if style == "CMF":
        title = f"Comfort-fit wedding band {width}mm"
        desc = f"{metal.phrase} comfort-fit band, {width}mm wide, high polish."
    elif style == "MIL":
        title = f"Milgrain wedding band {width}mm"
        desc = f"{metal.phrase} band with hand-applied milgrain edges, {width}mm wide."
    elif style == "KNF":
        title = f"Knife-edge wedding band {width}mm"
        desc = f"{metal.phrase} knife-edge band, {width}mm, satin centre and polished edges."
    elif style == "ETN":
        each = rng.choice([3, 5, 7, 10])
        count = {3: 24, 5: 20, 7: 18, 10: 16}[each]
        stones = [diamond(each, count=count)]
        title = f"Diamond eternity band {ct(each * count)}ctw"
        desc = f"{metal.phrase} eternity band, {count} round diamonds set all the way round."
    else:
        each = rng.choice([2, 3, 5])
        count = rng.choice([7, 9, 11])
        stones = [diamond(each, count=count)]
        title = f"Half-eternity band {ct(each * count)}ctw"
        desc = f"{metal.phrase} shared-prong band with {count} round diamonds across the top."
    return dict(
        style=style,
        variant=[metal.code, f"{width}MM", size_code(size)],
        title=title,
        desc=desc,
        metal=metal,
        size=size,
        mg=mg,
        stones=stones,
        vendor=weighted([("V-001", 75), ("V-004", 25)]),
        labour=rng.uniform(60, 220) + 8 * sum(s[3] for s in stones),
    )


def make_ring() -> dict:
    style = weighted([("SIG", 15), ("STK", 25), ("CKT", 20), ("GEM", 25), ("BND", 15)])
    size = ladies_size() if style != "SIG" or rng.random() < 0.4 else mens_size()
    vendor = "V-004"
    stones: list[tuple] = []
    if style == "SIG":
        metal = pick_metal(gold=8, silver=3, plat=0)
        mg = rng.randint(5000, 9000)
        title = "Signet ring, oval face"
        desc = f"Classic {metal.phrase} signet with an oval face, ready to engrave."
        labour = rng.uniform(60, 140)
    elif style == "STK":
        metal = pick_metal(gold=8, silver=2, plat=0)
        mg = rng.randint(2000, 3200)
        if metal.karat and rng.random() < 0.6:
            count = rng.choice([5, 7, 9])
            stones = [diamond(1, count=count)]
            title = f"Diamond stacking ring {ct(count)}ctw"
            desc = f"Slim {metal.phrase} stacking ring with {count} bead-set round diamonds."
        else:
            title = "Twisted stacking ring"
            desc = f"Slim twisted {metal.phrase} ring made to wear in stacks."
        labour = rng.uniform(30, 90)
        vendor = rng.choice(["V-004", "V-001"])
    elif style == "CKT":
        metal = pick_metal(gold=8, plat=1, karats=[(14, 50), (18, 50)])
        kind = rng.choice(["sapphire", "ruby", "emerald", "tanzanite"])
        pts = rng.choice([80, 100, 120, 150, 200, 250])
        centre = gem(kind, pts)
        stones = [centre, diamond(2, count=rng.randint(14, 24))]
        mg = rng.randint(4500, 8500)
        title = f"{kind.capitalize()} cocktail ring {ct(pts)}ct {centre[1]}"
        desc = f"{metal.phrase} cocktail ring, a {ct(pts)}ct {centre[1]} {kind} in a diamond halo."
        labour = rng.uniform(200, 420)
        vendor = rng.choice(["V-001", "V-004", "V-008"])
    elif style == "GEM":
        metal = pick_metal(gold=6, silver=4, plat=0)
        kind = rng.choice(["amethyst", "blue topaz", "aquamarine", "sapphire", "tanzanite"])
        if not metal.karat:
            kind = rng.choice(["amethyst", "blue topaz"])
        pts = rng.choice([100, 150, 200, 300, 400])
        centre = gem(kind, pts)
        stones = [centre]
        mg = rng.randint(2800, 6000)
        title = f"{kind.capitalize()} ring {ct(pts)}ct {centre[1]}"
        desc = f"{metal.phrase} ring with a {ct(pts)}ct {centre[1]} {kind} in a four-claw setting."
        labour = rng.uniform(50, 160)
        vendor = "V-007" if not metal.karat else rng.choice(["V-004", "V-001"])
    else:
        metal = pick_metal(gold=7, silver=3, plat=0)
        width = rng.choice([3, 4, 6, 8])
        mg = min(9000, 2000 + width * rng.randint(500, 800))
        title = f"Wide hammered band ring {width}mm"
        desc = f"Hand-hammered {metal.phrase} band, {width}mm wide."
        labour = rng.uniform(40, 120)
        vendor = "V-007" if not metal.karat else "V-004"
    return dict(
        style=style,
        variant=[metal.code, size_code(size)],
        title=title,
        desc=desc,
        metal=metal,
        size=size,
        mg=mg,
        stones=stones,
        vendor=vendor,
        labour=labour,
    )


def make_earrings() -> dict:
    style = weighted([("STD", 30), ("HOP", 25), ("DRP", 15), ("HUG", 15), ("PRL", 15)])
    stones: list[tuple] = []
    vendor = "V-004"
    if style == "STD":
        metal = pick_metal(gold=8, plat=2, karats=[(14, 70), (18, 30)])
        each = rng.choice([15, 25, 33, 50, 75, 100])
        stones = [diamond(each, count=2)]
        mg = rng.randint(1000, 1800)
        title = f"Diamond stud earrings {ct(each * 2)}ctw"
        desc = f"{metal.phrase} four-prong studs with two {ct(each)}ct round diamonds, screw backs."
        variant = [metal.code, f"{each * 2:03d}"]
        vendor = "V-002"
        labour = rng.uniform(40, 120)
    elif style == "HOP":
        metal = pick_metal(gold=7, silver=3, plat=0)
        dia = rng.choice([15, 20, 25, 30, 40, 50])
        mg = rng.randint(1500, 5500)
        title = f"Hoop earrings {dia}mm"
        desc = f"Polished {metal.phrase} tube hoops, {dia}mm across, with hinged snap closure."
        variant = [metal.code, f"{dia}MM"]
        vendor = "V-007" if not metal.karat else "V-004"
        labour = rng.uniform(30, 90)
    elif style == "DRP":
        metal = pick_metal(gold=8, silver=2, plat=0)
        kind = rng.choice(["sapphire", "tanzanite", "amethyst", "blue topaz", "emerald"])
        pts = rng.choice([50, 75, 100, 150])
        drop = gem(kind, pts, count=2)
        stones = [drop]
        mg = rng.randint(1200, 3000)
        title = f"{kind.capitalize()} drop earrings {ct(pts * 2)}ctw"
        desc = f"{metal.phrase} drop earrings, each with a {ct(pts)}ct {drop[1]} {kind}."
        variant = [metal.code, ascii_slug(kind)[:3].upper()]
        vendor = "V-007" if not metal.karat else "V-004"
        labour = rng.uniform(60, 160)
    elif style == "HUG":
        metal = pick_metal(gold=9, silver=1, plat=0)
        count = rng.choice([10, 14, 18])
        if metal.karat:
            stones = [diamond(1, count=count)]
        mg = rng.randint(1200, 2600)
        title = f"Diamond huggie earrings {ct(count)}ctw" if stones else "Huggie hoop earrings"
        desc = f"Small {metal.phrase} huggies" + (
            f" with {count} pavé diamonds." if stones else ", polished finish."
        )
        variant = [metal.code, "PAV" if stones else "PLN"]
        labour = rng.uniform(40, 110)
    else:
        metal = pick_metal(gold=9, silver=1, plat=0, karats=[(14, 80), (18, 20)])
        mm = rng.choice([6, 7, 8, 9])
        pts = {6: 160, 7: 250, 8: 330, 9: 450}[mm]
        stones = [pearl(pts, count=2)]
        mg = rng.randint(600, 1200)
        title = f"Pearl stud earrings {mm}mm"
        desc = f"Cultured white pearl studs, {mm}mm, on {metal.phrase} posts."
        variant = [metal.code, f"{mm}MM"]
        vendor = "V-006"
        labour = rng.uniform(15, 40)
    return dict(
        style=style,
        variant=variant,
        title=title,
        desc=desc,
        metal=metal,
        size=None,
        mg=mg,
        stones=stones,
        vendor=vendor,
        labour=labour,
    )


def make_pendant() -> dict:
    style = weighted([("SOL", 25), ("CRS", 15), ("HRT", 15), ("GEM", 20), ("PRL", 10), ("LKT", 15)])
    stones: list[tuple] = []
    vendor = "V-004"
    length = rng.choice([40, 45, 45, 50])
    if style == "SOL":
        metal = pick_metal(gold=8, plat=2, karats=[(14, 70), (18, 30)])
        pts = rng.choice([25, 33, 50, 70, 100])
        stones = [diamond(pts, shape=rng.choice(["round", "round", "oval", "princess"]))]
        title = f"Diamond solitaire pendant {ct(pts)}ct {stones[0][1]}"
        desc = f"{metal.phrase} pendant with {dia_words(stones[0])}, on a {length}cm cable chain."
        mg = rng.randint(1500, 3000)
        vendor = "V-002"
    elif style == "CRS":
        metal = pick_metal(gold=7, silver=3, plat=0)
        title = "Cross pendant"
        desc = f"Bevelled {metal.phrase} cross on a {length}cm rope chain."
        mg = rng.randint(1500, 4500)
        vendor = "V-007" if not metal.karat else "V-004"
    elif style == "HRT":
        metal = pick_metal(gold=7, silver=3, plat=0)
        title = "Puffed heart pendant"
        desc = f"Puffed {metal.phrase} heart on a {length}cm box chain."
        mg = rng.randint(1200, 3500)
        vendor = "V-007" if not metal.karat else "V-004"
    elif style == "GEM":
        metal = pick_metal(gold=7, silver=3, plat=0)
        kind = rng.choice(list(GEMS))
        pts = rng.choice([100, 150, 200, 300])
        stones = [gem(kind, pts)]
        title = f"{kind.capitalize()} pendant {ct(pts)}ct {stones[0][1]}"
        desc = f"{metal.phrase} pendant with a {ct(pts)}ct {stones[0][1]} {kind}, {length}cm chain."
        mg = rng.randint(1200, 3000)
        vendor = "V-007" if not metal.karat else rng.choice(["V-004", "V-001"])
    elif style == "PRL":
        metal = pick_metal(gold=9, silver=1, plat=0, karats=[(14, 80), (18, 20)])
        mm = rng.choice([8, 9, 10])
        stones = [pearl({8: 330, 9: 450, 10: 620}[mm])]
        title = f"Pearl drop pendant {mm}mm"
        desc = f"{a(f'{mm}mm')} cultured white pearl on {a(metal.phrase)} bail, {length}cm chain."
        mg = rng.randint(800, 2000)
        vendor = "V-006"
    else:
        metal = pick_metal(gold=7, silver=3, plat=0)
        title = "Oval locket pendant"
        desc = f"Engravable {metal.phrase} locket that opens for two photos, {length}cm chain."
        mg = rng.randint(2500, 5000)
        vendor = "V-008" if rng.random() < 0.3 else ("V-007" if not metal.karat else "V-004")
    return dict(
        style=style,
        variant=[metal.code, str(length)],
        title=title,
        desc=desc,
        metal=metal,
        size=None,
        mg=mg,
        stones=stones,
        vendor=vendor,
        labour=rng.uniform(40, 160),
    )


CHAINS = {"CRB": "Curb", "RPE": "Rope", "FIG": "Figaro", "BOX": "Box", "CBL": "Cable"}


def make_necklace() -> dict:
    style = weighted([("CHN", 55), ("RIV", 15), ("PRL", 20), ("BAR", 10)])
    length = rng.choice([40, 45, 50, 60])
    stones: list[tuple] = []
    if style == "CHN":
        metal = pick_metal(gold=7, silver=3, plat=0)
        link = rng.choice(list(CHAINS))
        gauge = rng.randint(60, 140)  # mg per cm
        mg = gauge * length
        title = f"{CHAINS[link]} chain {length}cm"
        desc = f"Solid {metal.phrase} {CHAINS[link].lower()} chain, {length}cm, lobster clasp."
        variant = [link, metal.code, str(length)]
        vendor = rng.choice(["V-003", "V-003", "V-004"]) if metal.karat else "V-003"
        labour = rng.uniform(20, 80)
    elif style == "RIV":
        metal = pick_metal(gold=8, plat=2, karats=[(14, 60), (18, 40)])
        each = rng.choice([5, 7, 10])
        count = rng.randint(40, 70)
        stones = [diamond(each, count=count)]
        mg = rng.randint(9000, 16000)
        title = f"Diamond riviera necklace {ct(each * count)}ctw"
        desc = f"{metal.phrase} riviera necklace of {count} graduated round diamonds, {length}cm."
        variant = [metal.code, f"{each * count:03d}"]
        vendor = "V-002"
        labour = rng.uniform(400, 900)
    elif style == "PRL":
        metal = pick_metal(gold=9, silver=1, plat=0, karats=[(14, 80), (18, 20)])
        mm = rng.choice([6, 7, 8])
        count = int(length * 10 / mm)
        stones = [pearl({6: 160, 7: 250, 8: 330}[mm], count=count)]
        mg = rng.randint(1000, 2000)  # the clasp
        title = f"Pearl strand necklace {mm}mm {length}cm"
        desc = (
            f"Hand-knotted strand of {count} cultured white pearls, {mm}mm, {metal.phrase} clasp."
        )
        variant = [metal.code, f"{mm}MM", str(length)]
        vendor = "V-006"
        labour = rng.uniform(60, 140)
    else:
        metal = pick_metal(gold=7, silver=3, plat=0)
        mg = rng.randint(3000, 6000)
        title = f"Bar necklace {length}cm"
        desc = f"Engravable {metal.phrase} bar on a fine cable chain, {length}cm."
        variant = [metal.code, str(length)]
        vendor = "V-007" if not metal.karat else "V-004"
        labour = rng.uniform(30, 80)
    return dict(
        style=style,
        variant=variant,
        title=title,
        desc=desc,
        metal=metal,
        size=None,
        mg=mg,
        stones=stones,
        vendor=vendor,
        labour=labour,
    )


def make_bracelet() -> dict:
    style = weighted([("TNS", 25), ("BNG", 25), ("LNK", 30), ("CHM", 20)])
    stones: list[tuple] = []
    length = rng.choice([17, 18, 19])
    if style == "TNS":
        metal = pick_metal(gold=8, plat=2, karats=[(14, 70), (18, 30)])
        each = rng.choice([3, 5, 7, 10])
        count = rng.randint(40, 60) if each < 7 else rng.randint(28, 45)
        total = each * count
        stones = [diamond(each, count=count)]
        mg = rng.randint(7000, 12000)
        title = f"Tennis bracelet {ct(total)}ctw"
        desc = f"{metal.phrase} tennis bracelet, {count} round diamonds, box clasp with safety."
        variant = [metal.code, f"{total:03d}"]
        vendor = "V-002"
        labour = rng.uniform(250, 600)
    elif style == "BNG":
        metal = pick_metal(gold=7, silver=3, plat=0)
        mm = rng.choice([2, 3, 4, 6])
        mg = rng.randint(3000, 5000) * mm // 2
        title = f"Polished bangle {mm}mm"
        desc = f"Hinged {metal.phrase} bangle, {mm}mm wide, with a hidden box clasp."
        variant = [metal.code, f"{mm}MM"]
        vendor = "V-007" if not metal.karat else "V-004"
        labour = rng.uniform(40, 120)
    elif style == "LNK":
        metal = pick_metal(gold=7, silver=3, plat=0)
        link = rng.choice(list(CHAINS))
        mg = rng.randint(250, 900) * length
        title = f"{CHAINS[link]} link bracelet {length}cm"
        desc = f"Solid {metal.phrase} {CHAINS[link].lower()} link bracelet, {length}cm."
        variant = [link, metal.code, str(length)]
        vendor = "V-003" if metal.karat else "V-007"
        labour = rng.uniform(30, 90)
    else:
        metal = pick_metal(gold=6, silver=4, plat=0)
        mg = rng.randint(6000, 14000)
        title = f"Charm bracelet {length}cm"
        desc = f"{metal.phrase} rolo-link charm bracelet with a heart tag, {length}cm."
        variant = [metal.code, str(length)]
        vendor = "V-007" if not metal.karat else "V-004"
        labour = rng.uniform(30, 80)
    return dict(
        style=style,
        variant=variant,
        title=title,
        desc=desc,
        metal=metal,
        size=None,
        mg=mg,
        stones=stones,
        vendor=vendor,
        labour=labour,
    )


def make_watch() -> dict:
    style = weighted([("AUT", 40), ("CHR", 25), ("LDY", 35)])
    metal = pick_metal(gold=9, plat=1, karats=[(18, 100)])
    stones: list[tuple] = []
    if style == "AUT":
        mm = rng.choice([36, 38, 39, 40])
        title = f"Automatic dress watch {mm}mm"
        desc = f"{metal.phrase} automatic dress watch, {mm}mm, sapphire crystal, alligator strap."
        movement = rng.uniform(1800, 3200)
        mg = rng.randint(14000, 24000)
    elif style == "CHR":
        mm = rng.choice([40, 41, 42])
        title = f"Automatic chronograph {mm}mm"
        desc = f"{metal.phrase} automatic chronograph, {mm}mm, exhibition caseback, leather strap."
        movement = rng.uniform(3200, 5200)
        mg = rng.randint(20000, 32000)
    else:
        mm = rng.choice([26, 28, 30])
        count = rng.choice([32, 40, 48])
        stones = [diamond(1, count=count)]
        title = f"Ladies' quartz watch {mm}mm, diamond bezel"
        desc = f"{metal.phrase} {mm}mm quartz watch with a {count}-diamond bezel, satin strap."
        movement = rng.uniform(900, 1600)
        mg = rng.randint(9000, 14000)
    return dict(
        style=style,
        variant=[metal.code, f"{mm}MM"],
        title=title,
        desc=desc,
        metal=metal,
        size=None,
        mg=mg,
        stones=stones,
        vendor="V-005",
        labour=movement,
    )


def make_brooch() -> dict:
    style = weighted([("FLR", 35), ("BAR", 25), ("CAM", 20), ("BUG", 20)])
    metal = pick_metal(gold=8, plat=1, silver=1, karats=[(14, 60), (18, 30), (9, 10)])
    mg = rng.randint(4000, 15000)
    stones: list[tuple] = []
    if style == "FLR":
        stones = [diamond(2, count=rng.randint(10, 30))]
        if rng.random() < 0.5:
            stones.insert(0, gem(rng.choice(["sapphire", "ruby", "emerald"]), 50))
        title = "Vintage floral spray brooch"
        desc = f"Estate {metal.phrase} flower-spray brooch, pavé petals, c. 1950s."
    elif style == "BAR":
        count = rng.choice([3, 5, 7])
        stones = [pearl(160, count=count)]
        title = "Pearl bar pin"
        desc = f"Edwardian-style {metal.phrase} bar pin set with {count} matched cultured pearls."
    elif style == "CAM":
        title = "Shell cameo brooch"
        desc = f"Carved shell cameo of a lady in profile, in {a(metal.phrase)} twisted-wire frame."
    else:
        kind = rng.choice(["sapphire", "ruby", "emerald"])
        stones = [gem(kind, 10, count=2, shape="round"), diamond(1, count=rng.randint(12, 30))]
        title = "Bumblebee brooch"
        desc = f"Whimsical {metal.phrase} bee with {kind} eyes and diamond-set wings."
    return dict(
        style=style,
        variant=[metal.code],
        title=title,
        desc=desc,
        metal=metal,
        size=None,
        mg=mg,
        stones=stones,
        vendor="V-008",
        labour=rng.uniform(120, 400),
    )


MAKERS = [
    ("ring", make_ring, 70),
    ("engagement_ring", make_engagement_ring, 46),
    ("wedding_band", make_wedding_band, 44),
    ("earrings", make_earrings, 46),
    ("pendant", make_pendant, 40),
    ("necklace", make_necklace, 30),
    ("bracelet", make_bracelet, 26),
    ("watch", make_watch, 14),
    ("brooch", make_brooch, 12),
]


def make_pieces() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    sku_serial: dict[str, int] = {}
    for category, maker, count in MAKERS:
        for n in range(1, count + 1):
            spec = maker()
            metal: Metal = spec["metal"]
            base = "-".join([SKU_CAT[category], spec["style"], *spec["variant"]])
            sku_serial[base] = sku_serial.get(base, 0) + 1
            sku = f"{base}-{sku_serial[base]:02d}"
            cost = (
                metal.cost(spec["mg"]) + sum(stone_cost(s) for s in spec["stones"]) + spec["labour"]
            )
            markup = rng.uniform(2.0, 2.5) if category == "watch" else rng.uniform(2.1, 2.8)
            rows.append(
                {
                    "stock_no": f"{PREFIX[category]}-{n:06d}",
                    "sku": sku,
                    "category": category,
                    "title": spec["title"],
                    "description": spec["desc"][0].upper() + spec["desc"][1:],
                    "metal": metal.metal,
                    "karat": metal.karat or "",
                    "colour": metal.colour,
                    "ring_size": size_text(spec["size"]) if spec["size"] else "",
                    "metal_mg": spec["mg"],
                    "cost": cost_price(cost),
                    "retail": shop_price(cost * markup),
                    "vendor": spec["vendor"],
                    "location": HOME_CASE[category],
                    "ownership": "owned",
                    "status": "in_stock",
                    "stones": stones_text(spec["stones"]),
                    "codes": "",
                    "_stones": spec["stones"],
                }
            )
    place_pieces(rows)
    add_codes(rows)
    return rows


def take(pool: list[dict], n: int, where=lambda row: True) -> list[dict]:
    """n rows from pool that match, chosen by rng and removed from the pool."""
    candidates = [row for row in pool if where(row)]
    chosen = rng.sample(candidates, min(n, len(candidates)))
    for row in chosen:
        pool.remove(row)
    return chosen


def place_pieces(rows: list[dict]) -> None:
    pool = list(rows)
    # Consignment from private consignors via the estate buyer and from the silver studio.
    for row in take(pool, 6, lambda r: r["vendor"] == "V-008"):
        row.update(ownership="consignment_in", location="L-CONSIGN")
    for row in take(pool, 5, lambda r: r["vendor"] == "V-007"):
        row.update(ownership="consignment_in", location="L-CONSIGN")
    # Memo from the diamond dealer, showing in the cases.
    for row in take(pool, 8, lambda r: r["vendor"] == "V-002"):
        row.update(ownership="memo_in")
        if rng.random() < 0.3:
            row["location"] = "L-WINDOW"
    # Away from the floor.
    big = lambda r: float(r["retail"]) >= 4000  # noqa: E731
    for row in take(pool, 18, big):
        row["location"] = "L-SAFE"
    for row in take(pool, 4, lambda r: r["category"] in ("ring", "wedding_band")):
        row["location"] = "L-BENCH"  # sizing and polishing
    for row in take(
        pool, 3, lambda r: r["category"] in ("engagement_ring", "ring") and r["stones"]
    ):
        row["location"] = "L-SETTER"
    for row in take(pool, 3, lambda r: "diamond" in r["stones"]):
        row["location"] = "L-MEMO-OUT"
    for row in take(pool, 3):
        row["location"] = "L-TRANSIT"
    for row in take(pool, 10):
        row["location"] = "L-BACK"
    for row in take(pool, 22, lambda r: r["category"] not in ("watch",)):
        row["location"] = "L-WAREHOUSE"
    for row in take(pool, 16):
        row["location"] = "L-WINDOW"
    # What sold over the counter (still at the case it was sold from).
    for row in take(pool, 15, lambda r: r["location"] in SELLABLE):
        row["status"] = "sold"


def add_codes(rows: list[dict]) -> None:
    used: set[str] = {str(row["stock_no"]) for row in rows}

    def fresh(make) -> str:
        code = make()
        while code in used:
            code = make()
        used.add(code)
        return code

    def swiss() -> str:
        return ean13("76" + "".join(str(rng.randint(0, 9)) for _ in range(10)))

    def italian() -> str:
        return ean13("80" + "".join(str(rng.randint(0, 9)) for _ in range(10)))

    def nordic() -> str:
        return ean13("70" + "".join(str(rng.randint(0, 9)) for _ in range(10)))

    def old_tag() -> str:
        return f"OLD-{rng.randint(1000, 9999)}"

    extra: dict[str, list[str]] = {}
    for row in rows:
        if row["category"] == "watch":
            extra.setdefault(row["stock_no"], []).append(fresh(swiss))
    branded = [r for r in rows if r["vendor"] in ("V-004", "V-007") and r["category"] != "ring"]
    for row in rng.sample(branded, 6):
        make = italian if row["vendor"] == "V-004" else nordic
        extra.setdefault(row["stock_no"], []).append(fresh(make))
    older = [r for r in rows if r["category"] in ("ring", "pendant", "brooch", "necklace")]
    for row in rng.sample(older, 13) + rng.sample(branded, 2):
        tags = extra.setdefault(row["stock_no"], [])
        if not any(t.startswith("OLD-") for t in tags):
            tags.append(fresh(old_tag))
    for row in rows:
        row["codes"] = ";".join(extra.get(row["stock_no"], []))


# --------------------------------------------------------------------------- quantity items

ITEMS_TABLE = """\
CHN-BOX-SS-40|Box chain 40cm, sterling silver|chain|sterling silver||6.40|29|V-003|6
CHN-BOX-SS-45|Box chain 45cm, sterling silver|chain|sterling silver||7.10|35|V-003|8
CHN-BOX-SS-50|Box chain 50cm, sterling silver|chain|sterling silver||7.90|39|V-003|6
CHN-BOX-SS-60|Box chain 60cm, sterling silver|chain|sterling silver||9.20|45|V-003|4
CHN-CBL-14Y-40|Cable chain 40cm, 14K yellow|chain|yellow gold|14|88.00|229|V-003|4
CHN-CBL-14Y-45|Cable chain 45cm, 14K yellow|chain|yellow gold|14|98.50|249|V-003|6
CHN-CBL-14Y-50|Cable chain 50cm, 14K yellow|chain|yellow gold|14|109.00|279|V-003|4
CHN-CBL-14Y-60|Cable chain 60cm, 14K yellow|chain|yellow gold|14|131.00|329|V-003|2
CHN-CBL-14W-45|Cable chain 45cm, 14K white|chain|white gold|14|101.00|259|V-003|4
STD-BALL-14Y-4|Ball stud earrings 4mm, 14K yellow|studs|yellow gold|14|22.00|59|V-004|6
STD-CZ-SS-5|Cubic zirconia studs 5mm, sterling silver|studs|sterling silver||3.20|19|V-007|10
BCK-FRIC-14Y|Friction earring backs, 14K yellow (pair)|studs|yellow gold|14|9.50|25|V-004|12
BCK-FRIC-SS|Friction earring backs, sterling silver (pair)|studs|sterling silver||0.60|5|V-003|20
FND-JR-14Y-5|Jump ring 5mm, 14K yellow|findings|yellow gold|14|2.40|8|V-003|50
FND-JR-SS-5|Jump ring 5mm, sterling silver|findings|sterling silver||0.08|1|V-003|100
FND-LOB-14Y-10|Lobster clasp 10mm, 14K yellow|findings|yellow gold|14|18.00|45|V-003|10
FND-SPR-SS-6|Spring ring clasp 6mm, sterling silver|findings|sterling silver||0.45|4|V-003|25
OTH-GUARD-14Y|Ring guard, 14K yellow|other|yellow gold|14|38.00|95|V-001|3
OTH-GUARD-14W|Ring guard, 14K white|other|white gold|14|40.00|99|V-001|3
"""  # sku|title|category|metal|karat|cost|retail|vendor|reorder_point


def make_items() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    items, levels = [], []
    for line in ITEMS_TABLE.splitlines():
        sku, title, category, metal, karat, cost, retail, vendor, point = line.split("|")
        reorder = int(point)
        items.append(
            {
                "sku": sku,
                "title": title,
                "category": category,
                "metal": metal,
                "karat": karat,
                "cost": money(float(cost)),
                "retail": money(float(retail)),
                "vendor": vendor,
                "reorder_point": reorder,
            }
        )
        if category == "chain":
            levels.append({"sku": sku, "location": "L-CASE-C", "qty": reorder + rng.randint(0, 6)})
            if rng.random() < 0.6:
                levels.append({"sku": sku, "location": "L-WAREHOUSE", "qty": rng.randint(4, 24)})
        elif category == "studs":
            levels.append({"sku": sku, "location": "L-CASE-B", "qty": reorder + rng.randint(0, 8)})
        else:
            levels.append({"sku": sku, "location": "L-BACK", "qty": reorder + rng.randint(5, 40)})
    # Something has run out and something is running low, so reorder reports show a line.
    for level in levels:
        if level["sku"] == "CHN-CBL-14Y-60" and level["location"] == "L-CASE-C":
            level["qty"] = 0
        if level["sku"] == "FND-LOB-14Y-10":
            level["qty"] = 4
    return items, levels


# --------------------------------------------------------------------------- holds

HOLD_REASONS = [
    ("layaway deposit paid", 168),
    ("anniversary — husband to decide", 72),
    ("waiting on ring size, coming back Saturday", 48),
    ("comparing with an online quote", 24),
    ("bringing fiancée in to try on", 72),
    ("deposit by phone, card on file", 168),
]


def make_holds(pieces: list[dict], customers: list[dict]) -> list[dict[str, object]]:
    eligible = [
        p
        for p in pieces
        if p["status"] == "in_stock"
        and p["location"] in SELLABLE
        and p["location"] != "L-CONSIGN"
        and p["category"] in ("engagement_ring", "ring", "pendant", "earrings", "bracelet")
    ]
    chosen = rng.sample(eligible, len(HOLD_REASONS))
    who = rng.sample(customers, len(HOLD_REASONS))
    return [
        {"stock_no": p["stock_no"], "customer": c["code"], "hours": hours, "reason": reason}
        for p, c, (reason, hours) in zip(chosen, who, HOLD_REASONS, strict=True)
    ]


# --------------------------------------------------------------------------- verification


def read(name: str) -> list[dict[str, str]]:
    with open(HERE / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def verify() -> dict[str, int]:
    kinds = {"case", "safe", "backroom", "bench", "vendor", "transit", "consignment", "warehouse"}
    categories = set(PREFIX)
    locations = read("locations.csv")
    assert len(locations) >= 12 and {r["kind"] for r in locations} == kinds
    assert all(re.fullmatch(r"L-[A-Z0-9-]+", r["code"]) for r in locations)
    sellable = {r["code"] for r in locations if r["sellable"] == "1"}
    loc_codes = {r["code"] for r in locations}
    vendors = read("vendors.csv")
    vendor_codes = {r["code"] for r in vendors}
    assert len(vendors) == 8 == len(vendor_codes)
    assert all(7 <= int(r["lead_time_days"]) <= 60 for r in vendors)
    customers = read("customers.csv")
    cust_codes = {r["code"] for r in customers}
    assert len(customers) == 40 == len(cust_codes)
    assert all(re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", r["email"]) for r in customers)
    staff = read("staff.csv")
    assert {r["role"] for r in staff} <= {"owner", "manager", "sales"} and len(staff) == 4

    pieces = read("pieces.csv")
    assert len(pieces) >= 320
    assert len({p["stock_no"] for p in pieces}) == len(pieces)
    assert len({p["sku"] for p in pieces}) == len(pieces)
    codes: list[str] = []
    for p in pieces:
        assert p["category"] in categories
        assert re.fullmatch(PREFIX[p["category"]] + r"-\d{6}", p["stock_no"])
        assert re.fullmatch(r"[A-Z0-9][A-Z0-9-]{1,39}", p["sku"]), p["sku"]
        gold = "gold" in p["metal"]
        assert p["karat"] in ({"9", "10", "14", "18", "22"} if gold else {""}), p
        assert p["metal"] in (
            "yellow gold",
            "white gold",
            "rose gold",
            "platinum",
            "sterling silver",
        )
        assert bool(p["ring_size"]) == (
            p["category"] in ("ring", "engagement_ring", "wedding_band")
        )
        if p["category"] in ("ring", "engagement_ring", "wedding_band"):
            assert 2000 <= int(p["metal_mg"]) <= 9000, p
        assert re.fullmatch(r"\d+\.\d\d", p["cost"]) and re.fullmatch(r"\d+\.00", p["retail"])
        ratio = float(p["retail"]) / float(p["cost"])
        assert 1.85 <= ratio <= 3.1, (p["stock_no"], ratio)
        assert p["vendor"] in vendor_codes and p["location"] in loc_codes
        assert p["status"] in ("in_stock", "sold")
        assert (p["ownership"] == "consignment_in") == (p["location"] == "L-CONSIGN")
        assert p["ownership"] != "memo_in" or p["location"] in sellable
        assert p["ownership"] != "memo_in" or p["vendor"] == "V-002"
        if p["status"] == "sold":
            assert p["location"] in sellable
        for stone in filter(None, p["stones"].split(";")):
            kind, shape, points, count, colour, clarity = stone.split("|")
            assert int(points) > 0 and int(count) > 0
            if kind == "diamond":
                assert shape in ("round", "princess", "oval", "emerald", "cushion")
                assert colour in "DEFGHIJ" and clarity in dict(DIA_CLARITY)
        for code in filter(None, p["codes"].split(";")):
            codes.append(code)
            assert code.isdigit() and ean_ok(code) or re.fullmatch(r"OLD-\d{4}", code), code
    stock_nos = {p["stock_no"] for p in pieces}
    assert len(codes) == len(set(codes)) and not set(codes) & stock_nos
    with_codes = sum(1 for p in pieces if p["codes"])
    assert 25 <= with_codes <= 35, with_codes
    assert all(p["codes"] for p in pieces if p["category"] == "watch")
    assert 13 <= sum(c.startswith("OLD-") for c in codes) <= 17
    sold = {p["stock_no"] for p in pieces if p["status"] == "sold"}
    assert 13 <= len(sold) <= 17

    items = read("items.csv")
    item_skus = {r["sku"] for r in items}
    assert len(items) >= 15 and len(item_skus) == len(items)
    assert all(r["category"] in ("chain", "studs", "findings", "other") for r in items)
    assert not item_skus & {p["sku"] for p in pieces}
    levels = read("stock_levels.csv")
    assert all(r["sku"] in item_skus and r["location"] in loc_codes for r in levels)
    assert all(int(r["qty"]) >= 0 for r in levels)
    reorder = {r["sku"]: int(r["reorder_point"]) for r in items}
    assert any(int(r["qty"]) < reorder[r["sku"]] for r in levels)

    holds = read("holds.csv")
    by_no = {p["stock_no"]: p for p in pieces}
    assert len(holds) == 6 == len({h["stock_no"] for h in holds})
    for h in holds:
        piece = by_no[h["stock_no"]]
        assert piece["status"] == "in_stock" and piece["location"] in sellable
        assert h["customer"] in cust_codes and h["stock_no"] not in sold
    return {
        "locations.csv": len(locations),
        "vendors.csv": len(vendors),
        "customers.csv": len(customers),
        "staff.csv": len(staff),
        "pieces.csv": len(pieces),
        "items.csv": len(items),
        "stock_levels.csv": len(levels),
        "holds.csv": len(holds),
    }


# --------------------------------------------------------------------------- main


def main() -> None:
    write_csv(
        "locations.csv",
        ["code", "name", "kind", "sellable"],
        [dict(zip(("code", "name", "kind", "sellable"), row, strict=True)) for row in LOCATIONS],
    )
    vendor_header = [
        "code",
        "name",
        "contact",
        "email",
        "phone",
        "terms",
        "lead_time_days",
        "memo_days",
    ]
    write_csv(
        "vendors.csv",
        vendor_header,
        [dict(zip(vendor_header, row, strict=True)) for row in VENDORS],
    )
    customers = make_customers()
    write_csv("customers.csv", ["code", "name", "phone", "email", "notes"], customers)
    write_csv(
        "staff.csv",
        ["code", "name", "role", "pin"],
        [dict(zip(("code", "name", "role", "pin"), row, strict=True)) for row in STAFF],
    )
    pieces = make_pieces()
    write_csv(
        "pieces.csv",
        [
            "stock_no",
            "sku",
            "category",
            "title",
            "description",
            "metal",
            "karat",
            "colour",
            "ring_size",
            "metal_mg",
            "cost",
            "retail",
            "vendor",
            "location",
            "ownership",
            "status",
            "stones",
            "codes",
        ],
        pieces,
    )
    items, levels = make_items()
    write_csv(
        "items.csv",
        [
            "sku",
            "title",
            "category",
            "metal",
            "karat",
            "cost",
            "retail",
            "vendor",
            "reorder_point",
        ],
        items,
    )
    write_csv("stock_levels.csv", ["sku", "location", "qty"], levels)
    write_csv(
        "holds.csv", ["stock_no", "customer", "hours", "reason"], make_holds(pieces, customers)
    )
    styles, certificates, unit_sales = make_catalog(pieces, items, levels)
    write_csv(
        "styles.csv",
        ["code", "title", "category", "description", "vendor", "vendor_style"],
        styles,
    )
    write_csv("certificates.csv", ["stock_no", "stone", "cert"], certificates)
    write_csv("unit_sales.csv", ["sku", "qty"], unit_sales)
    for name, count in verify().items():
        print(f"{name:18} {count:4d} rows")


# --------------------------------------------------------------------------- catalog

VARIANT = re.compile(r"^(\d{1,2}[A-Z]{1,2}|SS|PT|PD|AG|\d+)$")


def style_code(sku: str) -> str:
    """The SKU core (the loader's styles match pieces by it): 'RNG-STK-14Y-65-01' -> 'RNG-STK'."""
    parts = sku.split("-")
    for n, part in enumerate(parts[1:], start=1):
        if VARIANT.match(part):
            return "-".join(parts[:n])
    return sku


def make_catalog(pieces, items, levels):
    """Styles (one per SKU core, titled by its most common title), GIA/IGI certificates for
    diamonds of half a carat and more, and a few weeks of chain and stud sales. A separate
    random stream, so the other files stay byte-identical."""
    local = random.Random(16)
    groups: dict[str, list[dict]] = {}
    for row in [*pieces, *items]:
        groups.setdefault(style_code(str(row["sku"])), []).append(row)
    styles = []
    for code, rows in sorted(groups.items()):
        titles = [str(r["title"]) for r in rows]
        title = max(titles, key=titles.count)
        vendors = {str(r.get("vendor") or "") for r in rows}
        vendor = vendors.pop() if len(vendors) == 1 else ""
        styles.append(
            {
                "code": code,
                "title": re.sub(r"\s+\d+(\.\d+)?ct(w)?\b.*$", "", title).rstrip(" ,"),
                "category": rows[0]["category"],
                "description": rows[0].get("description", ""),
                "vendor": vendor,
                "vendor_style": f"{vendor[2:]}-{code.replace('-', '')}" if vendor else "",
            }
        )
    certificates = []
    for row in pieces:
        for n, part in enumerate(filter(None, str(row["stones"]).split(";")), start=1):
            kind, _shape, points = part.split("|")[:3]
            if kind == "diamond" and int(points or 0) >= 50:
                lab = "GIA" if local.random() < 0.7 else "IGI"
                certificates.append(
                    {
                        "stock_no": row["stock_no"],
                        "stone": n,
                        "cert": f"{lab} {local.randrange(10**9, 10**10)}",
                    }
                )
    on_hand: dict[str, int] = {}
    for level in levels:
        on_hand[level["sku"]] = on_hand.get(level["sku"], 0) + int(level["qty"])
    unit_sales = []
    for item in items:
        wanted = local.randint(1, 3)
        if local.random() < 0.5 and on_hand.get(item["sku"], 0) > wanted:
            unit_sales.append({"sku": item["sku"], "qty": wanted})
    return styles, certificates, unit_sales


if __name__ == "__main__":
    main()
