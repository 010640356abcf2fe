"""UN member states and observer states with their UN regional groups (PRACTICE.md). Loaded
into the Country table by a data migration; the committee edits it there (the groups are
a host's reading of UN practice, e.g. Kiribati with Asia-Pacific, Türkiye and the United
States with Western European and Others)."""

AFRICAN = """DZ Algeria|AO Angola|BJ Benin|BW Botswana|BF Burkina Faso|BI Burundi|CV Cabo Verde|
CM Cameroon|CF Central African Republic|TD Chad|KM Comoros|CG Congo|CI Côte d'Ivoire|
CD Democratic Republic of the Congo|DJ Djibouti|EG Egypt|GQ Equatorial Guinea|ER Eritrea|
SZ Eswatini|ET Ethiopia|GA Gabon|GM Gambia|GH Ghana|GN Guinea|GW Guinea-Bissau|KE Kenya|
LS Lesotho|LR Liberia|LY Libya|MG Madagascar|MW Malawi|ML Mali|MR Mauritania|MU Mauritius|
MA Morocco|MZ Mozambique|NA Namibia|NE Niger|NG Nigeria|RW Rwanda|ST Sao Tome and Principe|
SN Senegal|SC Seychelles|SL Sierra Leone|SO Somalia|ZA South Africa|SS South Sudan|SD Sudan|
TG Togo|TN Tunisia|UG Uganda|TZ United Republic of Tanzania|ZM Zambia|ZW Zimbabwe"""

ASIA_PACIFIC = """AF Afghanistan|BH Bahrain|BD Bangladesh|BT Bhutan|BN Brunei Darussalam|
KH Cambodia|CN China|CY Cyprus|KP Democratic People's Republic of Korea|FJ Fiji|IN India|
ID Indonesia|IR Iran (Islamic Republic of)|IQ Iraq|JP Japan|JO Jordan|KZ Kazakhstan|
KI Kiribati|KW Kuwait|KG Kyrgyzstan|LA Lao People's Democratic Republic|LB Lebanon|
MY Malaysia|MV Maldives|MH Marshall Islands|FM Micronesia (Federated States of)|MN Mongolia|
MM Myanmar|NR Nauru|NP Nepal|OM Oman|PK Pakistan|PW Palau|PG Papua New Guinea|
PH Philippines|QA Qatar|KR Republic of Korea|WS Samoa|SA Saudi Arabia|SG Singapore|
SB Solomon Islands|LK Sri Lanka|SY Syrian Arab Republic|TJ Tajikistan|TH Thailand|
TL Timor-Leste|TO Tonga|TM Turkmenistan|TV Tuvalu|AE United Arab Emirates|UZ Uzbekistan|
VU Vanuatu|VN Viet Nam|YE Yemen"""

EASTERN_EUROPEAN = """AL Albania|AM Armenia|AZ Azerbaijan|BY Belarus|
BA Bosnia and Herzegovina|BG Bulgaria|HR Croatia|CZ Czechia|EE Estonia|GE Georgia|
HU Hungary|LV Latvia|LT Lithuania|ME Montenegro|MK North Macedonia|PL Poland|
MD Republic of Moldova|RO Romania|RU Russian Federation|RS Serbia|SK Slovakia|SI Slovenia|
UA Ukraine"""

LATIN_AMERICAN_CARIBBEAN = """AG Antigua and Barbuda|AR Argentina|BS Bahamas|BB Barbados|
BZ Belize|BO Bolivia (Plurinational State of)|BR Brazil|CL Chile|CO Colombia|CR Costa Rica|
CU Cuba|DM Dominica|DO Dominican Republic|EC Ecuador|SV El Salvador|GD Grenada|GT Guatemala|
GY Guyana|HT Haiti|HN Honduras|JM Jamaica|MX Mexico|NI Nicaragua|PA Panama|PY Paraguay|
PE Peru|KN Saint Kitts and Nevis|LC Saint Lucia|VC Saint Vincent and the Grenadines|
SR Suriname|TT Trinidad and Tobago|UY Uruguay|VE Venezuela (Bolivarian Republic of)"""

WESTERN_EUROPEAN_OTHERS = """AD Andorra|AU Australia|AT Austria|BE Belgium|CA Canada|
DK Denmark|FI Finland|FR France|DE Germany|GR Greece|IS Iceland|IE Ireland|IL Israel|
IT Italy|LI Liechtenstein|LU Luxembourg|MT Malta|MC Monaco|NL Netherlands (Kingdom of the)|
NZ New Zealand|NO Norway|PT Portugal|SM San Marino|ES Spain|SE Sweden|CH Switzerland|
TR Türkiye|GB United Kingdom of Great Britain and Northern Ireland|US United States of America"""

OBSERVER_STATES = """VA Holy See|PS State of Palestine"""


def _parse(block):
    for item in block.replace("\n", "").split("|"):
        code, name = item.strip().split(" ", 1)
        yield code, name


# The committee's names in other languages where CLDR's will not do: CLDR names Palestine
# "the Palestinian territories", the committee the observer state by its UN name.
COMMITTEE_NAMES = {"PS": {"ar": "دولة فلسطين", "vi": "Nhà nước Palestine"}}


def rows():
    """(iso code, name, regional group, member state) for every state, groups as in
    logistics.core.enums.RegionalGroup."""
    groups = [
        ("african", AFRICAN), ("asia_pacific", ASIA_PACIFIC),
        ("eastern_european", EASTERN_EUROPEAN),
        ("latin_american_caribbean", LATIN_AMERICAN_CARIBBEAN),
        ("western_european_others", WESTERN_EUROPEAN_OTHERS),
    ]
    for group, block in groups:
        for code, name in _parse(block):
            yield code, name, group, True
    for code, name in _parse(OBSERVER_STATES):
        yield code, name, "", False
