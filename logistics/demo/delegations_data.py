"""Who came to the reference event (SCENARIO.md): the 110 states chosen from the Country
table, 150 organisations, 50 research institutions, and what protocol keeps about them.
Organisations of the UN system and intergovernmental ones are real bodies; the NGOs, the
companies and the institutes are made up, as are all the people."""

HOST = "VN"  # the host country sends no delegation


def codes(text):
    """ISO codes written as one string, "AT BE BG", for short lines."""
    return text.split()



# 110 states by UN regional group; every one also in logistics.demo.countries.
STATES = {
    "african": "DZ AO BJ BF CM CV TD CI CD EG ET GA GH GN KE LR MG MW ML MA MZ NA NG RW SN "
               "ZA TG TN UG ZM",
    "asia_pacific": "BD BN KH CN CY FJ IN ID IR IQ JP JO KZ KW LA LB MY MN MM OM PK PH QA KR "
                    "SA SG LK TH AE UZ",
    "eastern_european": "AL AZ BY BG HR CZ EE HU LV LT PL RO RU SK",
    "latin_american_caribbean": "AR BR CL CO CR CU DO EC SV GT MX PA PY PE UY VE",
    "western_european_others": "AU AT BE CA DK FI FR DE GR IE IT NL NZ NO PT ES SE CH GB US",
}
EUROPEAN_UNION = set(codes("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT "
                           "RO SK SI ES SE"))

# The 72 signatories by region (SCENARIO.md: 21 African, 19 Asia-Pacific, 19 European
# Union, 12 Latin American, and one more European state).
SIGNATORIES = {"african": 21, "asia_pacific": 19, "european_union": 19,
               "latin_american_caribbean": 12, "other": 1}

# Heads of state or government come from these (republics with such offices).
HEAD_OF_STATE_FROM = codes("AO GH KE MZ NA SN CL CO PY PH ID KZ UZ PL PT FI")
HEAD_OF_GOVERNMENT_FROM = codes("KH LA MN TH CZ HU SK EE BE NL IT ES NZ CV TN RW")

# Levels of the 110 heads of state delegations, highest first.
STATE_LEVELS = {
    "head_of_state": 5, "head_of_government": 7, "foreign_minister": 18, "minister": 32,
    "vice_minister": 26, "ambassador": 17, "senior_official": 5,
}
MINISTER_TITLES = ["Minister of Justice", "Minister of Public Security", "Minister of the Interior",
                   "Minister of Information and Communications", "Minister of Digital Affairs"]
VICE_MINISTER_TITLES = ["Vice-Minister for Foreign Affairs", "Deputy Minister of Justice",
                        "Vice-Minister of Public Security", "Deputy Minister of the Interior"]
AMBASSADOR_TITLES = ["Ambassador to Viet Nam",
                     "Ambassador, Permanent Representative to the United Nations (Vienna)"]
SENIOR_OFFICIAL_TITLES = ["Director-General for Legal Affairs",
                          "Head of the National Cybercrime Unit"]

# (status, share) by kind; the rest are registered (or arrived, departed: see the dates).
STATUS_COUNTS = {
    "state": {"declined": 3, "invited": 4, "confirmed": 6},
    "organisation": {"declined": 4, "invited": 8, "confirmed": 10},
    "research": {"declined": 2, "invited": 4, "confirmed": 5},
}

UN_ENTITIES = [
    "United Nations Office on Drugs and Crime", "United Nations Development Programme",
    "United Nations Children's Fund", "International Telecommunication Union",
    "United Nations Educational, Scientific and Cultural Organization",
    "United Nations Conference on Trade and Development",
    "Office of the United Nations High Commissioner for Human Rights",
    "United Nations Office of Counter-Terrorism",
    "United Nations Institute for Disarmament Research",
    "United Nations Interregional Crime and Justice Research Institute", "UN Women",
    "United Nations Office of Legal Affairs", "International Organization for Migration",
    "World Intellectual Property Organization", "Universal Postal Union",
    "Economic and Social Commission for Asia and the Pacific",
    "Economic Commission for Africa",
    "Economic Commission for Latin America and the Caribbean",
    "Economic and Social Commission for Western Asia", "Economic Commission for Europe",
    "United Nations University", "United Nations Institute for Training and Research",
    "United Nations Office for Project Services", "World Bank Group",
    "United Nations Resident Coordinator Office in Viet Nam",
]
IGOS = [
    "INTERPOL", "ASEAN Secretariat", "ASEANAPOL", "African Union Commission",
    "Council of Europe", "European Union", "Organization for Security and Co-operation in Europe",
    "Organization of American States", "League of Arab States", "Gulf Cooperation Council",
    "Shanghai Cooperation Organisation", "Commonwealth of Independent States",
    "Commonwealth Secretariat", "Organisation internationale de la Francophonie",
    "Pacific Islands Forum Secretariat", "Economic Community of West African States",
    "Southern African Development Community", "East African Community",
    "CARICOM Implementation Agency for Crime and Security", "Europol", "Eurojust", "AFRIPOL",
    "Organisation for Economic Co-operation and Development",
    "International Development Law Organization", "Asian Development Bank",
    "Islamic Development Bank", "Inter-Parliamentary Union", "Financial Action Task Force",
    "Asia/Pacific Group on Money Laundering", "Hague Conference on Private International Law",
]
NGO_REGIONS = ["Global", "Asia-Pacific", "African", "Latin American", "Arab", "European",
               "Mekong", "Pacific Islands", "South Asian", "Caribbean"]
NGO_FOCUS = ["Cyber Peace", "Digital Rights", "Child Online Protection", "Cyber Resilience",
             "Internet Safety", "Cybercrime Victims", "Digital Inclusion", "Open Internet",
             "Anti-Fraud", "Women in Cybersecurity"]
NGO_FORMS = ["Network", "Foundation", "Alliance", "Institute", "Council"]
COMPANY_NAMES = ["Lotus", "Red River", "Northwind", "Bamboo", "Meridian", "Harbour", "Summit",
                 "Polaris", "Jade", "Silverline"]
COMPANY_TRADES = ["Cloud Systems", "Secure Networks", "Cyber Defence", "Data Forensics",
                  "Telecom", "Payments", "Threat Intelligence", "Identity Solutions", "Software"]
COMPANY_FORMS = ["JSC", "Ltd", "Inc.", "GmbH", "S.A."]
# (city, ISO code of its country): the research institutions' homes.
RESEARCH_CITIES = [
    ("Hanoi", "VN"), ("Ho Chi Minh City", "VN"), ("Da Nang", "VN"), ("Singapore", "SG"),
    ("Seoul", "KR"), ("Tokyo", "JP"), ("Bengaluru", "IN"), ("Nairobi", "KE"), ("Lagos", "NG"),
    ("Cape Town", "ZA"), ("Cairo", "EG"), ("Tunis", "TN"), ("São Paulo", "BR"),
    ("Mexico City", "MX"), ("Bogotá", "CO"), ("Santiago", "CL"), ("Geneva", "CH"),
    ("Vienna", "AT"), ("Tallinn", "EE"), ("Leiden", "NL"), ("Montréal", "CA"),
    ("Canberra", "AU"), ("Jakarta", "ID"), ("Bangkok", "TH"), ("Kuala Lumpur", "MY"),
]
RESEARCH_FORMS = ["{city} Institute for Cybersecurity Studies",
                  "Centre for Digital Forensics and Criminal Justice, {city}"]

HOTELS = ["JW Marriott Hotel Hanoi", "Lotte Hotel Hanoi", "InterContinental Hanoi Landmark72",
          "Sofitel Legend Metropole Hanoi", "Hilton Hanoi Opera", "Pan Pacific Hanoi",
          "Melia Hanoi", "Sheraton Hanoi Hotel"]
LIAISON_OFFICERS = [
    ("liaison.an", "Nguyễn Hoài An"), ("liaison.binh", "Trần Thanh Bình"),
    ("liaison.chi", "Lê Kim Chi"), ("liaison.dung", "Phạm Tiến Dũng"),
    ("liaison.giang", "Hoàng Thu Giang"), ("liaison.hai", "Vũ Ngọc Hải"),
    ("liaison.khoa", "Đặng Minh Khoa"), ("liaison.linh", "Bùi Phương Linh"),
    ("liaison.nam", "Đỗ Hoài Nam"), ("liaison.quyen", "Ngô Lệ Quyên"),
]

STATE_MEMBER_TITLES = ["Deputy Head of Delegation", "Ambassador", "Minister-Counsellor",
                       "Counsellor", "First Secretary", "Second Secretary", "Legal Adviser",
                       "Cybercrime Expert", "Police Attaché", "Senior Prosecutor",
                       "Director, Ministry of Justice", "Protocol Officer", "Press Officer",
                       "Interpreter", "Security Officer", "Adviser"]
ORGANISATION_HEAD_TITLES = {
    "un_entity": ["Executive Director", "Under-Secretary-General", "Director", "Representative"],
    "igo": ["Secretary-General", "Deputy Secretary-General", "Director", "Head of Delegation"],
    "ngo": ["Executive Director", "President", "Chair of the Board"],
    "private_sector": ["Chief Executive Officer", "Vice-President, Government Affairs",
                       "Chief Information Security Officer"],
    "research": ["Director", "Professor", "Head of Research"],
}
ORGANISATION_MEMBER_TITLES = ["Director", "Senior Programme Officer", "Legal Officer",
                              "Policy Adviser", "Head of Government Affairs",
                              "Communications Officer", "Project Manager", "Researcher"]
RESEARCH_MEMBER_TITLES = ["Professor", "Senior Researcher", "Research Fellow", "PhD Candidate",
                          "Lecturer"]
DIETARY = ["Vegetarian", "Halal", "No pork", "Gluten-free", "Vegan", "No seafood"]
ACCESSIBILITY = ["Wheelchair access", "Step-free room", "Hearing loop"]
PROTOCOL_NOTES = [
    "Motorcade and guard of honour at Noi Bai on arrival.",
    "Asks for a prayer room near the plenary hall.",
    "Advance team arrives two days ahead; security liaison with the Guard High Command.",
    "Requests a courtesy call on the Minister for Foreign Affairs.",
    "Spouse accompanies: partners' programme.",
    "Head of delegation leaves right after the signing.",
]

# Airlines that reach Hanoi, by the traveller's region: IATA codes for plausible flights.
CARRIERS = {
    "african": ["ET", "EK", "QR", "TK", "AF", "KQ"],
    "asia_pacific": ["VN", "VJ", "QH", "SQ", "TG", "CX", "KE", "OZ", "JL", "NH", "CA", "CZ",
                     "MU", "MH", "GA", "PR", "AI", "QR", "EK"],
    "eastern_european": ["TK", "SU", "QR", "EK", "LH"],
    "latin_american_caribbean": ["EK", "QR", "TK", "AF", "LH", "KE"],
    "western_european_others": ["AF", "LH", "TK", "QR", "EK", "QF", "VN", "BA"],
    "": ["VN", "QR", "EK", "SQ", "TK", "AF"],
}
DOMESTIC_CARRIERS = ["VN", "VJ", "QH"]
# Where delegations land: most in Hanoi, some through Ho Chi Minh City or Da Nang.
AIRPORTS = [("HAN", 85), ("SGN", 9), ("DAD", 6)]
