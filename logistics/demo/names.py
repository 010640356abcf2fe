"""Made-up personal names for the demo delegations, in the scripts their passports use:
Latin with diacritics, Vietnamese, Arabic, Persian, Chinese, Japanese, Korean, Thai,
Cyrillic, Greek. Combinations are drawn at random; none is meant to be a real person."""

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Pool:
    families: tuple  # a name, or (masculine, feminine) where the family name agrees
    female: tuple
    male: tuple
    family_first: bool = False  # shown family name first (Vietnamese, Chinese...)
    joiner: str = " "


def _split(text):
    return tuple(text.split("|"))


def _codes(text):
    return set(text.split())


def _gendered(text):
    return tuple(tuple(pair.split("/")) for pair in text.split("|"))


POOLS = {
    "vi": Pool(_split("Nguyễn|Trần|Lê|Phạm|Hoàng|Vũ|Đặng|Bùi|Đỗ|Ngô|Dương|Lý"),
               _split("Thị Hương|Thị Lan|Ngọc Anh|Thu Trang|Minh Thư|Thị Mai|Thanh Hà"),
               _split("Văn Hùng|Đức Anh|Quang Minh|Văn Long|Minh Tuấn|Hữu Phước|Quốc Bảo"),
               family_first=True),
    "zh": Pool(_split("王|李|张|刘|陈|杨|赵|黄|周|吴|徐|孙"), _split("芳|静|丽|敏|燕|婷|雪梅"),
               _split("伟|强|磊|军|洋|勇|杰|志明"), family_first=True, joiner=""),
    "ja": Pool(_split("佐藤|鈴木|高橋|田中|伊藤|渡辺|山本"), _split("美咲|陽子|由美|恵|直子"),
               _split("健|誠|大輔|拓也|翔太"), family_first=True),
    "ko": Pool(_split("김|이|박|최|정|강|조"), _split("서연|지우|민지|수빈|하은"),
               _split("민준|서준|도윤|현우|지훈"), family_first=True, joiner=""),
    "th": Pool(_split("ศรีสุข|วงศ์ใหญ่|จันทร์เพ็ญ|ทองดี|แก้วมณี"), _split("สุภาพร|วิไลวรรณ|นภา|กัญญา"),
               _split("สมชาย|ประเสริฐ|วีระ|ธนากร")),
    "ar": Pool(_split("العلي|الحسن|المنصوري|الخطيب|بن علي|الزهراني|حداد|الشامي|النعيمي"),
               _split("فاطمة|مريم|ليلى|نور|سارة|هدى|أمل"),
               _split("محمد|أحمد|خالد|يوسف|عمر|حسن|كريم|طارق")),
    "fa": Pool(_split("احمدی|حسینی|رضایی|کریمی|موسوی"), _split("زهرا|مریم|نرگس|شیرین"),
               _split("علی|رضا|حسین|مهدی|امیر")),
    "ru": Pool(_gendered("Иванов/Иванова|Смирнов/Смирнова|Кузнецов/Кузнецова|Попов/Попова|"
                         "Соколов/Соколова|Лебедев/Лебедева|Новиков/Новикова"),
               _split("Анна|Екатерина|Ольга|Наталья|Мария|Татьяна"),
               _split("Сергей|Алексей|Дмитрий|Андрей|Михаил|Игорь")),
    "central_asia": Pool(_gendered("Ахметов/Ахметова|Каримов/Каримова|Султанов/Султанова|"
                                   "Юсупов/Юсупова|Нурланов/Нурланова"),
                         _split("Айгерим|Динара|Гульнара|Мадина"),
                         _split("Нурлан|Ерлан|Тимур|Рустам|Бахтияр")),
    "mn": Pool(_split("Батбаяр|Ганболд|Энхтуяа|Цэрэн|Мөнхбат"),
               _split("Оюунчимэг|Сарангэрэл|Нарантуяа"), _split("Бат-Эрдэнэ|Ганзориг|Тэмүүлэн")),
    "el": Pool(_gendered("Παπαδόπουλος/Παπαδοπούλου|Γεωργίου/Γεωργίου|Νικολάου/Νικολάου|"
                         "Κωνσταντίνου/Κωνσταντίνου|Οικονόμου/Οικονόμου"),
               _split("Ελένη|Μαρία|Σοφία|Κατερίνα"), _split("Γιώργος|Νίκος|Κώστας|Δημήτρης")),
    "fr": Pool(_split("Lefèvre|Dubois|Moreau|Girard|Bonnet|Mercier|Faure|Rousseau|Lemaître"),
               _split("Hélène|Amélie|Céline|Élodie|Inès|Anaïs"),
               _split("François|Jérôme|Rémi|Théo|Benoît|Loïc")),
    "es": Pool(_split("Núñez|Muñoz|Gómez|Pérez|Rodríguez|Jiménez|Martínez|Sánchez|Fernández|"
                      "Ibáñez"),
               _split("María José|Lucía|Sofía|Valentina|Ximena|Begoña"),
               _split("José Luis|Andrés|Tomás|Sebastián|Matías|Joaquín")),
    "pt": Pool(_split("Gonçalves|Simões|Araújo|Conceição|Magalhães|Falcão|Brandão"),
               _split("Inês|Luíza|Mariana|Conceição|Letícia"),
               _split("João|Sebastião|Estêvão|Tiago|Antônio")),
    "it": Pool(_split("Rossi|Bianchi|Esposito|Ricci|Galli|De Luca|Fabbri"),
               _split("Giulia|Chiara|Francesca|Beatrice"),
               _split("Niccolò|Lorenzo|Matteo|Andrea")),
    "de": Pool(_split("Müller|Schröder|Weiß|Krämer|Groß|Köhler|Schäfer|Bäcker"),
               _split("Anja|Sabine|Ursula|Jana|Jülide"),
               _split("Jürgen|Günter|Matthias|Lukas|Jörg")),
    "nl": Pool(_split("de Vries|van Dijk|Jansen|Bakker|Visser|van den Berg"),
               _split("Eline|Sanne|Anouk|Fleur"), _split("Joost|Pieter|Maarten|Daan")),
    "nordic": Pool(_split("Åström|Johansson|Jørgensen|Lindqvist|Virtanen|Mäkinen|Sørensen|Ødegård"),
                   _split("Åsa|Ingrid|Sigrid|Aino|Maja"), _split("Søren|Lars|Mikael|Björn|Jesper")),
    "cee": Pool(_split("Dvořák|Novák|Horváth|Kovačević|Nowak|Jankauskas|Bērziņš|Tamm|Popescu|"
                       "Georgescu|Szabó|Petrović"),
                _split("Zuzana|Ágnes|Małgorzata|Ivana|Ioana|Liis|Dorota"),
                _split("Tomáš|Ferenc|Piotr|Ivan|Andrei|Jānis|Mindaugas")),
    "tr": Pool(_split("Yılmaz|Kaya|Demir|Şahin|Çelik|Öztürk|Məmmədli"),
               _split("Ayşe|Elif|Gülşen|Zeynep|Günay"), _split("Mehmet|Çağrı|Emre|Oğuz|Rəşad")),
    "en": Pool(_split("Smith|Walker|O'Brien|Campbell|Thompson|Clarke|Murphy|Robinson|Taylor"),
               _split("Sarah|Emily|Chloe|Grace|Hannah|Olivia"),
               _split("James|Daniel|Oliver|Liam|Matthew|Samuel")),
    "west_africa": Pool(_split("Okafor|Mensah|Diallo|Traoré|Ouédraogo|Adeyemi|Boateng|Koné|"
                               "Ndiaye|Sow|Kaboré|Agbéko"),
                        _split("Aïssatou|Ngozi|Adjoa|Fatoumata|Chiamaka|Mariétou"),
                        _split("Kwame|Mamadou|Oluwaseun|Kofi|Moussa|Séni")),
    "east_south_africa": Pool(_split("Mwangi|Okello|Banda|Phiri|Dlamini|Nkosi|Mutasa|Kamau|"
                                     "Haile|Tesfaye|Nakamya"),
                              _split("Wanjiru|Thandiwe|Nomvula|Aster|Tsion|Chipo"),
                              _split("Baraka|Themba|Sipho|Abebe|Tendai|Mussa")),
    "mg": Pool(_split("Rakotomalala|Randriamampionona|Rasoanaivo|Andriamihaja"),
               _split("Hanitra|Voahangy|Lalao"), _split("Haja|Tiana|Fanomezantsoa")),
    "south_asia": Pool(_split("Sharma|Iyer|Reddy|Banerjee|Hossain|Chowdhury|Perera|Fernando|"
                              "Qureshi|Malik"),
                       _split("Priya|Ananya|Lakshmi|Nusrat|Dilani|Ayesha"),
                       _split("Rahul|Arjun|Vikram|Tanvir|Kasun|Imran")),
    "malay": Pool(_split("Abdullah|Rahman|Santoso|Wijaya|Hidayat|Ismail|Hashim"),
                  _split("Siti Aminah|Dewi|Nur Aisyah|Rina|Farah"),
                  _split("Ahmad Faizal|Budi|Rizal|Hafiz|Agus")),
    "fil": Pool(_split("Santos|Reyes|Cruz|Bautista|Dela Cruz|Villanueva"),
                _split("Maricel|Angelica|Kristine"), _split("Jose Miguel|Paolo|Ramon")),
    "mekong": Pool(_split("Sok|Chea|Heng|Phommachanh|Sisavath|Keomany|Aung|Htun"),
                   _split("Sreymom|Channary|Bouaphanh|Khamla|Thida"),
                   _split("Dara|Vibol|Somphone|Bounmy|Kyaw Zin")),
    "pacific": Pool(_split("Waqa|Tuilagi|Naivalu|Ratu|Kaloumaira"),
                    _split("Litia|Mereoni|Salote"), _split("Josefa|Sitiveni|Maika")),
}

# The pool (or pools, drawn at random) a country's citizens are named from; the rest
# follow their UN regional group below.
COUNTRY_POOLS = {
    "VN": ["vi"], "CN": ["zh"], "JP": ["ja"], "KR": ["ko"], "TH": ["th"], "IR": ["fa"],
    "MN": ["mn"], "CY": ["el"], "GR": ["el"], "RU": ["ru"], "BY": ["ru"], "BG": ["ru"],
    "KZ": ["central_asia"], "UZ": ["central_asia"], "KG": ["central_asia"],
    "FR": ["fr"], "BE": ["fr", "nl"], "LU": ["fr", "de"], "CH": ["de", "fr", "it"],
    "CA": ["en", "fr"], "IT": ["it"], "DE": ["de"], "AT": ["de"], "NL": ["nl"],
    "DK": ["nordic"], "FI": ["nordic"], "NO": ["nordic"], "SE": ["nordic"], "IS": ["nordic"],
    "ES": ["es"], "PT": ["pt"], "BR": ["pt"], "AO": ["pt"], "MZ": ["pt"], "CV": ["pt"],
    "TR": ["tr"], "AZ": ["tr"], "MG": ["mg"], "TD": ["ar", "west_africa"],
    "IN": ["south_asia"], "BD": ["south_asia"], "PK": ["south_asia"], "LK": ["south_asia"],
    "NP": ["south_asia"], "ID": ["malay"], "MY": ["malay"], "BN": ["malay"],
    "SG": ["en", "zh", "malay"], "PH": ["fil"], "KH": ["mekong"], "LA": ["mekong"],
    "MM": ["mekong"], "FJ": ["pacific"], "AU": ["en"], "NZ": ["en", "pacific"],
    "GB": ["en"], "IE": ["en"], "US": ["en", "es"],
}
ARAB_STATES = _codes("DZ EG MA TN LY MR SD IQ JO KW LB OM QA SA AE BH SY YE PS")
EAST_SOUTH_AFRICA = _codes("ET KE MW NA RW ZA UG ZM ZW TZ BW LS SZ SS SO ER DJ")
GROUP_POOLS = {
    "african": ["west_africa"],
    "asia_pacific": ["en"],
    "eastern_european": ["cee"],
    "latin_american_caribbean": ["es"],
    "western_european_others": ["en"],
}
# Languages a statement is made in, among the six UN languages (and the host's).
FRANCOPHONE = _codes("FR BE LU BJ BF CM TD CI CD GA GN ML SN TG MG NE CG")
RUSSOPHONE = _codes("RU BY KZ KG UZ TJ")


def pool_for(country):
    """The name pools for a Country (None: anywhere)."""
    if country is None:
        return ["en"]
    if country.code in COUNTRY_POOLS:
        return COUNTRY_POOLS[country.code]
    if country.code in ARAB_STATES:
        return ["ar"]
    if country.code in EAST_SOUTH_AFRICA:
        return ["east_south_africa"]
    return GROUP_POOLS.get(country.regional_group, ["en"])


def statement_language(country):
    if country is None:
        return "en"
    code = country.code
    if code in ARAB_STATES:
        return "ar"
    if code in FRANCOPHONE:
        return "fr"
    if code in RUSSOPHONE:
        return "ru"
    if code == "CN":
        return "zh"
    if country.regional_group == "latin_american_caribbean" and code != "BR":
        return "es"
    if code == "ES":
        return "es"
    return "en"


@dataclass(frozen=True)
class Person:
    family_name: str
    given_names: str
    gender: str
    pool: str

    @property
    def full_name(self):
        pool = POOLS[self.pool]
        parts = ((self.family_name, self.given_names) if pool.family_first
                 else (self.given_names, self.family_name))
        return pool.joiner.join(parts)


def person(rng, country, gender):
    """A made-up person from `country` (a Country or None); gender "female" or "male"
    picks the given names (a third value draws either)."""
    key = rng.choice(pool_for(country))
    pool = POOLS[key]
    female = gender == "female" or (gender not in ("female", "male") and rng.random() < 0.5)
    family = rng.choice(pool.families)
    if isinstance(family, tuple):
        family = family[1] if female else family[0]
    given = rng.choice(pool.female if female else pool.male)
    return Person(family, given, gender, key)


def ascii_slug(text, sep="."):
    """“Hélène Lefèvre” → “helene.lefevre”; empty for a name in a non-Latin script."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    letters = "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in " -'"))
    words = "".join(c if c.isalnum() else " " for c in letters.lower()).split()
    return sep.join(words)


def short_slug(text, limit=40):
    """ascii_slug with hyphens, cut at a word boundary to at most `limit` characters."""
    slug = ascii_slug(text, "-")
    if len(slug) > limit:
        slug = slug[:limit + 1].rsplit("-", 1)[0]
    return slug
