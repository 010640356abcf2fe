"""The venue and programme of the reference event (SCENARIO.md). Days are offsets from the
first day of the event (-2 is the rehearsal the President inspected), times are local."""

from logistics.programme.enums import MediaAccess, SessionKind

VENUE = ("National Convention Center", "57 Pham Hung, Nam Tu Liem, Hanoi")

# name, seats, access zone, interpretation booths, streaming; core rooms exist once, the
# others in every copy of the programme (at a larger scale, in annexes).
CORE_ROOMS = [
    ("Plenary Hall", 3000, "A", 7, True),
    ("Banquet Hall", 1500, "A", 2, False),
    ("Exhibition Hall", 2000, "C", 0, False),
    ("Press Conference Room", 250, "M", 2, True),
]
ROOMS = [
    ("Meeting Room 1", 500, "B", 7, True),
    ("Meeting Room 2", 300, "B", 6, True),
    ("Meeting Room 3", 300, "B", 6, True),
    ("Meeting Room 4", 200, "B", 2, True),
    ("Meeting Room 5", 150, "B", 2, False),
    ("Side Event Room A", 120, "C", 1, False),
    ("Side Event Room B", 100, "C", 0, False),
    ("Side Event Room C", 100, "C", 0, False),
    *((f"Bilateral Room {n}", 20, "V", 0, False) for n in range(1, 7)),
    *((f"Exhibition Stand {n}", 40, "C", 0, False) for n in range(1, 5)),
]
SEMINAR_ROOMS = ["Meeting Room 2", "Meeting Room 3"]
ROUNDTABLE_ROOM = "Meeting Room 1"
SIDE_EVENT_ROOMS = ["Meeting Room 4", "Meeting Room 5", "Side Event Room A",
                    "Side Event Room B", "Side Event Room C"]
BILATERAL_ROOMS = [f"Bilateral Room {n}" for n in range(1, 7)]
STANDS = [f"Exhibition Stand {n}" for n in range(1, 5)]

UN_LANGUAGES = ["ar", "zh", "en", "fr", "ru", "es"]
ALL_LANGUAGES = UN_LANGUAGES + ["vi"]

# key, title (generic: the office, no person's name)
HOST_LEADERS = [
    ("president", "The President of Viet Nam"),
    ("prime_minister", "The Prime Minister of Viet Nam"),
    ("foreign_minister", "The Minister for Foreign Affairs of Viet Nam"),
    ("public_security", "The Minister of Public Security of Viet Nam"),
]

# key, day, start, end, kind, title, room, audience, media, languages, host leader, chair
CORE_SESSIONS = [
    ("rehearsal", -2, "08:00", "11:00", SessionKind.REHEARSAL,
     "Full rehearsal of the opening and signing ceremonies", "Plenary Hall", 300,
     MediaAccess.CLOSED, [], "president", "Steering Committee"),
    ("technical_rehearsal", -1, "09:00", "12:00", SessionKind.REHEARSAL,
     "Technical rehearsal: interpretation, streaming and signing table", "Plenary Hall", 150,
     MediaAccess.CLOSED, ALL_LANGUAGES, None, "Working Group"),
    ("press_briefing", -1, "15:00", "16:00", SessionKind.PRESS_CONFERENCE,
     "Press briefing on the arrangements for the ceremony", "Press Conference Room", 200,
     MediaAccess.OPEN, ["vi", "en"], None, "Ministry of Foreign Affairs"),
    ("exhibition_1", 0, "08:00", "18:00", SessionKind.EXHIBITION,
     "Cybersecurity and technology exhibition", "Exhibition Hall", 1500, MediaAccess.OPEN,
     [], None, "National Cybersecurity Association"),
    ("opening", 0, "08:30", "09:30", SessionKind.OPENING, "Opening ceremony", "Plenary Hall",
     2800, MediaAccess.OPEN, ALL_LANGUAGES, "president",
     "The President of Viet Nam and the UN Secretary-General"),
    ("signing", 0, "09:30", "12:00", SessionKind.SIGNING_CEREMONY,
     "Signing ceremony of the United Nations Convention against Cybercrime", "Plenary Hall",
     2800, MediaAccess.OPEN, ALL_LANGUAGES, "president",
     "The President of Viet Nam and the UN Secretary-General"),
    ("prime_minister_press", 0, "12:15", "13:00", SessionKind.PRESS_CONFERENCE,
     "Press event of the Prime Minister", "Press Conference Room", 220, MediaAccess.OPEN,
     ["vi", "en"], "prime_minister", ""),
    ("luncheon", 0, "13:00", "14:15", SessionKind.RECEPTION,
     "Official luncheon for heads of delegation", "Banquet Hall", 600, MediaAccess.POOL, [],
     "prime_minister", ""),
    ("plenary", 0, "14:30", "18:00", SessionKind.PLENARY, "Plenary session: general statements",
     "Plenary Hall", 1800, MediaAccess.OPEN, ALL_LANGUAGES, None,
     "President of the Conference"),
    ("reception", 0, "19:00", "20:30", SessionKind.RECEPTION,
     "Welcome reception hosted by the President of Viet Nam", "Banquet Hall", 1200,
     MediaAccess.POOL, [], "president", ""),
    ("cultural", 0, "20:30", "21:30", SessionKind.CULTURAL,
     "Welcome art programme: music and dance of Viet Nam", "Banquet Hall", 1200,
     MediaAccess.POOL, [], None, "Ministry of Culture, Sports and Tourism"),
    ("exhibition_2", 1, "08:00", "17:00", SessionKind.EXHIBITION,
     "Cybersecurity and technology exhibition (second day)", "Exhibition Hall", 1500,
     MediaAccess.OPEN, [], None, "National Cybersecurity Association"),
    ("debate", 1, "09:00", "12:30", SessionKind.HIGH_LEVEL_DEBATE, "High-level general debate",
     "Plenary Hall", 2000, MediaAccess.OPEN, ALL_LANGUAGES, None,
     "President of the Conference"),
    ("closing", 1, "16:00", "17:00", SessionKind.PLENARY, "Closing session", "Plenary Hall",
     1500, MediaAccess.OPEN, ALL_LANGUAGES, "public_security", "President of the Conference"),
    ("press_final", 1, "17:15", "18:00", SessionKind.PRESS_CONFERENCE,
     "International press conference", "Press Conference Room", 240, MediaAccess.OPEN,
     ["vi", "en", "fr"], "public_security", "Ministry of Public Security and UNODC"),
]
# Where the statements are made: the high-level debate takes the highest-ranked speakers.
SPEAKER_SESSIONS = {"debate": 31, "plenary": 40}
# Who makes them (of 71): states, international organisations, technology companies.
SPEAKER_MIX = {"state": 58, "organisation": 8, "private_sector": 5}

SEMINARS = [
    "Implementing the Convention: criminalisation and procedural measures",
    "Electronic evidence across borders: from requests to results",
    "Protecting children online with the Convention's tools",
    "Technical assistance and capacity building for developing countries",
    "Human rights safeguards in cybercrime investigations",
    "Public–private cooperation against ransomware",
    "Tracing and recovering the proceeds of cybercrime",
    "The road to entry into force: ratification and national legislation",
]
# day, start, end: two seminar rooms run these slots
SEMINAR_SLOTS = [(0, "14:30", "16:30"), (0, "16:45", "18:45"), (1, "09:00", "11:00"),
                 (1, "13:30", "15:30")]
SEMINAR_ORGANISERS = ["United Nations Office on Drugs and Crime", "INTERPOL",
                      "Council of Europe", "United Nations Children's Fund",
                      "Office of the United Nations High Commissioner for Human Rights",
                      "ASEAN Secretariat", "World Bank Group",
                      "United Nations Office of Legal Affairs"]

# title, day, start, end, host leader chairing (or None), participating heads
ROUNDTABLES = [
    ("High-level roundtable 1: International cooperation to prevent and combat cybercrime",
     0, "14:30", "16:30", "foreign_minister", 10),
    ("High-level roundtable 2: Technical assistance and capacity building",
     1, "09:30", "11:30", None, 9),
    ("High-level roundtable 3: Partnerships with the private sector and civil society",
     1, "13:30", "15:30", None, 8),
]

# counterpart (a host leader's key or "delegation"), status; repeated to the count wanted
BILATERALS = [
    *[("president", "scheduled")] * 5, ("president", "requested"),
    *[("prime_minister", "scheduled")] * 3, ("prime_minister", "declined"),
    *[("foreign_minister", "scheduled")] * 3, ("foreign_minister", "requested"),
    *[("public_security", "scheduled")] * 2,
    *[("delegation", "scheduled")] * 2, ("delegation", "requested"), ("delegation", "declined"),
]
# When each can meet: (day, from, to); bilaterals last 30 minutes, 15 between.
BILATERAL_WINDOWS = {
    "president": [(0, "14:00", "18:30")],
    "prime_minister": [(0, "14:30", "18:30")],
    "foreign_minister": [(1, "09:00", "12:00"), (1, "13:30", "16:00")],
    "public_security": [(1, "09:00", "12:00"), (1, "13:30", "15:30")],
    "delegation": [(0, "14:00", "18:30"), (1, "09:00", "16:00")],
}
BILATERAL_SUBJECTS = [
    "Ratification of the Convention", "Mutual legal assistance and extradition",
    "Police cooperation and training", "Cooperation against online fraud and scam centres",
    "A capacity-building programme for judges and prosecutors",
    "Cybersecurity and protection of critical infrastructure",
    "Exchange of electronic evidence", "Cooperation on child online protection",
]

# Side events: subjects, and a title for each format (two variants each).
SIDE_EVENT_SUBJECTS = [
    "Ransomware response", "Cross-border access to electronic evidence",
    "Online child sexual exploitation", "Cryptocurrency tracing", "Business e-mail compromise",
    "Cyber-enabled fraud against older people", "Digital forensics laboratories",
    "Mutual legal assistance in cyber cases", "24/7 points of contact networks",
    "Open-source intelligence", "AI-generated content and deepfakes",
    "Protecting critical infrastructure", "Online scam compounds and human trafficking",
    "Drafting cybercrime legislation", "Judicial training on cybercrime",
    "Victim support and reporting platforms", "Dark-web marketplaces",
    "SIM-swap and mobile-money fraud", "Preserving evidence in the cloud",
    "Gender and cybercrime", "Cyber hygiene for young people",
    "Data protection in criminal investigations", "Sharing threat intelligence",
    "Measuring cybercrime: statistics and surveys", "Regional cooperation in ASEAN",
]
SIDE_EVENT_TITLES = {
    "panel": ["{subject}: lessons from the field", "{subject}: what the Convention changes"],
    "workshop": ["Workshop: {subject}", "Hands-on training: {subject}"],
    "exhibition_booth": ["{subject}: technology showcase", "{subject}: tools on show"],
}
# Of 50 proposals: 28 panels, 14 workshops, 8 exhibition booths; 37 accepted, 6 waitlisted,
# 5 rejected and 2 not yet decided; 31 of the accepted confirmed by their organisers.
SIDE_EVENT_FORMATS = {"panel": 28, "workshop": 14, "exhibition_booth": 8}
SIDE_EVENT_OUTCOMES = {"waitlisted": 6, "rejected": 5}
CONFIRMED_SHARE = 31 / 37
# Side-event slots on each day of the event: start, end, part of the day.
SIDE_EVENT_SLOTS = [("10:00", "11:30", "am"), ("12:00", "13:30", "pm"), ("14:00", "15:30", "pm"),
                    ("16:00", "17:30", "pm"), ("18:00", "19:30", "eve")]
BOOTH_HOURS = {0: ("09:00", "17:00"), 1: ("09:00", "16:00")}
TECHNICAL_NEEDS = ["Projector and two lapel microphones", "Video link for two remote speakers",
                   "Power for six laptops and a screen", "Interpretation English–French",
                   "A booth of 3 by 3 metres with a counter", "Wi-Fi for 60 participants", ""]
REVIEW_COMMENTS = {
    5: "Strong speakers and a clear link to the Convention's chapters.",
    4: "Relevant and well prepared; the abstract could name the speakers.",
    3: "Useful, but it overlaps with a seminar on the same day.",
    2: "Too promotional for the official programme.",
    1: "Out of scope for this conference.",
}
REVIEWERS = [("reviewer.thao", "Lương Thu Thảo"), ("reviewer.kien", "Trịnh Trung Kiên")]
