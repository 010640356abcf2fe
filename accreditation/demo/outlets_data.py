"""The media outlets of the demo: real domestic and foreign news organisations (public names,
as a press office's list would have them), then made-up ones to reach 189 per copy of the
scenario. Each line: name | ISO country | kind | quota of journalists.

Kinds: A news agency, T television, R radio, P newspapers and magazines, O online,
F photo agency."""

KINDS = {"A": "news_agency", "T": "tv", "R": "radio", "P": "print", "O": "online",
         "F": "photo_agency"}

DOMESTIC = """
Vietnam News Agency|VN|A|14
Vietnam Television (VTV)|VN|T|14
Voice of Vietnam (VOV)|VN|R|10
Nhân Dân|VN|P|6
Quân đội Nhân dân|VN|P|5
Công an Nhân dân|VN|P|6
People's Public Security Television (ANTV)|VN|T|6
National Defence Television (QPVN)|VN|T|4
Tuổi Trẻ|VN|P|5
Thanh Niên|VN|P|5
VnExpress|VN|O|5
Dân Trí|VN|O|4
VietnamPlus|VN|O|4
Vietnam News|VN|P|4
VietNamNet|VN|O|4
Znews|VN|O|3
Tiền Phong|VN|P|3
Lao Động|VN|P|3
Hà Nội Mới|VN|P|3
An ninh Thủ đô|VN|P|3
Hanoi Radio and Television|VN|T|6
Ho Chi Minh City Television (HTV)|VN|T|4
VTC|VN|T|4
VOV World|VN|R|3
Sài Gòn Giải Phóng|VN|P|3
Người Lao Động|VN|P|3
Pháp Luật Thành phố Hồ Chí Minh|VN|P|2
Government News (Báo Điện tử Chính phủ)|VN|O|4
Kinh tế & Đô thị|VN|P|2
Đại Đoàn Kết|VN|P|2
Tin Tức|VN|P|2
Tạp chí Cộng sản|VN|P|2
Nông thôn Ngày nay|VN|P|2
Đời sống & Pháp luật|VN|P|2
Vietnam Investment Review|VN|P|2
The Saigon Times|VN|P|2
Vietnam Economic Times|VN|P|2
Vietnam Law and Legal Forum|VN|P|2
Vietnam Pictorial|VN|F|3
Thời Đại|VN|P|2
"""

# The big agencies and broadcasters first: a smaller copy keeps the best known.
FOREIGN = """
Reuters|GB|A|8
Associated Press|US|A|8
Agence France-Presse|FR|A|8
Xinhua News Agency|CN|A|8
Kyodo News|JP|A|5
Yonhap News Agency|KR|A|5
TASS|RU|A|5
Agence Kampuchea Presse|KH|A|4
Lao News Agency (KPL)|LA|A|4
Prensa Latina|CU|A|4
Agencia EFE|ES|A|4
Deutsche Presse-Agentur|DE|A|4
Press Trust of India|IN|A|4
ANTARA|ID|A|4
Bernama|MY|A|4
Anadolu Agency|TR|A|4
CCTV|CN|T|6
CGTN|CN|T|5
NHK|JP|T|5
KBS|KR|T|4
BBC|GB|T|5
CNN|US|T|4
Al Jazeera|QA|T|4
CNA|SG|T|4
Bloomberg|US|O|3
France 24|FR|T|3
Deutsche Welle|DE|T|3
ABC Australia|AU|T|3
Thai PBS|TH|T|3
Nikkei Asia|JP|P|3
The Straits Times|SG|P|3
People's Daily|CN|P|3
China Daily|CN|P|3
Getty Images|US|F|3
Jiji Press|JP|A|3
RIA Novosti|RU|A|3
ANSA|IT|A|3
Philippine News Agency|PH|A|3
Thai News Agency|TH|A|3
Myanmar News Agency|MM|A|3
Australian Associated Press|AU|A|3
European Pressphoto Agency|DE|F|2
Radio France Internationale|FR|R|2
Sputnik|RU|O|3
Arirang TV|KR|T|2
TRT World|TR|T|2
Al Arabiya|AE|T|2
SABC|ZA|T|2
CBC/Radio-Canada|CA|T|2
RNZ|NZ|R|2
TV Globo|BR|T|2
RAI|IT|T|2
RTVE|ES|T|2
National Television of Cambodia|KH|T|2
Lao National Television|LA|T|2
MRTV|MM|T|2
Radio Televisyen Malaysia|MY|T|2
TVRI|ID|T|2
People's Television Network|PH|T|2
Doordarshan|IN|T|2
Euronews|FR|T|2
The New York Times|US|P|2
The Washington Post|US|P|2
The Wall Street Journal|US|P|2
Financial Times|GB|P|2
The Guardian|GB|P|2
The Economist|GB|P|2
Le Monde|FR|P|2
El País|ES|P|2
Der Spiegel|DE|P|2
Frankfurter Allgemeine Zeitung|DE|P|2
Corriere della Sera|IT|P|2
Asahi Shimbun|JP|P|2
Yomiuri Shimbun|JP|P|2
South China Morning Post|CN|P|2
Global Times|CN|P|2
The Korea Herald|KR|P|2
The Hindu|IN|P|2
Dawn|PK|P|2
The Daily Star|BD|P|2
The Jakarta Post|ID|P|2
The Star|MY|P|2
Philippine Daily Inquirer|PH|P|2
Bangkok Post|TH|P|2
Khmer Times|KH|P|2
Vientiane Times|LA|P|2
The Sydney Morning Herald|AU|P|2
Gulf News|AE|P|2
Al-Ahram|EG|P|2
Daily Nation|KE|P|2
Clarín|AR|P|2
Folha de S.Paulo|BR|P|2
El Tiempo|CO|P|2
El Universal|MX|P|2
Granma|CU|P|2
Kommersant|RU|P|2
Politico Europe|BE|O|2
The Record|US|O|2
Austria Presse Agentur|AT|A|2
Belga|BE|A|2
ANP|NL|A|2
TT Nyhetsbyrån|SE|A|2
NTB|NO|A|2
Finnish News Agency STT|FI|A|2
Ritzau|DK|A|2
Polish Press Agency|PL|A|2
ČTK|CZ|A|2
MTI|HU|A|2
Agerpres|RO|A|2
BTA|BG|A|2
Tanjug|RS|A|2
HINA|HR|A|2
Lusa|PT|A|2
Keystone-SDA|CH|A|2
The Canadian Press|CA|A|2
Kazinform|KZ|A|2
Montsame|MN|A|2
Bangladesh Sangbad Sangstha|BD|A|2
Associated Press of Pakistan|PK|A|2
Middle East News Agency|EG|A|2
Emirates News Agency|AE|A|2
Saudi Press Agency|SA|A|2
Qatar News Agency|QA|A|2
Kuwait News Agency|KW|A|2
Islamic Republic News Agency|IR|A|2
Algérie Presse Service|DZ|A|2
Maghreb Arabe Presse|MA|A|2
Tunis Afrique Presse|TN|A|2
News Agency of Nigeria|NG|A|2
Kenya News Agency|KE|A|2
Ghana News Agency|GH|A|2
Agence de Presse Sénégalaise|SN|A|2
Agência Angola Press|AO|A|2
Ethiopian News Agency|ET|A|2
Agencia Andina|PE|A|2
Agência Brasil|BR|A|2
WAFA|PS|A|2
Petra|JO|A|2
Azertac|AZ|A|2
Armenpress|AM|A|2
BelTA|BY|A|2
Ukrinform|UA|A|2
"""

# Made-up outlets: "<city> <title>", each city in its country; titles with their kind.
CITIES = """Lagos NG|Nairobi KE|Accra GH|Dakar SN|Abidjan CI|Kampala UG|Lusaka ZM|Harare ZW|
Maputo MZ|Windhoek NA|Kigali RW|Addis Ababa ET|Casablanca MA|Tunis TN|Cairo EG|Amman JO|
Beirut LB|Doha QA|Muscat OM|Riyadh SA|Dubai AE|Karachi PK|Lahore PK|Dhaka BD|Colombo LK|
Kathmandu NP|Mumbai IN|Chennai IN|Bengaluru IN|Kolkata IN|Yangon MM|Mandalay MM|
Phnom Penh KH|Siem Reap KH|Vientiane LA|Luang Prabang LA|Chiang Mai TH|Kuala Lumpur MY|
Penang MY|Surabaya ID|Bandung ID|Cebu PH|Davao PH|Busan KR|Incheon KR|Osaka JP|Sapporo JP|
Fukuoka JP|Shanghai CN|Guangzhou CN|Kunming CN|Nanning CN|Ulaanbaatar MN|Almaty KZ|
Tashkent UZ|Bishkek KG|Baku AZ|Tbilisi GE|Yerevan AM|Kyiv UA|Warsaw PL|Kraków PL|Prague CZ|
Brno CZ|Budapest HU|Bucharest RO|Sofia BG|Belgrade RS|Zagreb HR|Ljubljana SI|Vilnius LT|
Riga LV|Tallinn EE|Helsinki FI|Stockholm SE|Gothenburg SE|Oslo NO|Copenhagen DK|Hamburg DE|
Munich DE|Cologne DE|Vienna AT|Zürich CH|Geneva CH|Lyon FR|Marseille FR|Brussels BE|
Rotterdam NL|Lisbon PT|Porto PT|Barcelona ES|Seville ES|Milan IT|Naples IT|Athens GR|
Dublin IE|Manchester GB|Edinburgh GB|Toronto CA|Montréal CA|Vancouver CA|Chicago US|
Boston US|Seattle US|Miami US|Houston US|Mexico City MX|Guadalajara MX|Bogotá CO|Lima PE|
Quito EC|Santiago CL|Buenos Aires AR|Montevideo UY|São Paulo BR|Rio de Janeiro BR|Havana CU|
Santo Domingo DO|San José CR|Panama City PA|Kingston JM|Auckland NZ|Melbourne AU|Perth AU|
Suva FJ|Port Moresby PG"""

TITLES = [("Daily", "P"), ("Herald", "P"), ("Tribune", "P"), ("Chronicle", "P"),
          ("Courier", "P"), ("Observer", "P"), ("Gazette", "P"), ("Evening Post", "P"),
          ("Business Review", "P"), ("Weekly", "P"), ("Television", "T"), ("News Channel", "T"),
          ("Public Radio", "R"), ("Radio International", "R"), ("Online", "O"),
          ("Tech Daily", "O"), ("Cyber Wire", "O"), ("Digital News", "O"),
          ("Photo Service", "F"), ("Press Photo", "F")]


def _rows(block):
    for line in block.strip().splitlines():
        name, country, kind, quota = line.split("|")
        yield name, country, KINDS[kind], int(quota)


def real(domestic):
    """(name, country code, kind, quota) of the real outlets, domestic or foreign."""
    return list(_rows(DOMESTIC if domestic else FOREIGN))


def made_up():
    """(name, country code, kind) of every made-up outlet, in a fixed order: each title
    across all the cities before the next title."""
    cities = [item.strip().rsplit(" ", 1) for item in CITIES.replace("\n", "").split("|")]
    return [(f"{city} {title}", code, KINDS[kind])
            for title, kind in TITLES for city, code in cities]
